/**
 * Bad input is bounded and costs only itself: each broken record is quarantined with its position while the
 * rest of its file is ingested, encodings are decided from evidence and said, compression bombs stop at a
 * limit, impossible timestamps never reach a watermark, and conflicting duplicates are recorded. Real ingest
 * stage, real emulators.
 */
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { ingestObject, type IngestContext, type IngestFileResult } from '../../src/stages/ingest';
import type { QuarantineEntry } from '../../src/stages/ingest-quarantine';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { readDay } from '../../src/stages/read-day';
import { conversation, jsonl } from '../support/conversations';

let env: VocEnvironment;
beforeAll(async () => {
  env = await openLocalEnvironment();
});
afterAll(() => env.close());

const now = () => new Date('2026-11-24T02:00:00Z');
const ctx = (extra: Partial<IngestContext> = {}): IngestContext => ({ ...buildIngestContext({ pseudonymKey: 'robust' }), runId: 'robust', now, ...extra });

async function ingestBytes(name: string, bytes: Buffer | string, extra: Partial<IngestContext> = {}): Promise<IngestFileResult> {
  await env.blobs.put(layout.inboxKey(name), bytes);
  const r = await ingestObject(env, ctx(extra), layout.inboxKey(name));
  expect(r.read, `${name} reconciles`).toBe(r.normalised + r.ratings + r.quarantined + r.duplicates);
  return r;
}

async function quarantined(r: IngestFileResult): Promise<QuarantineEntry[]> {
  const out: QuarantineEntry[] = [];
  for (let seq = 0; ; seq++) {
    const part = await env.blobs.get(layout.quarantinePart(r.fileId, seq));
    if (!part) return out;
    out.push(...gunzipSync(Buffer.from(part)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as QuarantineEntry));
  }
}

const intercomConversations = (JSON.parse(fs.readFileSync('test/fixtures/intercom/conversations-v2.json', 'utf8')) as { conversations: Record<string, unknown>[] }).conversations;

describe('a broken record costs only itself', () => {
  it('an Intercom timestamp beyond any date is quarantined with its position; the other conversations are ingested', async () => {
    const baseline = await ingestBytes('intercom-baseline.jsonl', jsonl(intercomConversations));
    const lines = intercomConversations.map((c, i) => (i === 1 ? { ...c, created_at: 1e20 } : c));
    const r = await ingestBytes('intercom-range.jsonl', jsonl(lines));
    expect(r.format).toBe('intercom');
    expect(r.normalised).toBe(baseline.normalised - 1);
    expect((await quarantined(r)).find((q) => q.position === 'line 2')!.reason).toMatch(/createdAt: unreadable timestamp "100000000000000000000"/);
  });

  it('a record nested thousands of levels deep is quarantined, in JSON Lines and inside a JSON page', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const rows = [conversation({ id: 'a', day: '2026-11-20' }), { ...conversation({ id: 'b', day: '2026-11-20' }), extra: 'X' }, conversation({ id: 'c', day: '2026-11-20' })];
    const text = jsonl(rows).replace('"X"', deep);
    const r = await ingestBytes('deep.jsonl', text);
    expect(r).toMatchObject({ normalised: 2, quarantined: 1 });
    expect((await quarantined(r))[0]).toMatchObject({ position: 'line 2', reason: expect.stringMatching(/nested deeper than 64 levels/) });

    const page = fs.readFileSync('test/fixtures/zendesk/tickets-page.json', 'utf8');
    const tickets = JSON.parse(page) as { tickets: Record<string, unknown>[] };
    tickets.tickets[0] = { ...tickets.tickets[0], custom: 'X' };
    const z = await ingestBytes('deep-zendesk.json', JSON.stringify(tickets).replace('"X"', deep));
    expect(z.format).toBe('zendesk');
    expect(z.normalised).toBe(tickets.tickets.length - 1);
    expect((await quarantined(z))[0]!.reason).toMatch(/ticket skipped: nested deeper than 64 levels/);
  });

  it('a JSON Lines export goes on after a line that is not JSON', async () => {
    const fixture = fs.readFileSync('test/fixtures/zendesk/tickets.jsonl', 'utf8');
    const baseline = await ingestBytes('unbroken.jsonl', fixture);
    const lines = fixture.trim().split('\n');
    const r = await ingestBytes('broken-line.jsonl', [lines[0], '{"id": 7, "broken', ...lines.slice(1), 'not json at all', lines[0]!.replace('6001', '6999')].join('\n') + '\n');
    expect(r.normalised).toBe(baseline.normalised + 1);
    const entries = await quarantined(r);
    expect(entries.filter((q) => /malformed JSON/.test(q.reason)).map((q) => q.position)).toEqual(['line 2', `line ${lines.length + 2}`]);
  });

  it('a stray quote or an unterminated quoted field in a generic CSV costs one row', async () => {
    const header = 'conversation_id,created_at,role,text';
    const rows = [header, '1,2026-11-20T09:00:00Z,customer,my order "arrived" broken', '2,2026-11-20T09:05:00Z,customer,"this quote never closes', ...Array.from({ length: 20 }, (_, i) => `${i + 3},2026-11-20T10:00:00Z,customer,fine ${i}`)];
    const r = await ingestBytes('stray-quote.csv', `${rows.join('\n')}\n`);
    expect(r).toMatchObject({ format: 'csv', normalised: 21, quarantined: 1 });
    expect((await quarantined(r))[0]).toMatchObject({ position: 'line 3', reason: expect.stringContaining('unterminated quoted field') });
    const day = await readDay(env.blobs, '2026-11-20');
    expect(day.find((c) => c.sourceId === '1')!.messages[0]!.text).toBe('my order "arrived" broken');
  });
});

