/**
 * Every supported export format through the real ingest stage and the emulators: detected from its
 * content (even under a generic file name), reconciled, and idempotent when ingested again.
 */
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { ingestObject } from '../../src/stages/ingest';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { listConversationDays, readDay } from '../../src/stages/read-day';

let env: VocEnvironment;
beforeAll(async () => {
  env = await openLocalEnvironment();
});
afterAll(() => env.close());

const ctx = () => ({ ...buildIngestContext({ pseudonymKey: 'formats' }), runId: 'formats' });

// [fixture, name it is uploaded under, expected connector]
const CASES: [string, string, string][] = [
  ['zendesk/tickets-page.json', 'export-a.json', 'zendesk'],
  ['zendesk/incremental-export.json', 'zendesk-incremental.json', 'zendesk'],
  ['zendesk/tickets.jsonl', 'tickets.jsonl', 'zendesk'],
  ['intercom/conversations-v2.json', 'export-b.json', 'intercom'],
  ['freshdesk/tickets-with-conversations.json', 'export-c.json', 'freshdesk'],
  ['helpscout/conversations-page.json', 'export-d.json', 'helpscout'],
  ['twitter/twcs-sample.csv', 'tweets.csv', 'twitter'],
];

describe('ingesting each help desk export', () => {
  it.each(CASES)('%s (uploaded as %s) is read by the %s connector and reconciles', async (fixture, name, format) => {
    await env.blobs.put(layout.inboxKey(name), fs.readFileSync(`test/fixtures/${fixture}`));
    const result = await ingestObject(env, ctx(), layout.inboxKey(name));
    expect(result.format).toBe(format);
    expect(result.normalised).toBeGreaterThan(0);
    expect(result.read).toBe(result.normalised + result.quarantined + result.duplicates);
  });

  it('stores conversations of every source, redacted, and ingesting the same files again changes nothing', async () => {
    const before = new Map<string, string>();
    for (const [day] of await listConversationDays(env.blobs)) before.set(day, JSON.stringify(await readDay(env.blobs, day)));
    const sources = new Set([...before.values()].flatMap((d) => (JSON.parse(d) as { source: string }[]).map((c) => c.source)));
    expect([...sources].sort()).toEqual(['freshdesk', 'helpscout', 'intercom', 'twitter', 'zendesk']);
    expect([...before.values()].join('')).not.toMatch(/[\w.]+@[\w.]+\.\w{2,}/); // no e-mail survives redaction

    for (const [fixture, name] of CASES) {
      await env.blobs.put(layout.inboxKey(name), fs.readFileSync(`test/fixtures/${fixture}`));
      expect((await ingestObject(env, ctx(), layout.inboxKey(name))).skipped).toBe(true);
    }
    for (const [day, text] of before) expect(JSON.stringify(await readDay(env.blobs, day))).toBe(text);
  });

  it.each(CASES.filter(([f]) => f.endsWith('.json')))('a truncated copy of %s quarantines the damage with a reason and still reconciles', async (fixture, name) => {
    const bytes = fs.readFileSync(`test/fixtures/${fixture}`);
    await env.blobs.put(layout.inboxKey(`cut-${name}`), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const result = await ingestObject(env, ctx(), layout.inboxKey(`cut-${name}`));
    expect(result.quarantined).toBeGreaterThan(0);
    expect(result.read).toBe(result.normalised + result.quarantined + result.duplicates);
    const part = await env.blobs.get(layout.quarantinePart(result.fileId, 0));
    const entries = gunzipSync(Buffer.from(part!)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; position: string; reason: string });
    expect(entries[0]!.file).toBe(`inbox/cut-${name}`);
    expect(entries[0]!.reason).toMatch(/JSON|truncated|end/i);
  });

  it('a TWCS export with a broken row and a row without a date quarantines both and keeps the rest', async () => {
    const csv = fs.readFileSync('test/fixtures/twitter/twcs-sample.csv', 'utf8').trimEnd().split('\n');
    const header = csv[0]!.split(',');
    const blankDate = header.map((h) => (h === 'created_at' ? '' : h === 'tweet_id' ? '999001' : h === 'inbound' ? 'True' : h === 'author_id' ? '777' : h === 'text' ? 'no date here' : '')).join(',');
    await env.blobs.put(layout.inboxKey('broken-tweets.csv'), [...csv, '999002,888,True,"Tue Oct 31 22:10:46 +0000 2017,"unterminated,,', blankDate].join('\n') + '\n');
    const result = await ingestObject(env, ctx(), layout.inboxKey('broken-tweets.csv'));
    expect(result.quarantined).toBeGreaterThanOrEqual(1);
    expect(result.normalised).toBeGreaterThan(0);
    expect(result.read).toBe(result.normalised + result.quarantined + result.duplicates);
  });

  it('rejects an HTML error page saved as JSON, naming the file', async () => {
    await env.blobs.put(layout.inboxKey('tickets.json'), fs.readFileSync('test/fixtures/errors/error-page.json'));
    await expect(ingestObject(env, ctx(), layout.inboxKey('tickets.json'))).rejects.toThrow(/inbox\/tickets\.json: /);
  });
});
