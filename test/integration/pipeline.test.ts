/** The whole nightly pipeline against the embedded emulators: ingest → discover → analyze → aggregate → query. */
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { aggregateDayStage } from '../../src/stages/aggregate';
import { analyzeDay } from '../../src/stages/analyze';
import { ingestObject, UnreadableInputError } from '../../src/stages/ingest';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { listWatermarks, themeDetail, topThemes } from '../../src/stages/query';
import { readDay } from '../../src/stages/read-day';
import { runPipeline } from '../../src/stages/run';
import { conversation, jsonl } from '../support/conversations';
import { scanTable } from '../support/scan';

const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];
const TOPICS = [
  { customer: 'My card has not arrived yet and I need it for travel', agent: 'I have sent a new card by express post.' },
  { customer: 'I was charged twice for the same order, please refund me', agent: 'The duplicate charge is refunded.' },
  { customer: 'How do I reset my password? The reset link is not working', agent: 'Here is a fresh reset link.' },
];

/** 36 conversations over four days, three clear topics, one with PII. */
function archive() {
  return DAYS.flatMap((day, d) =>
    Array.from({ length: 9 }, (_, i) => {
      const t = TOPICS[i % 3]!;
      return conversation({ id: `${day}-${i}`, customerId: `cust-${day}-${i}`, day, hour: 8 + i, customer: [i === 0 && d === 0 ? `${t.customer}. Reach me at ann@example.com` : t.customer, 'thanks, sorted!'], agent: [t.agent], csat: i % 2 ? 5 : 2 });
    }),
  );
}

let env: VocEnvironment;
const ingest = () => buildIngestContext({ pseudonymKey: 'pipeline-test' });
const now = () => new Date('2026-11-06T02:00:00Z');

beforeAll(async () => {
  env = await openLocalEnvironment();
  const rows = archive();
  const text = jsonl(rows) + '{"schemaVersion":1,"id":"broken"\n' + JSON.stringify({ ...conversation({ id: 'no-time' }), createdAt: 'yesterday-ish' }) + '\n' + jsonl([rows[1]]);
  await env.blobs.put(layout.inboxKey('export-1.jsonl.gz'), gzipSync(text));
});
afterAll(() => env.close());

