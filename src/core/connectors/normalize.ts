/**
 * The last step of every connector's output: timestamps to ISO-8601 UTC, PII redacted, customer
 * identities pseudonymised, messages in time order, then validated against the canonical schema.
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

/** Accepts ISO-8601 (zone-less means UTC), "YYYY-MM-DD HH:MM[:SS]" and Unix seconds/milliseconds. */
export function toIsoTimestamp(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let s = value.trim();
  if (/^\d{10}(\d{3})?$/.test(s)) return toIsoTimestamp(Number(s));
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = `${s.replace(' ', 'T')}Z`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s = `${s}T00:00:00Z`;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function createPseudonymiser(secret: string): (identity: string) => string {
  return (identity) => `c_${createHmac('sha256', secret).update(identity.trim().toLowerCase()).digest('hex').slice(0, 20)}`;
}

export function createNormaliser(options: { redactor: Redactor; pseudonymise: (id: string) => string }): Normaliser {
  const { redactor, pseudonymise } = options;
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
          id: m.id ? String(m.id) : `m${i + 1}`,
          createdAt: ts(`messages.${i}.createdAt`, m.createdAt, true) ?? '',
          text: redactor.redact(cut),
          authorId: m.role === 'customer' ? customerAuthor(m.authorId) : m.authorId,
        };
      });
      // Stable sort: ties keep the export's order.
      messages.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
      const createdAt = ts('createdAt', input.createdAt, false) ?? messages[0]?.createdAt;
      const updatedAt = ts('updatedAt', input.updatedAt, false) ?? messages[messages.length - 1]?.createdAt ?? createdAt;
      if (!createdAt) problems.push('createdAt: missing timestamp');
      if (problems.length) return { ok: false, reason: problems.slice(0, 5).join('; ') };
      const candidate = {
        ...input,
        createdAt,
        updatedAt,
        closedAt: ts('closedAt', input.closedAt, false),
        customer: { ...input.customer, id: customerId ?? pseudonymise(`${input.source}:${input.sourceId}`) },
        messages,
      };
      const parsed = Conversation.safeParse(candidate);
      return parsed.success ? { ok: true, conversation: parsed.data } : { ok: false, reason: describeZodError(parsed.error) };
    },
    normaliseRating(input) {
      const ratedAt = toIsoTimestamp(input.ratedAt);
      if (!ratedAt) return { ok: false, reason: input.ratedAt ? `ratedAt: unreadable timestamp ${JSON.stringify(input.ratedAt)}` : 'ratedAt: missing timestamp' };
      const comment = typeof input.comment === 'string' ? redactor.redact(input.comment.slice(0, MAX_MESSAGE_CHARS)) : undefined;
      const parsed = Rating.safeParse({ ...input, ratedAt, ...(comment ? { comment } : {}) });
      return parsed.success ? { ok: true, rating: parsed.data } : { ok: false, reason: describeZodError(parsed.error) };
    },
  };
}