describe('encodings are decided per file from evidence, never silently downgraded', () => {
  it('a UTF-8 Chinese file with an invalid byte in its first chunk stays UTF-8; only the record holding the byte is quarantined', async () => {
    const good = jsonl([conversation({ id: 'zh1', day: '2026-11-20', customer: ['我的订单还没到'] }), conversation({ id: 'zh3', day: '2026-11-20', customer: ['退款什么时候到账'] })]);
    const bad = Buffer.concat([Buffer.from(jsonl([conversation({ id: 'zh2', day: '2026-11-20', customer: ['坏字节X在这里'] })]).replace('X', '\u0001'), 'utf8')]);
    bad[bad.indexOf(0x01)] = 0xff; // an invalid UTF-8 byte
    const r = await ingestBytes('chinese.jsonl', Buffer.concat([bad, Buffer.from(good, 'utf8')]));
    expect(r.reading).toMatchObject({ encoding: 'utf-8', invalidSequences: 1 });
    expect(r.reading!.encodingEvidence).toMatch(/valid UTF-8 multi-byte sequences against 1 invalid byte/);
    expect(r).toMatchObject({ normalised: 2, quarantined: 1 });
    expect((await quarantined(r))[0]!.reason).toMatch(/holds bytes that are not valid utf-8/);
    const texts = (await readDay(env.blobs, '2026-11-20')).filter((c) => c.sourceId.startsWith('zh')).map((c) => c.messages[0]!.text);
    expect(texts.sort()).toEqual(['我的订单还没到', '退款什么时候到账']);
  });

  it('a GB18030 file is read as GB18030 and says so; a Windows-1252 file as Windows-1252', async () => {
    const header = 'conversation_id,created_at,role,text\n';
    const chinese = `${header}g1,2026-11-21T09:00:00Z,customer,我的订单还没到，请尽快处理\ng2,2026-11-21T10:00:00Z,customer,退款什么时候到账\n`;
    const encoded = Buffer.from(Array.from(chinese).flatMap((ch) => [...gb18030(ch)]));
    const r = await ingestBytes('gb.csv', encoded);
    expect(r.reading).toMatchObject({ encoding: 'gb18030' });
    expect((await readDay(env.blobs, '2026-11-21')).find((c) => c.sourceId === 'g1')!.messages[0]!.text).toBe('我的订单还没到，请尽快处理');
    const latin = await ingestBytes('latin.csv', Buffer.from(`${header}l1,2026-11-21T11:00:00Z,customer,café crème très déçu\n`, 'latin1'));
    expect(latin.reading).toMatchObject({ encoding: 'windows-1252' });
    expect((await readDay(env.blobs, '2026-11-21')).find((c) => c.sourceId === 'l1')!.messages[0]!.text).toBe('café crème très déçu');
  });
});

/** GB18030 bytes of one character, from the decoder (Node has no GB18030 encoder): found by search over the two-byte range. */
const GB_TABLE = (() => {
  const table = new Map<string, Buffer>();
  const decoder = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const bytes = Buffer.from([hi, lo]);
      const ch = decoder.decode(bytes);
      if (ch.length === 1 && !table.has(ch)) table.set(ch, bytes);
    }
  }
  return table;
})();
function gb18030(ch: string): Buffer {
  if (ch.charCodeAt(0) < 0x80) return Buffer.from(ch, 'latin1');
  const bytes = GB_TABLE.get(ch);
  if (!bytes) throw new Error(`no GB18030 two-byte form for ${ch}`);
  return bytes;
}

