/**
 * Generic CSV: one message per row. Columns are matched by name (case-insensitive, common aliases
 * accepted) or by an explicit mapping. Rows of one conversation must be contiguous, which is how
 * exports and `sort` produce them; that keeps memory bounded to one conversation.
 */
import type { Readable } from 'node:stream';
import { maybeGunzip } from '../jsonl';
import type { ConversationInput } from '../schema/conversation';
import { readCsvRows } from './csv-rows';
import { firstLineOf, truncate, type Connector, type ConnectorRecord } from './types';

/** Bounds on the one conversation held in memory while its rows are read. */
export const MAX_MESSAGES = 5000;
export const MAX_CONVERSATION_CHARS = 16 * 1024 * 1024;

export const CSV_FIELDS = [
  'conversation_id', 'message_id', 'created_at', 'role', 'author_id', 'text', 'channel', 'customer_id',
  'customer_plan', 'customer_country', 'customer_segment', 'assignee', 'team', 'tags', 'product_area',
  'priority', 'status', 'csat', 'language', 'updated_at', 'closed_at', 'public',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export type CsvColumnMapping = Partial<Record<CsvField, string>>;

const ALIASES: Partial<Record<CsvField, string[]>> = {
  conversation_id: ['conversation_id', 'conversation', 'ticket_id', 'ticket', 'thread_id', 'case_id'],
  message_id: ['message_id', 'comment_id', 'id'],
  created_at: ['created_at', 'timestamp', 'date', 'sent_at', 'time'],
  role: ['role', 'author_role', 'sender_role', 'sender_type', 'from'],
  author_id: ['author_id', 'sender_id', 'user_id'],
  text: ['text', 'body', 'message', 'content', 'comment'],
  customer_id: ['customer_id', 'requester_id', 'contact_id', 'customer'],
};

const ROLE_WORDS: Record<string, 'customer' | 'agent' | 'bot' | 'system'> = {
  customer: 'customer', user: 'customer', end_user: 'customer', requester: 'customer', contact: 'customer', client: 'customer', inbound: 'customer',
  agent: 'agent', admin: 'agent', staff: 'agent', support: 'agent', operator: 'agent', outbound: 'agent',
  bot: 'bot', automation: 'bot', system: 'system',
};

function resolveColumns(header: string[], mapping: CsvColumnMapping): Partial<Record<CsvField, number>> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const out: Partial<Record<CsvField, number>> = {};
  for (const field of CSV_FIELDS) {
    const wanted = mapping[field] ? [mapping[field]!.toLowerCase()] : (ALIASES[field] ?? [field]);
    const index = lower.findIndex((h) => wanted.includes(h));
    if (index >= 0) out[field] = index;
  }
  return out;
}

