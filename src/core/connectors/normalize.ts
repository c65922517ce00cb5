/**
 * The last step of every connector's output: timestamps to ISO-8601 UTC, PII redacted from every field a
 * person can fill, customer identities pseudonymised, messages in time order, then validated against the
 * canonical schema. What each field gets (docs/SECURITY.md):
 * - free text (message texts, a rating's comment): every finding replaced by its placeholder;
 * - identifiers (source ids, message ids, agent ids, the assignee): replaced by a keyed pseudonym when they
 *   hold personal data, so grouping by them still works and nothing readable is kept;
 * - categories (team, tags, product area, customer plan/segment/country, language): dropped when they hold
 *   personal data: nothing is aggregated by a value that is a phone number or a name.
 * Fields the schema has no place for (subjects, custom fields, attachment names) are not stored at all.
 */
import { createHmac } from 'node:crypto';
import { Conversation, describeZodError, type ConversationInput } from '../schema/conversation';
import { Rating, type RatingInput } from '../schema/rating';
import type { Redactor } from '../pii/redact';

export type NormaliseResult = { ok: true; conversation: Conversation } | { ok: false; reason: string };
export type NormaliseRatingResult = { ok: true; rating: Rating } | { ok: false; reason: string };

export interface Normaliser {
  normalise(input: ConversationInput): NormaliseResult;
  /** A separately exported satisfaction rating: its time to ISO-8601 UTC, its comment redacted, validated. */
  normaliseRating(input: RatingInput): NormaliseRatingResult;
}

/** Longest message text kept; longer ones are cut (and say so) so one paste cannot swamp analysis. */
export const MAX_MESSAGE_CHARS = 20_000;

/** Largest time a Date holds (±100,000,000 days around 1970): beyond it toISOString throws. */
const MAX_TIME_MS = 8.64e15;

/** Unix seconds (below 10¹², i.e. before the year 33658) or milliseconds as an ISO string; undefined when out of any date's range. */
export function unixToIso(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const ms = Math.abs(value) < 1e12 ? value * 1000 : value;
  return Math.abs(ms) <= MAX_TIME_MS ? new Date(ms).toISOString() : undefined;
}

/** Accepts ISO-8601 (zone-less means UTC), "YYYY-MM-DD HH:MM[:SS]" and Unix seconds/milliseconds. */
export function toIsoTimestamp(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number') return unixToIso(value);
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let s = value.trim();
  if (/^\d{10}(\d{3})?$/.test(s)) return toIsoTimestamp(Number(s));
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = `${s.replace(' ', 'T')}Z`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s = `${s}T00:00:00Z`;
  const t = Date.parse(s);
  return Number.isNaN(t) || Math.abs(t) > MAX_TIME_MS ? undefined : new Date(t).toISOString();
}

/** Help-desk records older than this are export errors (a zero or a default date), not conversations. */
export const EARLIEST_TIMESTAMP = '1990-01-01T00:00:00.000Z';

/** The first timestamp of a conversation that lies outside [EARLIEST_TIMESTAMP, latest], as "field value", or undefined. */
export function timestampOutOfRange(c: Conversation, latest: string): string | undefined {
  const fields: [string, string | undefined][] = [['createdAt', c.createdAt], ['updatedAt', c.updatedAt], ['closedAt', c.closedAt], ...c.messages.map((m, i): [string, string] => [`messages.${i}.createdAt`, m.createdAt])];
  // Normalised timestamps are all "YYYY-MM-DDTHH:MM:SS.sssZ" (toIsoTimestamp): they compare as strings.
  for (const [field, at] of fields) {
    if (!at) continue;
    if (at > latest) return `${field} ${at} is after ${latest}`;
    if (at < EARLIEST_TIMESTAMP) return `${field} ${at} is before ${EARLIEST_TIMESTAMP}`;
  }
  return undefined;
}

export function createPseudonymiser(secret: string): (identity: string) => string {
  return (identity) => `c_${createHmac('sha256', secret).update(identity.trim().toLowerCase()).digest('hex').slice(0, 20)}`;
}

const PLAIN_TOKEN = /^[A-Za-z0-9_.#/-]{1,64}$/;
function digitsIn(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) n++;
  return n;
}