describe('the nightly pipeline', () => {
  let firstRun: Awaited<ReturnType<typeof runPipeline>>;

  it('ingests with a reconciliation that adds up and quarantines bad records with reasons', async () => {
    firstRun = await runPipeline(env, { runId: 'run-1', asOf: '2026-11-06', ingest: ingest(), now });
    const [file] = firstRun.ingested;
    expect(file).toMatchObject({ read: 39, normalised: 36, quarantined: 2, duplicates: 1, skipped: false, format: 'jsonl' });
    expect(file!.read).toBe(file!.normalised + file!.quarantined + file!.duplicates);

    const quarantine = gunzipSync(Buffer.from((await env.blobs.get(layout.quarantinePart(file!.fileId, 0)))!)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(quarantine.map((q) => [q.position, q.file])).toEqual([['line 37', 'inbox/export-1.jsonl.gz'], ['line 38', 'inbox/export-1.jsonl.gz']]);
    expect(quarantine[0].reason).toMatch(/not valid JSON/);
    expect(quarantine[1].reason).toMatch(/createdAt: unreadable timestamp "yesterday-ish"/);

    // The source's watermark is the newest updatedAt ingested: the last message of the last day.
    const newest = archive().map((c) => c.updatedAt).sort().pop();
    expect(await listWatermarks(env.table)).toEqual([{ source: 'test', updatedAt: newest }]);
  });

  it('moves the upload from inbox/ to raw/ and keeps it there as received', async () => {
    expect(await env.blobs.head(layout.inboxKey('export-1.jsonl.gz'))).toBeUndefined();
    const raw: string[] = [];
    for await (const o of env.blobs.list('raw/')) raw.push(o.key);
    expect(raw).toEqual([expect.stringMatching(/^raw\/received=2026-11-06\/[0-9a-f]{16}-export-1\.jsonl\.gz$/)]);
  });

  it('stores redacted, pseudonymised conversations partitioned by day', async () => {
    const day = await readDay(env.blobs, '2026-11-02');
    expect(day).toHaveLength(9);
    const withPii = day.find((c) => c.sourceId === '2026-11-02-0')!;
    expect(withPii.messages[0]!.text).toMatch(/Reach me at \[EMAIL\]$/);
    expect(withPii.customer.id).toMatch(/^c_/);
    expect(JSON.stringify(day)).not.toContain('example.com');
  });

  it('discovers themes, analyses every day and serves them through the query stage', async () => {
    expect(firstRun.discovered.partitions).toEqual(DAYS);
    expect(firstRun.summary).toMatchObject({ status: 'succeeded', latestDay: '2026-11-05', window: { from: '2026-10-07', to: '2026-11-05' } });
    const result = await topThemes(env.table, {});
    expect(result.from).toBe('2026-10-07');
    expect(result.to).toBe('2026-11-05');
    expect(result.total).toBe(36);
    expect(result.themes.reduce((n, t) => n + t.volume, 0)).toBe(36);
    const top = result.themes[0]!;
    const detail = (await themeDetail(env.table, top.id))!;
    expect(detail.timeline.reduce((n, d) => n + d.volume, 0)).toBe(top.volume);
    expect(detail.quotes.length).toBeGreaterThan(0);
    expect(detail.quotes.every((q) => !q.text.includes('@'))).toBe(true);
    const byLang = await topThemes(env.table, { lang: 'en' });
    expect(byLang.total).toBe(36);
    expect((await topThemes(env.table, { lang: 'de' })).total).toBe(0);
  });

  it('changes nothing in DynamoDB when the same night runs again', async () => {
    const isRunRecord = (i: Record<string, unknown>) => String(i.PK).startsWith('RUN#') || i.PK === 'STATE';
    const before = (await scanTable(env)).filter((i) => !isRunRecord(i));
    await env.blobs.put(layout.inboxKey('export-1.jsonl.gz'), gzipSync('x')); // a different file under the same name is new…
    await env.blobs.delete([layout.inboxKey('export-1.jsonl.gz')]); // …but here nothing new arrives
    const again = await runPipeline(env, { runId: 'run-2', asOf: '2026-11-06', ingest: ingest(), now });
    expect(again.discovered.partitions).toEqual([]); // nothing changed: no day is re-analysed
    expect((await scanTable(env)).filter((i) => !isRunRecord(i))).toEqual(before);

    // Forcing the analysis and aggregation of every day again gives identical items, never doubled counts.
    for (const date of DAYS) {
      await analyzeDay(env, { runId: 'run-3', date });
      const aggregated = await aggregateDayStage(env, { runId: 'run-3', date });
      expect(aggregated).toMatchObject({ written: 0, removed: 0 }); // unchanged rows are not rewritten
      expect(aggregated.items).toBeGreaterThan(0);
    }
    expect((await scanTable(env)).filter((i) => !isRunRecord(i))).toEqual(before);
  });

  it('keeps the readers\' default window when an older night is backfilled', async () => {
    const backfill = await runPipeline(env, { runId: 'run-backfill', asOf: '2026-11-03', ingest: ingest(), now });
    expect(backfill.summary).toMatchObject({ status: 'succeeded', latestDay: '2026-11-03' });
    expect((await topThemes(env.table, {})).to).toBe('2026-11-05');
  });

  it('skips a file ingested before, and a forced re-ingest rewrites the same parts', async () => {
    const text = jsonl([conversation({ id: 'solo', day: '2026-11-05' })]);
    await env.blobs.put(layout.inboxKey('solo.jsonl'), text);
    const first = await ingestObject(env, { ...ingest(), runId: 'r' }, layout.inboxKey('solo.jsonl'));
    await env.blobs.put(layout.inboxKey('solo.jsonl'), text);
    const second = await ingestObject(env, { ...ingest(), runId: 'r' }, layout.inboxKey('solo.jsonl'));
    expect(second).toMatchObject({ skipped: true, fileId: first.fileId });
    // The upload now lives in raw/; re-ingesting it from there on purpose:
    const { rawKey } = JSON.parse(Buffer.from((await env.blobs.get(first.manifestKey))!).toString('utf8')) as { rawKey: string };
    const forced = await ingestObject(env, { ...ingest(), runId: 'r', force: true }, rawKey);
    expect(forced).toMatchObject({ skipped: false, fileId: first.fileId, normalised: 1 });
    const manifest = JSON.parse(Buffer.from((await env.blobs.get(first.manifestKey))!).toString('utf8')) as { parts: string[]; rawKey: string };
    expect(manifest.parts).toEqual([layout.conversationPart('2026-11-05', first.fileId, 0)]);
    expect(manifest.rawKey).toBe(rawKey);
    expect(forced.normalised).toBe(1);
    expect((await readDay(env.blobs, '2026-11-05')).filter((c) => c.sourceId === 'solo')).toHaveLength(1);
  });

  it('keeps the newest version when overlapping exports carry the same conversation', async () => {
    const old = conversation({ id: 'dup', day: '2026-11-05', customer: ['where is my parcel'] });
    const newer = conversation({ id: 'dup', day: '2026-11-05', customer: ['where is my parcel', 'found it, thanks'], updatedAt: '2026-11-05T20:00:00.000Z' });
    await env.blobs.put(layout.inboxKey('later.jsonl'), jsonl([newer]));
    await env.blobs.put(layout.inboxKey('earlier.jsonl'), jsonl([old]));
    await ingestObject(env, { ...ingest(), runId: 'r' }, layout.inboxKey('later.jsonl'));
    await ingestObject(env, { ...ingest(), runId: 'r' }, layout.inboxKey('earlier.jsonl'));
    const dup = (await readDay(env.blobs, '2026-11-05')).filter((c) => c.sourceId === 'dup');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.messages.map((m) => m.text)).toContain('found it, thanks');
  });

  it('fails loudly, naming the file, only when the input cannot be read at all', async () => {
    await env.blobs.put(layout.inboxKey('page.csv'), '<!DOCTYPE html><html><body>Sign in</body></html>');
    await expect(ingestObject(env, { ...ingest(), runId: 'r' }, layout.inboxKey('page.csv'))).rejects.toThrow(/inbox\/page\.csv: this is an HTML page, not an export/);
    await env.blobs.put(layout.inboxKey('empty.jsonl'), '');
    await expect(ingestObject(env, { ...ingest(), runId: 'r' }, layout.inboxKey('empty.jsonl'))).rejects.toBeInstanceOf(UnreadableInputError);
  });

  it('keeps what a damaged gzip held before the damage and quarantines the rest with the reason', async () => {
    const whole = gzipSync(jsonl(archive()));
    await env.blobs.put(layout.inboxKey('cut.jsonl.gz'), whole.subarray(0, Math.floor(whole.length * 0.6)));
    const cut = await ingestObject(env, { ...ingest(), runId: 'r' }, layout.inboxKey('cut.jsonl.gz'));
    expect(cut.normalised).toBeGreaterThan(0);
    expect(cut.read).toBe(cut.normalised + cut.quarantined + cut.duplicates);
    expect(cut.reading?.stoppedEarly).toMatch(/compressed data is damaged/);
    const entries = gunzipSync(Buffer.from((await env.blobs.get(layout.quarantinePart(cut.fileId, 0)))!)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { reason: string; rawKey: string });
    expect(entries.at(-1)!.reason).toMatch(/^the rest of the file was not read: its compressed data is damaged/);
    expect(entries.at(-1)!.rawKey).toMatch(/^raw\/received=.*-cut\.jsonl\.gz$/);
  });
});