describe('detection survives a long first record', () => {
  it('a JSON Lines file whose first line is longer than 4 KB', async () => {
    const r = await ingestBytes('long-first.jsonl', jsonl([conversation({ id: 'long', day: '2026-11-20', customer: [`${'very long message '.repeat(600)}end`] }), conversation({ id: 'short', day: '2026-11-20' })]));
    expect(r).toMatchObject({ format: 'jsonl', normalised: 2 });
  });

  it('a Freshdesk export whose first ticket has a 5 KB description', async () => {
    const tickets = JSON.parse(fs.readFileSync('test/fixtures/freshdesk/tickets-with-conversations.json', 'utf8')) as Record<string, unknown>[];
    const long = 'The dashboard does not load. '.repeat(180);
    const first = { description: `<div>${long}</div>`, description_text: long, ...tickets[0] };
    first.description = `<div>${long}</div>`;
    first.description_text = long;
    const baseline = await ingestBytes('tickets-baseline.json', JSON.stringify(tickets, null, 2));
    const r = await ingestBytes('tickets-export.json', JSON.stringify([first, ...tickets.slice(1)], null, 2));
    expect(r).toMatchObject({ format: 'freshdesk', normalised: baseline.normalised });
  });
});

describe('timestamps after the ingest day are quarantined and never move a watermark', () => {
  it('a year-9999 conversation is quarantined; the watermark is the newest real one', async () => {
    const real = conversation({ id: 'real', source: 'future-test', day: '2026-11-22' });
    const future = { ...conversation({ id: 'y9999', source: 'future-test', day: '2026-11-22' }), updatedAt: '9999-12-31T00:00:00Z' };
    const tomorrow = conversation({ id: 'tomorrow', source: 'future-test', day: '2026-11-25' }); // within the one-day margin
    const r = await ingestBytes('future.jsonl', jsonl([real, future, tomorrow, conversation({ id: 'later', source: 'future-test', day: '2026-11-27' })]));
    expect(r).toMatchObject({ normalised: 2, quarantined: 2 });
    const reasons = (await quarantined(r)).map((q) => q.reason);
    expect(reasons[0]).toMatch(/updatedAt 9999-12-31T00:00:00.000Z is after 2026-11-26T00:00:00.000Z/);
    expect(reasons[1]).toMatch(/createdAt 2026-11-27T09:00:00.000Z is after/);
    const manifest = JSON.parse(Buffer.from((await env.blobs.get(r.manifestKey))!).toString('utf8')) as { watermarks: Record<string, string> };
    expect(manifest.watermarks['future-test']).toBe(tomorrow.updatedAt);
  });
});

describe('conflicting duplicates are recorded, not dropped as plain duplicates', () => {
  it('the same id and updatedAt with other content is a conflict; the same record again is a duplicate', async () => {
    const first = conversation({ id: 'dup', day: '2026-11-20', customer: ['where is my parcel'], updatedAt: '2026-11-20T12:00:00.000Z' });
    const other = conversation({ id: 'dup', day: '2026-11-20', customer: ['something else entirely'], updatedAt: '2026-11-20T12:00:00.000Z' });
    const r = await ingestBytes('conflict.jsonl', jsonl([first, first, other]));
    expect(r).toMatchObject({ normalised: 1, duplicates: 1, quarantined: 1, conflicts: 1 });
    expect((await quarantined(r))[0]).toMatchObject({ position: 'line 3', reason: expect.stringMatching(/^conflict: an earlier record in this file has the same id and updatedAt/) });
  });
});

describe('decompression is bounded', () => {
  it('a gzip bomb stops at the byte limit with a clear reason and the records before it are kept', async () => {
    // Concatenated gzip members: 2 GB of CSV rows from 2 MB of compressed data, never built in memory.
    const header = gzipSync('conversation_id,created_at,role,text\n');
    const block = gzipSync(Buffer.from('1,2026-11-20T09:00:00Z,customer,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(16_384)));
    const bomb = Buffer.concat([header, ...Array.from({ length: 2000 }, () => block)]);
    const started = process.memoryUsage().rss;
    const r = await ingestBytes('bomb.csv.gz', bomb, { limits: { maxDecompressedBytes: 16 * 1024 * 1024 } });
    expect(r.reading?.stoppedEarly).toMatch(/decompresses to more than 16\.0 MB .*compression bomb/);
    const entries = await quarantined(r);
    expect(entries.at(-1)!.reason).toMatch(/^the rest of the file was not read: it decompresses to more than 16\.0 MB/);
    expect(process.memoryUsage().rss - started).toBeLessThan(400 * 1024 * 1024);
  });
});
