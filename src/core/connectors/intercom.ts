/**
 * Intercom conversations: a single conversation object, a `conversation.list` page
 * (`{"type":"conversation.list","conversations":[…]}`), a bare array, or JSON Lines. The first
 * message is `source` (API 2.x) or `conversation_message` (1.x); replies are
 * `conversation_parts.conversation_parts[]`. Authors: user/lead/contact → customer, admin/team →
 * agent, bot → bot; notes are internal (public:false); parts without a body (assignments, state
 * changes) are skipped. Times are Unix seconds.
 */
import type { Readable } from 'node:stream';
import type { AuthorRole, Channel, ConversationInput } from '../schema/conversation';
import { arr, missingParts, num, obj, sniffJsonFormat, str, readJsonRecords, type Json } from './json-export';
import { unixToIso } from './normalize';
import { cleanBody } from './text-cleanup';
import type { Connector } from './types';

const SOURCE = 'intercom';

/** source.type / source.delivered_as of the first message → canonical channel. */
const CHANNELS: Record<string, Channel> = {
  conversation: 'chat', chat: 'chat', email: 'email', facebook: 'social', instagram: 'social', twitter: 'social',
  phone_call: 'phone', phone_switch: 'phone', call: 'phone', sms: 'messaging', whatsapp: 'messaging', push: 'other',
};

function roleOf(author: unknown): AuthorRole {
  const type = String(obj(author)?.type ?? '').toLowerCase();
  if (type === 'user' || type === 'lead' || type === 'contact') return 'customer';
  if (type === 'bot') return 'bot';
  if (type === 'admin' || type === 'team') return 'agent';
  return 'system';
}

/** Unix seconds (or an ISO string) → ISO-8601; '' when absent; a number beyond any date as it is, for the normaliser to reject by name. */
function time(v: unknown): string {
  const n = num(v);
  if (n !== undefined) return unixToIso(n) ?? String(v);
  return str(v) ?? '';
}

export function mapIntercomConversation(c: Json): { conversation?: ConversationInput; error?: string; sourceId?: string } {
  const sourceId = str(c.id);
  if (!sourceId) return { error: 'conversation without an id' };
  const label = `conversation ${sourceId}`;
  const first = obj(c.source) ?? obj(c.conversation_message);
  const contacts = arr(obj(c.contacts)?.contacts).map(obj).filter((x): x is Json => !!x);
  const user = obj(c.user) ?? contacts[0];
  const firstAuthor = obj(first?.author);
  const customerAuthor = roleOf(firstAuthor) === 'customer' ? firstAuthor : undefined;
  const customerId = str(customerAuthor?.email) ?? str(user?.email) ?? str(contacts[0]?.email);
  const rawCustomerId = str(customerAuthor?.id) ?? str(user?.id);

  const messages: ConversationInput['messages'] = [];
  const firstText = first ? cleanBody(first.body, { html: true }) || cleanBody(first.subject, { html: true }) : '';
  if (first && firstText) {
    messages.push({
      id: str(first.id) ?? 'source',
      role: roleOf(firstAuthor),
      authorId: str(firstAuthor?.id),
      createdAt: time(first.created_at ?? c.created_at),
      text: firstText,
      public: true,
    });
  }
  for (const p of arr(obj(c.conversation_parts)?.conversation_parts)) {
    const part = obj(p);
    if (!part || !str(part.body)) continue;
    const text = cleanBody(part.body, { html: true });
    if (!text) continue;
    messages.push({
      id: str(part.id) ?? `m${messages.length + 1}`,
      role: roleOf(part.author),
      authorId: str(obj(part.author)?.id),
      createdAt: time(part.created_at),
      text,
      public: !/note/i.test(String(part.part_type ?? '')),
    });
  }

  const state = String(c.state ?? (c.open === true ? 'open' : c.open === false ? 'closed' : '')).toLowerCase();
  const status: ConversationInput['status'] = state === 'open' ? 'open' : state === 'closed' ? 'closed' : state === 'snoozed' ? 'on_hold' : undefined;
  const rating = num(obj(c.conversation_rating)?.rating);
  const assignee = obj(c.assignee);
  const closeAt = obj(c.statistics)?.last_close_at;
  const conversation: ConversationInput = {
    schemaVersion: 1,
    id: `${SOURCE}:${sourceId}`,
    source: SOURCE,
    sourceId,
    // 1.x `conversation_message` and a missing source type are Messenger conversations: chat.
    channel: CHANNELS[String(first?.type ?? 'conversation').toLowerCase()] ?? (first?.type === 'conversation_message' ? 'chat' : 'other'),
    createdAt: time(c.created_at),
    updatedAt: time(c.updated_at),
    closedAt: status === 'closed' && closeAt ? time(closeAt) : undefined,
    customer: { id: customerId ?? (rawCustomerId ? `${SOURCE}:${rawCustomerId}` : '') },
    assignee: str(c.admin_assignee_id) ?? (assignee && assignee.type !== 'team' ? str(assignee.id) : undefined),
    team: str(c.team_assignee_id) ?? (assignee?.type === 'team' ? str(assignee.id) : undefined),
    tags: arr(obj(c.tags)?.tags ?? c.tags).map((t) => str(obj(t)?.name) ?? str(t)).filter((t): t is string => !!t),
    priority: c.priority === 'priority' ? 'high' : c.priority === 'not_priority' ? 'normal' : undefined,
    status,
    csat: rating !== undefined && rating >= 1 && rating <= 5 ? rating : undefined,
    messages,
  };
  const missing = missingParts(label, conversation, 'no message with a body (neither source nor conversation parts)');
  return missing ? { error: missing, sourceId } : { conversation, sourceId };
}

export const intercom: Connector = {
  name: SOURCE,
  description: 'Intercom conversations JSON (a conversation, conversation.list pages, JSON Lines) with conversation_parts',
  detect: (fileName, head) => sniffJsonFormat(fileName, head) === SOURCE,
  read: (input: Readable) =>
    readJsonRecords(input, {
      collections: ['conversations'],
      noun: 'conversation',
      map: mapIntercomConversation,
      recordKeys: ['conversation'],
      isRecord: (top) => top.type === 'conversation' || top.id !== undefined,
    }),
};