export function createNormaliser(options: { redactor: Redactor; pseudonymise: (id: string) => string }): Normaliser {
  const { redactor, pseudonymise } = options;
  // Ids, tags and team names repeat from record to record: each distinct value is checked once (bounded memory).
  const checked = new Map<string, boolean>();
  const holdsPii = (value: string): boolean => {
    // A short token of letters, digits and ./_#- with fewer than four digits can hold nothing a detector finds.
    if (PLAIN_TOKEN.test(value) && digitsIn(value) < 4) return false;
    let known = checked.get(value);
    if (known === undefined) {
      known = redactor.find(value, { identifier: true }).length > 0;
      if (checked.size >= 50_000) checked.clear();
      checked.set(value, known);
    }
    return known;
  };
  /** An identifier that holds personal data becomes a keyed pseudonym ("p_…"): stable, so grouping and joins still work. */
  const identifier = <T extends string | undefined>(value: T): T => (value && holdsPii(value) ? (`p_${pseudonymise(`id\u0000${value}`).slice(2)}` as T) : value);
  /** A category value that holds personal data is dropped: nothing is aggregated by it. */
  const category = (value: unknown): string | undefined => (typeof value === 'string' && value && !holdsPii(value) ? value : undefined);
  /** "<source>:<sourceId>" with each part as identifier() makes it, so a rating still finds the conversation it rates. */
  const conversationRef = (ref: string): string => {
    const colon = ref.indexOf(':');
    return colon < 0 ? identifier(ref) : `${identifier(ref.slice(0, colon))}:${identifier(ref.slice(colon + 1))}`;
  };
  return {
    normalise(input) {
      const problems: string[] = [];
      const ts = (field: string, v: unknown, required: boolean) => {
        const iso = toIsoTimestamp(v);
        if (!iso && (required || (v !== undefined && v !== null && v !== ''))) {
          problems.push(v === undefined || v === '' || v === null ? `${field}: missing timestamp` : `${field}: unreadable timestamp ${JSON.stringify(v)}`);
        }
        return iso;
      };
      const rawCustomerId = input.customer?.id;
      const customerId = rawCustomerId ? pseudonymise(String(rawCustomerId)) : undefined;
      // Connectors give a customer message's author in customer.id's form ("<source>:<id>") only when it can
      // differ from the conversation's customer (a Twitter thread several customers join); help-desk ids in
      // any other form belong to the conversation's customer and take its pseudonym.
      const customerAuthor = (authorId: unknown): string | undefined => {
        const own = authorId === undefined || authorId === null ? '' : String(authorId);
        if (own && own !== String(rawCustomerId ?? '') && own.startsWith(`${input.source}:`)) return pseudonymise(own);
        return customerId ?? (own ? pseudonymise(own) : undefined);
      };
      const messages = (Array.isArray(input.messages) ? input.messages : []).map((m, i) => {
        const text = typeof m.text === 'string' ? m.text : '';
        const cut = text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)} [TRUNCATED]` : text;
        return {
          ...m,
          id: m.id ? identifier(String(m.id)) : `m${i + 1}`,
          createdAt: ts(`messages.${i}.createdAt`, m.createdAt, true) ?? '',
          text: redactor.redact(cut),
          authorId: m.role === 'customer' ? customerAuthor(m.authorId) : identifier(m.authorId === undefined || m.authorId === null ? undefined : String(m.authorId)),
        };
      });
      // Stable sort: ties keep the export's order.
      messages.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
      const createdAt = ts('createdAt', input.createdAt, false) ?? messages[0]?.createdAt;
      const updatedAt = ts('updatedAt', input.updatedAt, false) ?? messages[messages.length - 1]?.createdAt ?? createdAt;
      if (!createdAt) problems.push('createdAt: missing timestamp');
      if (problems.length) return { ok: false, reason: problems.slice(0, 5).join('; ') };
      const rawSource = typeof input.source === 'string' ? input.source : String(input.source ?? '');
      const rawSourceId = typeof input.sourceId === 'string' ? input.sourceId : String(input.sourceId ?? '');
      const source = identifier(rawSource);
      const sourceId = identifier(rawSourceId);
      // The usual id is "<source>:<sourceId>": plain exactly when its two parts are.
      const idIsPlain = typeof input.id === 'string' && (input.id === `${rawSource}:${rawSourceId}` ? source === rawSource && sourceId === rawSourceId : !holdsPii(input.id));
      const candidate = {
        ...input,
        id: idIsPlain ? input.id : `${source}:${sourceId}`,
        source,
        sourceId,
        createdAt,
        updatedAt,
        closedAt: ts('closedAt', input.closedAt, false),
        customer: {
          id: customerId ?? pseudonymise(`${input.source}:${input.sourceId}`),
          plan: category(input.customer?.plan),
          country: category(input.customer?.country),
          segment: category(input.customer?.segment),
        },
        assignee: identifier(typeof input.assignee === 'string' ? input.assignee : undefined),
        team: category(input.team),
        tags: Array.isArray(input.tags) ? input.tags.filter((t): t is string => typeof t === 'string' && !holdsPii(t)) : input.tags,
        productArea: category(input.productArea),
        language: category(input.language),
        messages,
      };
      const parsed = Conversation.safeParse(candidate);
      return parsed.success ? { ok: true, conversation: parsed.data } : { ok: false, reason: describeZodError(parsed.error) };
    },
    normaliseRating(input) {
      const ratedAt = toIsoTimestamp(input.ratedAt);
      if (!ratedAt) return { ok: false, reason: input.ratedAt ? `ratedAt: unreadable timestamp ${JSON.stringify(input.ratedAt)}` : 'ratedAt: missing timestamp' };
      const comment = typeof input.comment === 'string' ? redactor.redact(input.comment.slice(0, MAX_MESSAGE_CHARS)) : undefined;
      const rating = {
        ...input,
        conversationId: typeof input.conversationId === 'string' ? conversationRef(input.conversationId) : input.conversationId,
        source: typeof input.source === 'string' ? identifier(input.source) : input.source,
        sourceId: typeof input.sourceId === 'string' ? identifier(input.sourceId) : input.sourceId,
        ratedAt,
        comment,
      };
      const parsed = Rating.safeParse(rating);
      return parsed.success ? { ok: true, rating: parsed.data } : { ok: false, reason: describeZodError(parsed.error) };
    },
  };
}
