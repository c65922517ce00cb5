/**
 * Zendesk Support tickets: a single ticket (`{"ticket":{…}}` or the bare object), a tickets page
 * `{"tickets":[…]}` / search `{"results":[…]}`, incremental export pages (`…,"end_time":…`), a bare
 * array, or JSON Lines of tickets (the admin "JSON export", comments embedded). Comments come from
 * `comments` or `audits` (events of type Comment), embedded in the ticket or side-loaded; users
 * side-loaded as `users` give roles (end-user → customer, agent/admin → agent) and e-mails.
 *
 * Streaming: tickets are mapped one at a time. In a page (not a bare array or JSON Lines) tickets
 * wait for side-loads that may follow them (`users`, `groups`, `comments`/`audits`) until the
 * document ends or MAX_WAITING tickets wait (an API page holds at most 1,000); beyond that the
 * oldest is mapped with what is known. Memory stays bounded however large the export.
 */
import type { Readable } from 'node:stream';
import type { Channel, ConversationInput } from '../schema/conversation';
import { arr, describeValue, missingParts, obj, RejectedValue, sniffJsonFormat, str, streamJson, type Json } from './json-export';
import { csatOfWord } from './satisfaction-ratings';
import { cleanBody } from './text-cleanup';
import type { Connector, ConnectorRecord } from './types';

const SOURCE = 'zendesk';
const MAX_WAITING = 2000;