export function createGenericCsv(mapping: CsvColumnMapping = {}, source = 'csv'): Connector {
  return {
    name: 'csv',
    description: 'CSV with one message per row (conversation_id, created_at, role, text, …; see docs/SCHEMA.md)',
    detect(fileName, head) {
      if (!/\.csv(\.gz)?$/i.test(fileName)) return false;
      const cols = resolveColumns(firstLineOf(head).split(/[,;\t]/).map((c) => c.replace(/^"|"$/g, '')), mapping);
      return cols.conversation_id !== undefined && cols.text !== undefined;
    },
    async *read(input: Readable): AsyncIterable<ConnectorRecord> {
      let columns: Partial<Record<CsvField, number>> | undefined;
      let current: { id: string; firstLine: number; lastLine: number; chars: number; conversation: ConversationInput; broken?: string } | undefined;
      const finished = new Set<string>();
      let line = 0;

      const flush = function* (): Generator<ConnectorRecord> {
        if (!current) return;
        const position = current.firstLine === current.lastLine ? `line ${current.firstLine}` : `lines ${current.firstLine}-${current.lastLine}`;
        finished.add(current.id);
        if (current.broken) yield { position, sourceId: current.id, error: current.broken };
        else {
          yield { position, sourceId: current.id, conversation: current.conversation };
        }
        current = undefined;
      };

      for await (const parsed of readCsvRows(await maybeGunzip(input))) {
        line = parsed.line;
        if (parsed.error !== undefined) {
          // A row that cannot be read costs only itself; the conversation it belonged to goes on without it.
          yield { position: `line ${line}`, error: `unreadable CSV row: ${parsed.error}`, raw: parsed.raw };
          continue;
        }
        const row = parsed.fields;
        if (!columns) {
          columns = resolveColumns(row, mapping);
          const missing = (['conversation_id', 'created_at', 'text'] as const).filter((f) => columns![f] === undefined);
          if (missing.length) {
            yield { position: 'header', error: `CSV header lacks column(s) ${missing.join(', ')}; found: ${row.join(', ')}. Map them with --csv-columns field=header,…` };
            return;
          }
          continue;
        }
        const get = (f: CsvField) => {
          const i = columns![f];
          const v = i === undefined ? undefined : row[i]?.trim();
          return v ? v : undefined;
        };
        const id = get('conversation_id');
        if (!id) {
          yield { position: `line ${line}`, error: 'row has no conversation id', raw: truncate(row.join(',')) };
          continue;
        }
        if (current && current.id !== id) yield* flush();
        if (!current) {
          if (finished.has(id)) {
            yield { position: `line ${line}`, sourceId: id, error: `rows of conversation ${id} are not contiguous (sort the CSV by conversation id)`, raw: truncate(row.join(',')) };
            continue;
          }
          const tags = get('tags');
          const csat = get('csat');
          current = {
            id,
            firstLine: line,
            lastLine: line,
            chars: 0,
            conversation: {
              schemaVersion: 1,
              id: `${source}:${id}`,
              source,
              sourceId: id,
              channel: (get('channel') as ConversationInput['channel']) ?? 'other',
              createdAt: get('created_at') ?? '',
              updatedAt: get('updated_at') ?? '', // empty: the normaliser takes the last message's time
              closedAt: get('closed_at'),
              customer: { id: get('customer_id') ?? `${source}:${id}`, plan: get('customer_plan'), country: get('customer_country'), segment: get('customer_segment') },
              assignee: get('assignee'),
              team: get('team'),
              tags: tags ? tags.split(/[|;]/).map((t) => t.trim()).filter(Boolean) : [],
              productArea: get('product_area'),
              priority: get('priority') as ConversationInput['priority'],
              status: get('status') as ConversationInput['status'],
              csat: csat === undefined ? undefined : Number(csat),
              language: get('language'),
              messages: [],
            },
          };
        }
        const roleWord = (get('role') ?? 'customer').toLowerCase();
        const role = ROLE_WORDS[roleWord];
        if (!role) current.broken ??= `line ${line}: unknown role "${roleWord}" (expected customer, agent, bot or system)`;
        current.lastLine = line;
        const msgs = current.conversation.messages;
        current.chars += (get('text') ?? '').length;
        if (msgs.length >= MAX_MESSAGES || current.chars > MAX_CONVERSATION_CHARS) {
          // One conversation is held in memory while its rows are read: past the bound, its rows are only counted.
          current.broken ??= `conversation ${id} has more than ${MAX_MESSAGES.toLocaleString('en')} messages or ${MAX_CONVERSATION_CHARS.toLocaleString('en')} characters (rows from line ${current.firstLine} on); is the conversation_id column right?`;
          msgs.length = 0;
          continue;
        }
        msgs.push({
          id: get('message_id') ?? `m${msgs.length + 1}`,
          role: role ?? 'customer',
          authorId: get('author_id') ?? (role === 'customer' ? get('customer_id') : undefined),
          createdAt: get('created_at') ?? '',
          text: get('text') ?? '',
          public: !/^(false|0|no|internal)$/i.test(get('public') ?? 'true'),
        });
      }
      if (!columns) {
        yield { position: 'file', error: 'empty CSV file (no header row)' };
        return;
      }
      yield* flush();
    },
  };
}
