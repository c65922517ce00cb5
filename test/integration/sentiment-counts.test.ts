/**
 * The nightly sentiment-model stage decides whether to refit from the rated conversations per language of the last
 * 90 days; it keeps those counts per day (models/sentiment/rated-counts.json), so a night whose model is kept reads
 * only the days whose inputs changed, and decides exactly as a count from scratch would. Files runtime, the sample.
 */
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout, PREFIX } from '../../src/core/storage-layout';
import { packagePath } from '../../src/package-root';
import type { BlobStore } from '../../src/ports';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { learnSentimentStage } from '../../src/stages/sentiment-model';

/** Counts the conversation parts read through it. */
class CountingReads implements BlobStore {
  days = new Set<string>();
  constructor(private readonly blobs: BlobStore) {}
  private seen(key: string) {
    if (key.startsWith(PREFIX.conversations)) this.days.add(key.split('/')[1]!);
  }
  put: BlobStore['put'] = (...a) => this.blobs.put(...a);
  get = (key: string) => (this.seen(key), this.blobs.get(key));
  stream = (key: string) => (this.seen(key), this.blobs.stream(key));
  head = (key: string) => this.blobs.head(key);
  list = (prefix: string) => this.blobs.list(prefix);
  delete = (keys: string[]) => this.blobs.delete(keys);
  copy = (from: string, to: string) => this.blobs.copy(from, to);
}

const archive = packagePath('data', 'sample', 'archive');
const AS_OF = '2026-12-31';
let env: VocEnvironment;
beforeAll(async () => {
  env = await openLocalEnvironment();
  for (const f of ['helpdesk-en.jsonl', 'multilingual.jsonl']) await env.blobs.put(layout.inboxKey(f), fs.readFileSync(`${archive}/${f}`));
  await runPipeline(env, { runId: 'r1', asOf: AS_OF, ingest: buildIngestContext({ pseudonymKey: 'k' }) });
}, 300_000);
afterAll(() => env.close());

const learn = async (runId: string) => {
  const reads = new CountingReads(env.blobs);
  const result = await learnSentimentStage({ ...env, blobs: reads }, { runId, asOf: AS_OF });
  return { result, daysRead: reads.days.size };
};

describe('sentiment model: rated conversations counted per day', () => {
  it('the first night trained the model; the next reads no conversation to keep it', async () => {
    const counts = JSON.parse(Buffer.from((await env.blobs.get(layout.sentimentRatedCounts()))!).toString('utf8'));
    expect(Object.keys(counts.days).length).toBeGreaterThan(30);
    const again = await learn('r2');
    expect(again.result.status).toBe('kept');
    expect(again.result.rated).toBeGreaterThan(100);
    expect(again.daysRead).toBe(0);
  });

  it('new conversations on a few days: only those days are read, and the decision equals a count from scratch', async () => {
    const update = fs.readFileSync(`${archive}/helpdesk-en-update.jsonl`);
    const updatedDays = new Set(update.toString('utf8').trim().split('\n').map((l) => (JSON.parse(l) as { createdAt: string }).createdAt.slice(0, 10)));
    await env.blobs.put(layout.inboxKey('helpdesk-en-update.jsonl'), update);
    await runPipeline(env, { runId: 'r3', asOf: AS_OF, ingest: buildIngestContext({ pseudonymKey: 'k' }) });
    const before = await learn('r4');
    expect(before.daysRead).toBe(0);

    await env.blobs.delete([layout.sentimentRatedCounts()]);
    const scratch = await learn('r5');
    expect(scratch.daysRead).toBeGreaterThan(updatedDays.size);
    expect({ ...scratch.result }).toEqual({ ...before.result });
  }, 300_000);

  it('a rewritten part makes its day count again, and no other', async () => {
    const stored = JSON.parse(Buffer.from((await env.blobs.get(layout.sentimentRatedCounts()))!).toString('utf8'));
    // The same conversations compressed anew (as a forced re-ingest may write them): another etag, so the day is read.
    const [day] = Object.keys(stored.days);
    const part = (await env.blobs.list(layout.conversationsPrefix(day!))[Symbol.asyncIterator]().next()).value!;
    await env.blobs.put(part.key, gzipSync(gunzipSync((await env.blobs.get(part.key))!), { level: 1 }));
    const after = await learn('r6');
    expect(after.result.status).toBe('kept');
    expect(after.daysRead).toBe(1);
  });
});
