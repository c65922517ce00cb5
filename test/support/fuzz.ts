/**
 * What the fuzz suites feed every connector: arbitrary bytes after a real export's start (so detection
 * still picks the connector), truncations and byte mutations of real exports, gzipped or not. Runs per
 * property: VOC_FUZZ_RUNS (default small enough for CI; raise it for a long run).
 */
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { conversation, jsonl } from './conversations';

export const FUZZ_RUNS = Number(process.env.VOC_FUZZ_RUNS ?? 25);
/** Fixed unless asked otherwise, so a failure in CI can be replayed; VOC_FUZZ_SEED=random explores. */
export const FUZZ_SEED = process.env.VOC_FUZZ_SEED === 'random' ? Date.now() : Number(process.env.VOC_FUZZ_SEED ?? 20261203);

const genericCsv = [
  'conversation_id,created_at,role,text,team,tags,customer_segment',
  ...Array.from({ length: 12 }, (_, i) => `T-${Math.floor(i / 3)},2026-11-0${1 + (i % 3)}T10:0${i % 10}:00Z,${i % 2 ? 'agent' : 'customer'},"message ${i}, with a comma",support,billing|refund,smb`),
].join('\n') + '\n';

/** One real export per connector, under a name its detection accepts. */
export const FUZZ_FIXTURES: { connector: string; name: string; bytes: Buffer }[] = [
  { connector: 'zendesk', name: 'tickets-page.json', bytes: fs.readFileSync('test/fixtures/zendesk/tickets-page.json') },
  { connector: 'zendesk', name: 'tickets.jsonl', bytes: fs.readFileSync('test/fixtures/zendesk/tickets.jsonl') },
  { connector: 'intercom', name: 'conversations.json', bytes: fs.readFileSync('test/fixtures/intercom/conversations-v2.json') },
  { connector: 'freshdesk', name: 'tickets.json', bytes: fs.readFileSync('test/fixtures/freshdesk/tickets-with-conversations.json') },
  { connector: 'helpscout', name: 'conversations.json', bytes: fs.readFileSync('test/fixtures/helpscout/conversations-page.json') },
  { connector: 'ratings', name: 'satisfaction-ratings.json', bytes: fs.readFileSync('test/fixtures/freshdesk/satisfaction-ratings.json') },
  { connector: 'twitter', name: 'twcs.csv', bytes: fs.readFileSync('test/fixtures/twitter/twcs-sample.csv') },
  { connector: 'csv', name: 'messages.csv', bytes: Buffer.from(genericCsv) },
  { connector: 'jsonl', name: 'conversations.jsonl', bytes: Buffer.from(jsonl(Array.from({ length: 6 }, (_, i) => conversation({ id: `f${i}`, day: `2026-11-0${1 + (i % 3)}` })))) },
];

type Edit = { at: number; op: 'flip' | 'insert' | 'delete' | 'duplicate'; byte: number; length: number };

function applyEdits(bytes: Buffer, edits: Edit[]): Buffer {
  let out = Buffer.from(bytes);
  for (const e of edits) {
    if (!out.length) break;
    const at = e.at % out.length;
    if (e.op === 'flip') out[at] = e.byte;
    else if (e.op === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from([e.byte]), out.subarray(at)]);
    else if (e.op === 'delete') out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + e.length))]);
    else out = Buffer.concat([out.subarray(0, at + e.length), out.subarray(at, Math.min(out.length, at + e.length)), out.subarray(at + e.length)]);
  }
  return out;
}

const edit = fc.record({ at: fc.nat(), op: fc.constantFrom('flip', 'insert', 'delete', 'duplicate' as const), byte: fc.integer({ min: 0, max: 255 }), length: fc.integer({ min: 1, max: 64 }) }) as fc.Arbitrary<Edit>;

/** A damaged variant of a fixture, with how it was made (shown by fast-check when a case fails). */
export function damaged(bytes: Buffer): fc.Arbitrary<{ how: string; bytes: Buffer }> {
  const head = (n: number) => bytes.subarray(0, Math.min(bytes.length, n));
  return fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map((tail) => ({ how: `first 200 bytes + ${tail.length} arbitrary bytes`, bytes: Buffer.concat([head(200), Buffer.from(tail)]) })),
    fc.integer({ min: 1, max: bytes.length }).map((n) => ({ how: `truncated to ${n} bytes`, bytes: head(n) })),
    fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) => ({ how: `edits ${JSON.stringify(edits)}`, bytes: applyEdits(bytes, edits) })),
    fc.tuple(fc.array(edit, { maxLength: 4 }), fc.integer({ min: 10, max: 2000 })).map(([edits, cut]) => {
      const gz = gzipSync(applyEdits(bytes, edits));
      return { how: `gzip of edits ${JSON.stringify(edits)}, cut at ${cut}`, bytes: gz.subarray(0, Math.min(gz.length, cut)) };
    }),
    fc.uint8Array({ minLength: 1, maxLength: 1024 }).map((b) => ({ how: `${b.length} arbitrary bytes`, bytes: Buffer.from(b) })),
  );
}
