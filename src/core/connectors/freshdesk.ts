/**
 * Freshdesk tickets (API v2, also the older v1 field names): a bare array of tickets (what
 * `GET /api/v2/tickets` returns), a single ticket, a search page `{"results":[…]}`, or JSON Lines;
 * each ticket's `conversations[]` embedded (`GET /tickets/{id}?include=conversations`). The
 * description is the first, customer, message; conversations follow (`incoming` → customer,
 * `private` → internal note).
 */
import type { Readable } from 'node:stream';
import type { Channel, ConversationInput } from '../schema/conversation';
import { arr, missingParts, num, obj, sniffJsonFormat, str, readJsonRecords, type Json } from './json-export';
import { cleanBody } from './text-cleanup';
import type { Connector } from './types';

const SOURCE = 'freshdesk';

/**
 * `source` (https://developers.freshdesk.com/api/#tickets): 1 Email, 2 Portal, 3 Phone, 7 Chat,
 * 9 Feedback Widget, 10 Outbound Email are documented for v2; 4 Forum, 5 Twitter, 6 Facebook,
 * 8 MobiHelp, 11 e-commerce and 12 bot appear in older accounts and exports.
 */
const CHANNELS: Record<number, Channel> = { 1: 'email', 2: 'web', 3: 'phone', 4: 'web', 5: 'social', 6: 'social', 7: 'chat', 8: 'messaging', 9: 'web', 10: 'email', 11: 'other', 12: 'chat' };
/** `status`: 2 Open, 3 Pending, 4 Resolved, 5 Closed; 6/7 are the common custom "waiting on customer/third party". */
const STATUSES: Record<number, ConversationInput['status']> = { 2: 'open', 3: 'pending', 4: 'solved', 5: 'closed', 6: 'pending', 7: 'on_hold' };
/** `priority`: 1 Low, 2 Medium, 3 High, 4 Urgent. */
const PRIORITIES: Record<number, ConversationInput['priority']> = { 1: 'low', 2: 'normal', 3: 'high', 4: 'urgent' };

/** A body to text: the HTML when there is one (its quote markup says what to cut), else the plain text. */
function bodyText(html: unknown, plain: unknown): string {
  const h = str(html);
  return h ? cleanBody(h, { html: true }) : cleanBody(plain);
}

export function mapFreshdeskTicket(t: Json): { conversation?: ConversationInput; error?: string; sourceId?: string } {
  const ticket = obj(t.helpdesk_ticket) ?? t; // v1 wraps the ticket
  const sourceId = str(ticket.id) ?? str(ticket.display_id);
  if (!sourceId) return { error: 'ticket without an id' };
  const label = `ticket ${sourceId}`;
  const requesterId = str(ticket.requester_id);
  const email = str(obj(ticket.requester)?.email) ?? str(ticket.email);

  const messages: ConversationInput['messages'] = [];
  // v2: description is HTML, description_text plain; v1: description plain, description_html HTML.
  const description = bodyText(ticket.description_html ?? (ticket.description_text !== undefined ? ticket.description : undefined), ticket.description_text ?? ticket.description);
  if (description) {
    // An outbound e-mail ticket (source 10) starts with the agent's message to the customer.
    const outbound = num(ticket.source) === 10;
    const role = outbound ? 'agent' : 'customer';
    messages.push({ id: 'description', role, authorId: outbound ? str(ticket.responder_id) : requesterId, createdAt: str(ticket.created_at) ?? '', text: description, public: true });
  }
  for (const [i, x] of arr(ticket.conversations ?? ticket.notes).entries()) {
    const c = obj(x) ?? {};
    const note = obj(c.note) ?? c; // v1 notes are wrapped
    const userId = str(note.user_id);
    const incoming = note.incoming === true || (note.incoming === undefined && userId !== undefined && userId === requesterId);
    messages.push({
      id: str(note.id) ?? `m${i + 2}`,
      role: incoming ? 'customer' : 'agent',
      authorId: userId,
      createdAt: str(note.created_at) ?? '',
      text: bodyText(note.body_html ?? (note.body_text !== undefined ? note.body : undefined), note.body_text ?? note.body),
      public: note.private !== true,
    });
  }
  const stats = obj(ticket.stats);
  const status = STATUSES[num(ticket.status) ?? 0];
  const conversation: ConversationInput = {
    schemaVersion: 1,
    id: `${SOURCE}:${sourceId}`,
    source: SOURCE,
    sourceId,
    channel: CHANNELS[num(ticket.source) ?? 0] ?? 'other',
    createdAt: str(ticket.created_at) ?? '',
    updatedAt: str(ticket.updated_at) ?? '',
    closedAt: status === 'solved' || status === 'closed' ? (str(stats?.closed_at) ?? str(stats?.resolved_at) ?? str(ticket.updated_at)) : undefined,
    customer: { id: email ?? (requesterId ? `${SOURCE}:${requesterId}` : '') },
    assignee: str(ticket.responder_id),
    team: str(ticket.group_id),
    tags: arr(ticket.tags).map((t) => str(obj(t)?.name) ?? str(t)).filter((t): t is string => !!t),
    productArea: str(ticket.product_id),
    priority: PRIORITIES[num(ticket.priority) ?? 0],
    status,
    // No csat: Freshdesk tickets do not carry it; the satisfaction-ratings export does (satisfaction-ratings.ts).
    messages,
  };
  const missing = missingParts(label, conversation, 'no messages (no description and no conversations)');
  return missing ? { error: missing, sourceId } : { conversation, sourceId };
}

export const freshdesk: Connector = {
  name: SOURCE,
  description: 'Freshdesk tickets JSON (array of tickets, a ticket, search results, JSON Lines) with embedded conversations',
  detect: (fileName, head) => sniffJsonFormat(fileName, head) === SOURCE,
  read: (input: Readable) =>
    readJsonRecords(input, {
      collections: ['results', 'tickets'],
      noun: 'ticket',
      map: mapFreshdeskTicket,
      isRecord: (top) => top.id !== undefined || obj(top.helpdesk_ticket) !== undefined,
    }),
};
