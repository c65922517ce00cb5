/**
 * Help Scout conversations (Mailbox API 2.0): a list page `{"_embedded":{"conversations":[…]}}`,
 * a single conversation, a bare array, or JSON Lines; threads in each conversation's
 * `_embedded.threads[]` (`GET /v2/conversations?embed=threads`). Threads created by a customer →
 * customer, by a user → agent; notes are internal; line items (status changes) and drafts skipped.
 * Help Scout lists threads newest first: the normaliser puts them in time order.
 */
import type { Readable } from 'node:stream';
import type { AuthorRole, Channel, ConversationInput } from '../schema/conversation';
import { arr, missingParts, obj, sniffJsonFormat, str, readJsonRecords, type Json } from './json-export';
import { cleanBody } from './text-cleanup';
import type { Connector } from './types';

const SOURCE = 'helpscout';

/** `source.type` (or the conversation `type`) → canonical channel. */
const CHANNELS: Record<string, Channel> = {
  email: 'email', emailfwd: 'email', forward: 'email',
  web: 'web', form: 'web', beacon: 'web', 'beacon-v2': 'web', 'beacon-v1': 'web',
  chat: 'chat', 'chat-widget': 'chat', beaconchat: 'chat', phone: 'phone', api: 'api', mobile: 'messaging', sdk: 'messaging',
  twitter: 'social', facebook: 'social', instagram: 'social', messenger: 'social', whatsapp: 'messaging', sms: 'messaging',
};
const STATUSES: Record<string, ConversationInput['status']> = { active: 'open', open: 'open', pending: 'pending', closed: 'closed' };
const SKIPPED_THREADS = new Set(['lineitem', 'forwardparent']);

function roleOf(thread: Json): AuthorRole {
  const by = String(obj(thread.createdBy)?.type ?? '').toLowerCase();
  if (by === 'customer') return 'customer';
  if (by === 'user' || by === 'team') return 'agent';
  if (by === 'workflow' || by === 'system') return 'system';
  const type = String(thread.type ?? '').toLowerCase();
  return type === 'customer' ? 'customer' : 'agent';
}

export function mapHelpScoutConversation(c: Json): { conversation?: ConversationInput; error?: string; sourceId?: string } {
  const sourceId = str(c.id);
  if (!sourceId) return { error: 'conversation without an id' };
  const label = `conversation ${sourceId}`;
  const primary = obj(c.primaryCustomer) ?? obj(c.customer);
  const createdBy = obj(c.createdBy);
  const byCustomer = String(createdBy?.type ?? '') === 'customer' ? createdBy : undefined;
  const threads = arr(obj(c._embedded)?.threads).map(obj).filter((t): t is Json => !!t);
  const threadCustomer = threads.map((t) => obj(t.customer)).find((x) => str(x?.email));
  const email = str(primary?.email) ?? str(byCustomer?.email) ?? str(threadCustomer?.email);
  const rawId = str(primary?.id) ?? str(byCustomer?.id);

  const messages: ConversationInput['messages'] = [];
  for (const t of threads) {
    const type = String(t.type ?? '').toLowerCase();
    if (SKIPPED_THREADS.has(type) || t.state === 'draft') continue;
    const text = cleanBody(t.body, { html: true });
    if (!text) continue;
    messages.push({
      id: str(t.id) ?? `m${messages.length + 1}`,
      role: roleOf(t),
      authorId: str(obj(t.createdBy)?.id),
      createdAt: str(t.createdAt) ?? '',
      text,
      public: type !== 'note',
    });
  }
  const status = STATUSES[String(c.status ?? '').toLowerCase()];
  const sourceType = String(obj(c.source)?.type ?? c.type ?? '').toLowerCase();
  const conversation: ConversationInput = {
    schemaVersion: 1,
    id: `${SOURCE}:${sourceId}`,
    source: SOURCE,
    sourceId,
    channel: CHANNELS[sourceType] ?? CHANNELS[String(c.type ?? '').toLowerCase()] ?? 'other',
    createdAt: str(c.createdAt) ?? '',
    updatedAt: str(c.userUpdatedAt) ?? str(c.updatedAt) ?? '',
    closedAt: status === 'closed' ? str(c.closedAt) : undefined,
    customer: { id: email ?? (rawId ? `${SOURCE}:${rawId}` : '') },
    assignee: str(obj(c.assignee)?.id),
    team: str(c.mailboxId) ? `mailbox:${str(c.mailboxId)}` : undefined,
    tags: arr(c.tags).map((t) => str(obj(t)?.tag) ?? str(obj(t)?.name) ?? str(t)).filter((t): t is string => !!t),
    status,
    messages,
  };
  const missing = missingParts(label, conversation, 'no threads with a body (export conversations with embed=threads)');
  return missing ? { error: missing, sourceId } : { conversation, sourceId };
}

export const helpscout: Connector = {
  name: SOURCE,
  description: 'Help Scout conversations JSON (Mailbox API 2.0 pages or conversations, JSON Lines) with embedded threads',
  detect: (fileName, head) => sniffJsonFormat(fileName, head) === SOURCE,
  read: (input: Readable) =>
    readJsonRecords(input, {
      collections: ['_embedded.conversations'],
      noun: 'conversation',
      map: mapHelpScoutConversation,
      isRecord: (top) => top.id !== undefined,
      isEmptyPage: (top) => obj(top._embedded) !== undefined || obj(top.page) !== undefined,
    }),
};
