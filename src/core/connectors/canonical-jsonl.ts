/** JSON Lines already in the canonical schema (docs/SCHEMA.md): one conversation per line. */
import type { Readable } from 'node:stream';
import { readJsonLines } from '../jsonl';
import { SCHEMA_VERSION, type ConversationInput } from '../schema/conversation';
import { DEFAULT_JSON_LIMITS } from './json-export';
import { firstLineOf, truncate, type Connector, type ConnectorRecord } from './types';

/** Longest line (one conversation) read, in characters; a longer one is quarantined while it streams, never held. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export const canonicalJsonl: Connector = {
  name: 'jsonl',
  description: 'JSON Lines in the canonical conversation schema (one conversation per line)',
  detect(fileName, head) {
    if (!/\.(jsonl|ndjson)(\.gz)?$/i.test(fileName)) return false;
    const line = firstLineOf(head);
    try {
      const first = JSON.parse(line) as Record<string, unknown>;
      return Array.isArray(first.messages);
    } catch {
      // A first line longer than the head: judged from its keys (the head shortens long strings, src/stages/ingest.ts).
      return /^\{/.test(line) && /"messages"\s*:\s*\[/.test(line) && !/"(tickets|conversation_parts|threads|comments)"\s*:/.test(line);
    }
  },
  async *read(input: Readable): AsyncIterable<ConnectorRecord> {
    for await (const row of readJsonLines(input, { maxLineChars: MAX_LINE_CHARS, maxDepth: DEFAULT_JSON_LIMITS.maxDepth })) {
      const position = `line ${row.line}`;
      if (row.error) {
        yield { position, error: row.error, raw: truncate(row.text) };
        continue;
      }
      const value = row.value;
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        yield { position, error: 'expected a JSON object (one conversation per line)', raw: truncate(row.text) };
        continue;
      }
      const record = value as Record<string, unknown>;
      const sourceId = typeof record.sourceId === 'string' ? record.sourceId : undefined;
      if (record.schemaVersion !== undefined && record.schemaVersion !== SCHEMA_VERSION) {
        yield { position, sourceId, error: `unsupported schemaVersion ${JSON.stringify(record.schemaVersion)} (this version reads ${SCHEMA_VERSION})`, raw: truncate(row.text) };
        continue;
      }
      yield { position, sourceId, conversation: { ...record, schemaVersion: SCHEMA_VERSION } as ConversationInput };
    }
  },
};
