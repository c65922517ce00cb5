/**
 * One hostile export ingested in a process of its own, so its peak memory can be measured (by the parent:
 * test/integration/ingest-memory.test.ts). Prints one JSON line: the ingest result, and this process's
 * resident memory before ingest and at its peak.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { ingestObject } from '../../src/stages/ingest';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { conversation, jsonl } from './conversations';

const MB = 1024 * 1024;
const kind = process.argv[2];
const size = Number(process.argv[3] ?? 50) * MB;

function input(): { name: string; bytes: Buffer } {
  const big = Buffer.alloc(size, 'a').toString('latin1'); // one field of `size` characters
  switch (kind) {
    case 'json-field': {
      const ticket = { id: 1, created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T10:00:00Z', requester_id: 5, description: 'X', comments: [{ id: 9, author_id: 5, body: 'X', created_at: '2026-11-20T09:00:00Z' }] };
      const second = { ...ticket, id: 2, description: 'small', comments: [{ ...ticket.comments[0], body: 'small' }] };
      return { name: 'tickets.json', bytes: Buffer.from(JSON.stringify({ tickets: [ticket, second] }).replace('"X"', JSON.stringify(big))) };
    }
    case 'jsonl-line':
      return { name: 'big.jsonl', bytes: Buffer.from(jsonl([conversation({ id: 'big', customer: ['X'] }), conversation({ id: 'small' })]).replace('"X"', JSON.stringify(big))) };
    case 'csv-field':
      return { name: 'big.csv', bytes: Buffer.from(`conversation_id,created_at,role,text\n1,2026-11-20T09:00:00Z,customer,"${big}"\n2,2026-11-20T09:00:00Z,customer,small\n`) };
    case 'gzip-bomb': {
      // Concatenated gzip members: `size` × 16 of CSV rows of one conversation, never built in memory.
      const block = gzipSync(Buffer.from('1,2026-11-20T09:00:00Z,customer,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(16_384)));
      const members = Math.ceil((size * 16) / (16_384 * 100));
      return { name: 'bomb.csv.gz', bytes: Buffer.concat([gzipSync('conversation_id,created_at,role,text\n'), ...Array.from({ length: members }, () => block)]) };
    }
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

const env = await openLocalEnvironment();
try {
  const { name, bytes } = input();
  await env.blobs.put(layout.inboxKey(name), Readable.from([bytes])); // a multipart upload, as `voc run FILE` does
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = Date.now();
  const result = await ingestObject(env, { ...buildIngestContext({ pseudonymKey: 'memory' }), runId: 'memory' }, layout.inboxKey(name));
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ kind, inputBytes: bytes.length, seconds: (Date.now() - started) / 1000, rssBeforeMb: Math.round(rssBefore / MB), peakRssMb: Math.round(peak / MB), growthMb: Math.round((peak - rssBefore) / MB), result }));
} finally {
  await env.close();
}