/** via.channel (https://developer.zendesk.com/documentation/ticketing/reference-guides/via-types/) → canonical channel. */
const CHANNELS: Record<string, Channel> = {
  email: 'email', mail: 'email',
  web: 'web', web_form: 'web', web_widget: 'web', help_center: 'web', mobile_sdk: 'messaging', mobile: 'web', feedback_tab: 'web', forum: 'web', topic: 'web',
  chat: 'chat', chat_transcript: 'chat', native_messaging: 'messaging', messaging: 'messaging', sunshine_conversations_api: 'messaging',
  whatsapp: 'messaging', line: 'messaging', wechat: 'messaging', telegram: 'messaging', viber: 'messaging', sms: 'messaging', text: 'messaging', apple_business_chat: 'messaging', google_business_messages: 'messaging', kakaotalk: 'messaging', instagram_dm: 'social',
  voice: 'phone', phone: 'phone', phone_call_inbound: 'phone', phone_call_outbound: 'phone', voicemail: 'phone', any_channel: 'other',
  twitter: 'social', twitter_dm: 'social', twitter_favorite: 'social', facebook: 'social', facebook_post: 'social', facebook_message: 'social', x_corp: 'social',
  api: 'api', web_service: 'api', dropbox: 'web',
};
/** Numeric via ids (the API may give `"channel": 4`): the common ones, by their via type. */
const VIA_IDS: Record<number, string> = {
  0: 'web_form', 4: 'mail', 5: 'web_service', 8: 'rule', 17: 'dropbox', 23: 'twitter_favorite', 26: 'twitter_dm', 29: 'chat', 30: 'twitter',
  33: 'voicemail', 34: 'phone_call_inbound', 35: 'phone_call_outbound', 38: 'facebook_post', 41: 'facebook_message',
};
const STATUSES: Record<string, ConversationInput['status']> = { new: 'new', open: 'open', pending: 'pending', hold: 'on_hold', solved: 'solved', closed: 'closed' };
const PRIORITIES: Record<string, ConversationInput['priority']> = { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' };

interface User { role?: string; email?: string; locale?: string }

/** Side-loads seen so far in the current document. */
interface Context {
  users: Map<string, User>;
  groups: Map<string, string>;
  /** Side-loaded comments/audit comment events by ticket id. */
  comments: Map<string, Json[]>;
  sideLoadedComments: boolean;
  /** `users` arrived before any ticket: side-loads come first in this document. */
  sideLoadsFirst: boolean;
}

function viaType(via: unknown): string {
  const c = obj(via)?.channel;
  return typeof c === 'number' ? (VIA_IDS[c] ?? '') : String(c ?? '').toLowerCase();
}

function channelOf(via: unknown): Channel {
  return CHANNELS[viaType(via)] ?? 'other';
}

/** Comment events of audits, each with the audit's time (events carry none of their own). */
function commentsFromAudits(audits: unknown): Json[] {
  const out: Json[] = [];
  for (const a of arr(audits)) {
    const audit = obj(a);
    if (!audit) continue;
    for (const e of arr(audit.events)) {
      const ev = obj(e);
      if (!ev || !/comment$/i.test(String(ev.type ?? ''))) continue; // Comment, VoiceComment
      out.push({ ...ev, created_at: ev.created_at ?? audit.created_at, author_id: ev.author_id ?? audit.author_id, ticket_id: audit.ticket_id });
    }
  }
  return out;
}

function commentText(c: Json): string {
  if (typeof c.html_body === 'string' && c.html_body) return cleanBody(c.html_body, { html: true });
  const plain = typeof c.body === 'string' && c.body ? c.body : c.plain_body;
  return cleanBody(plain, { html: false });
}

export function mapZendeskTicket(ticket: Json, ctx: Context): { conversation?: ConversationInput; error?: string; sourceId?: string } {
  const sourceId = str(ticket.id);
  if (!sourceId) return { error: 'ticket without an id' };
  const label = `ticket ${sourceId}`;
  const requesterId = str(ticket.requester_id) ?? str(obj(ticket.requester)?.id);
  const requester = requesterId ? ctx.users.get(requesterId) : undefined;
  const email = str(obj(ticket.requester)?.email) ?? requester?.email ?? str(obj(obj(obj(ticket.via)?.source)?.from)?.address);

  const ownComments = arr(ticket.comments).map(obj).filter((c): c is Json => !!c);
  const embedded = ownComments.length ? ownComments : commentsFromAudits(ticket.audits);
  const comments = embedded.length ? embedded : (ctx.comments.get(sourceId) ?? []);
  const roleOf = (authorId: string | undefined, via: unknown): 'customer' | 'agent' | 'bot' | 'system' => {
    const viaChannel = viaType(via);
    if (authorId === '-1' || viaChannel === 'rule') return 'system';
    if (viaChannel === 'answer_bot' || viaChannel === 'answer_bot_for_agents') return 'bot';
    if (authorId && authorId === requesterId) return 'customer';
    const role = authorId ? ctx.users.get(authorId)?.role : undefined;
    if (role === 'end-user') return 'customer';
    return 'agent';
  };
  const messages: ConversationInput['messages'] = comments.map((c, i) => {
    const authorId = str(c.author_id);
    return {
      id: str(c.id) ?? `m${i + 1}`,
      role: roleOf(authorId, c.via),
      authorId,
      createdAt: str(c.created_at) ?? '',
      text: commentText(c),
      public: c.public !== false,
    };
  });
  if (!messages.length && str(ticket.description)) {
    messages.push({ id: 'description', role: 'customer', authorId: requesterId, createdAt: str(ticket.created_at) ?? '', text: cleanBody(ticket.description, { html: false }), public: true });
  }
  const status = STATUSES[String(ticket.status ?? '').toLowerCase()];
  const solvedAt = str(obj(ticket.metric_set)?.solved_at);
  const groupId = str(ticket.group_id);
  const conversation: ConversationInput = {
    schemaVersion: 1,
    id: `${SOURCE}:${sourceId}`,
    source: SOURCE,
    sourceId,
    channel: channelOf(ticket.via),
    createdAt: str(ticket.created_at) ?? '',
    updatedAt: str(ticket.updated_at) ?? '',
    closedAt: solvedAt ?? (status === 'solved' || status === 'closed' ? str(ticket.updated_at) : undefined),
    customer: { id: email ?? (requesterId ? `${SOURCE}:${requesterId}` : '') },
    assignee: str(ticket.assignee_id),
    team: groupId ? (ctx.groups.get(groupId) ?? groupId) : undefined,
    tags: arr(ticket.tags).map(str).filter((t): t is string => !!t),
    priority: PRIORITIES[String(ticket.priority ?? '').toLowerCase()],
    status,
    csat: csatOfWord(obj(ticket.satisfaction_rating)?.score),
    language: requester?.locale ? requester.locale.slice(0, 2).toLowerCase() : undefined,
    messages,
  };
  const missing = missingParts(label, conversation, 'no messages (no comments, audits or description)');
  return missing ? { error: missing, sourceId } : { conversation, sourceId };
}

/**
 * Tickets rebuilt from audits alone (a `ticket_audits` listing without tickets): Create/Change
 * events give requester, status, priority, tags, group and assignee; Comment events the messages.
 */
function ticketsFromAudits(audits: Json[]): Json[] {
  const byTicket = new Map<string, Json[]>();
  for (const a of audits) {
    const id = str(a.ticket_id);
    if (!id) continue;
    const list = byTicket.get(id) ?? [];
    list.push(a);
    byTicket.set(id, list);
  }
  return [...byTicket].map(([id, list]) => {
    list.sort((x, y) => String(x.created_at ?? '').localeCompare(String(y.created_at ?? '')));
    const ticket: Json = { id, created_at: list[0]?.created_at, updated_at: list[list.length - 1]?.created_at, via: list[0]?.via, audits: list };
    for (const audit of list) {
      for (const e of arr(audit.events)) {
        const ev = obj(e);
        if (!ev) continue;
        if ((ev.type === 'Create' || ev.type === 'Change') && typeof ev.field_name === 'string') ticket[ev.field_name] = ev.value;
        if (ev.type === 'SatisfactionRating' && ev.score) ticket.satisfaction_rating = { score: ev.score };
      }
    }
    return ticket;
  });
}

export const zendesk: Connector = {
  name: SOURCE,
  description: 'Zendesk tickets JSON (API ticket/tickets pages, incremental export, JSON Lines) with comments or audits',
  detect: (fileName, head) => sniffJsonFormat(fileName, head) === SOURCE,
  async *read(input: Readable): AsyncIterable<ConnectorRecord> {
    let ctx: Context = { users: new Map(), groups: new Map(), comments: new Map(), sideLoadedComments: false, sideLoadsFirst: false };
    let top: Json = {};
    let sawTickets = false;
    let sideAudits: Json[] = [];
    let waiting: { ticket: Json; position: string }[] = [];

    const emit = (ticket: Json, position: string): ConnectorRecord => {
      let mapped: ReturnType<typeof mapZendeskTicket>;
      try {
        mapped = mapZendeskTicket(ticket, ctx);
      } catch (e) {
        // A value no mapping foresaw must cost only its ticket.
        return { position, sourceId: str(ticket.id), error: `ticket could not be read (${(e as Error).message})`, raw: describeValue(ticket) };
      }
      if (mapped.conversation) return { position, sourceId: mapped.sourceId, conversation: mapped.conversation };
      return { position, sourceId: mapped.sourceId, error: mapped.error ?? 'unmappable ticket', raw: describeValue(ticket) };
    };
    const addComments = (list: Json[]) => {
      ctx.sideLoadedComments = true;
      for (const c of list) {
        const id = str(c.ticket_id);
        if (!id) continue;
        const l = ctx.comments.get(id) ?? [];
        l.push(c);
        ctx.comments.set(id, l);
      }
    };
    const hasOwnComments = (t: Json) => Array.isArray(t.comments) || Array.isArray(t.audits);
    let inArray = false;
    const ready = (t: Json) => inArray || (ctx.sideLoadsFirst && (hasOwnComments(t) || ctx.sideLoadedComments));
    const onTicket = function* (ticket: unknown, position: string): Generator<ConnectorRecord> {
      if (ticket instanceof RejectedValue) {
        yield { position, error: `ticket skipped: ${ticket.reason}` };
        return;
      }
      const t = obj(ticket);
      if (!t) {
        yield { position, error: 'expected a ticket object', raw: describeValue(ticket) };
        return;
      }
      if (typeof t.result_type === 'string' && t.result_type !== 'ticket') {
        yield { position, sourceId: str(t.id), error: `search result is a ${t.result_type}, not a ticket` };
        return;
      }
      // Side-loads usually follow the tickets (the API puts `users`, `groups` after them): in a
      // page, tickets wait for the page's end, at most MAX_WAITING of them. A bare array has no
      // side-loads, and when users came before the tickets there is nothing more to wait for.
      if (ready(t)) {
        yield emit(t, position);
        return;
      }
      waiting.push({ ticket: t, position });
      if (waiting.length > MAX_WAITING) {
        const oldest = waiting.shift()!;
        yield emit(oldest.ticket, oldest.position);
      }
    };

    for await (const ev of streamJson(input, ['tickets', 'results'])) {
      switch (ev.kind) {
        case 'docStart':
          ctx = { users: new Map(), groups: new Map(), comments: new Map(), sideLoadedComments: false, sideLoadsFirst: false };
          top = {};
          sawTickets = false;
          sideAudits = [];
          waiting = [];
          inArray = ev.type === 'array';
          break;
        case 'item':
          sawTickets = true;
          yield* onTicket(ev.value, ev.collection ? `${ev.collection}[${ev.index}] (line ${ev.line})` : `[${ev.index}] (line ${ev.line})`);
          break;
        case 'value': {
          const v = ev.value;
          if (v instanceof RejectedValue) {
            yield { position: `${ev.path || 'document'} (line ${ev.line})`, error: `skipped: ${v.reason}` };
            break;
          }
          if (ev.path === 'users') {
            if (!sawTickets) ctx.sideLoadsFirst = true;
            for (const u of arr(v).map(obj)) if (u && str(u.id)) ctx.users.set(str(u.id)!, { role: str(u.role), email: str(u.email), locale: str(u.locale) });
          } else if (ev.path === 'groups') {
            for (const g of arr(v).map(obj)) if (g && str(g.id) && str(g.name)) ctx.groups.set(str(g.id)!, str(g.name)!);
          } else if (ev.path === 'audits') {
            const audits = arr(v).map(obj).filter((a): a is Json => !!a);
            top.audits = v;
            sideAudits.push(...audits);
            addComments(commentsFromAudits(audits));
          } else if (ev.path === 'ticket') {
            sawTickets = true;
            yield* onTicket(v, `ticket (line ${ev.line})`);
          } else {
            top[ev.path] = v;
            if (ev.path === 'comments') addComments(arr(v).map(obj).filter((c): c is Json => !!c));
          }
          // Side-loads arrived: the tickets that waited for them can go.
          if (waiting.length) {
            const still: typeof waiting = [];
            for (const w of waiting) {
              if (ready(w.ticket)) yield emit(w.ticket, w.position);
              else still.push(w);
            }
            waiting = still;
          }
          break;
        }
        case 'docEnd': {
          for (const w of waiting) yield emit(w.ticket, w.position);
          waiting = [];
          if (sawTickets) break;
          if (top.id !== undefined) {
            // The document is one bare ticket (a JSON Lines row or a single API object).
            const ticket = { ...top };
            yield emit(ticket, `line ${ev.line}`);
          } else if (sideAudits.length) {
            for (const t of ticketsFromAudits(sideAudits)) yield emit(t, `audits of ticket ${String(t.id)}`);
          } else {
            yield { position: `line ${ev.line}`, error: `no tickets found (top-level keys: ${Object.keys(top).join(', ') || 'none'})` };
          }
          break;
        }
        case 'error':
          for (const w of waiting) yield emit(w.ticket, w.position);
          waiting = [];
          yield { position: `line ${ev.line}`, error: ev.message };
          break;
      }
    }
  },
};
