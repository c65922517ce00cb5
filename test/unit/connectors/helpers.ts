/** Shared by the connector tests: read a fixture through a connector, then through the normaliser. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createNormaliser, createPseudonymiser } from '../../../src/core/connectors/normalize';
import type { Connector, ConnectorRecord } from '../../../src/core/connectors/types';
import { createRedactor } from '../../../src/core/pii/redact';
import type { Conversation } from '../../../src/core/schema/conversation';
import type { Rating } from '../../../src/core/schema/rating';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures');

export function fixture(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}

/** The first line as ingest's detection sees it (first non-blank line). */
export function firstLine(content: Buffer | string): string {
  return (typeof content === 'string' ? content : content.toString('utf8')).split(/\r?\n/).find((l) => l.trim()) ?? '';
}

/** Feeds the bytes in small chunks, as a file stream would, so chunk boundaries are exercised. */
export function streamOf(content: Buffer | string, chunkSize = 97): Readable {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunkSize) chunks.push(buf.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

export async function read(connector: Connector, content: Buffer | string, fileName = 'export.json'): Promise<ConnectorRecord[]> {
  const out: ConnectorRecord[] = [];
  for await (const r of connector.read(streamOf(content), fileName)) out.push(r);
  return out;
}

export const pseudonymise = createPseudonymiser('test');
const normaliser = createNormaliser({ redactor: createRedactor(), pseudonymise });

/** Connector output normalised: conversations and ratings by source id, plus every error (connector or normaliser). */
export async function ingest(connector: Connector, content: Buffer | string, fileName = 'export.json') {
  const records = await read(connector, content, fileName);
  const conversations = new Map<string, Conversation>();
  const ratings = new Map<string, Rating>();
  const errors: { position: string; sourceId?: string; error: string }[] = [];
  for (const r of records) {
    if (r.error !== undefined) {
      errors.push({ position: r.position, sourceId: r.sourceId, error: r.error });
      continue;
    }
    if (r.rating) {
      const rated = normaliser.normaliseRating(r.rating);
      if (rated.ok) ratings.set(rated.rating.sourceId, rated.rating);
      else errors.push({ position: r.position, sourceId: r.sourceId, error: `normaliser: ${rated.reason}` });
      continue;
    }
    const result = normaliser.normalise(r.conversation);
    if (result.ok) conversations.set(result.conversation.sourceId, result.conversation);
    else errors.push({ position: r.position, sourceId: r.sourceId, error: `normaliser: ${result.reason}` });
  }
  return { records, conversations, ratings, errors };
}

export function get<T>(map: Map<string, T>, key: string): T {
  const v = map.get(key);
  if (v === undefined) throw new Error(`missing ${key}; have ${[...map.keys()].join(', ')}`);
  return v;
}
