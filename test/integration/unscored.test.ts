/**
 * Conversations in a language without a sentiment lexicon (Japanese) are `unscored`: the run record counts them
 * whether the run ran in one process or as the AWS fan-out (stages called one by one, finalize reading what the
 * analyze steps wrote), and the aggregates keep them out of the neutral count and the sentiment shares.
 * Against the embedded S3 and DynamoDB emulators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { aggregateDayStage } from '../../src/stages/aggregate';
import { analyzeDay } from '../../src/stages/analyze';
import { discover } from '../../src/stages/discover';
import { finalizeRun } from '../../src/stages/finalize';
import { ingestObject } from '../../src/stages/ingest';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { listRuns, topThemes } from '../../src/stages/query';
import { conversation, jsonl } from '../support/conversations';

let env: VocEnvironment;
const now = () => new Date('2026-11-06T02:00:00Z');
const DAY = '2026-11-04';

beforeAll(async () => {
  env = await openLocalEnvironment();
  const rows = [
    ...Array.from({ length: 6 }, (_, i) => conversation({ id: `en-${i}`, day: DAY, hour: 8 + i, customer: ['My card has not arrived yet, this is terrible service'] })),
    conversation({ id: 'ja-1', day: DAY, hour: 15, customer: ['カードがまだ届いていません。とても困っています。'] }),
    conversation({ id: 'ja-2', day: DAY, hour: 16, customer: ['注文した商品が届きません。確認してください。'] }),
  ];
  await env.blobs.put(layout.inboxKey('mixed-languages.jsonl'), jsonl(rows));
});
afterAll(() => env.close());

describe('unscored conversations', () => {
  it('are counted in the run record written by finalize as the AWS state machine runs it, and kept out of neutral', async () => {
    const runId = 'run-fan-out';
    await ingestObject(env, { ...buildIngestContext({ pseudonymKey: 'unscored-test' }), runId, now }, layout.inboxKey('mixed-languages.jsonl'));
    const discovered = await discover(env, { runId, asOf: DAY, now });
    expect(discovered.partitions).toEqual([DAY]);
    // One analyze and one aggregate step per day, as the Map state runs them: nothing is handed to finalize but storage.
    expect(await analyzeDay(env, { runId, date: DAY, now })).toMatchObject({ conversations: 8, unscored: 2 });
    await aggregateDayStage(env, { runId, date: DAY });
    const summary = await finalizeRun(env, { runId, now });
    expect(summary).toMatchObject({ analysed: 8, unscored: 2, ratingsJoined: 0 });
    const [record] = await listRuns(env.table, 1);
    expect(record).toMatchObject({ runId, unscored: 2 });

    const themes = await topThemes(env.table, { from: DAY, to: DAY, limit: 50 });
    expect(themes).toMatchObject({ total: 8, unscored: 2 });
    const counted = themes.themes.reduce((n, t) => n + t.negative + t.neutral + t.positive, 0);
    expect(counted).toBe(6);
    for (const t of themes.themes) {
      expect(t.negative + t.neutral + t.positive + t.unscored).toBe(t.volume);
      if (t.volume > t.unscored) expect(t.negativeShare).toBeCloseTo(t.negative / (t.volume - t.unscored), 3);
    }
  });
});
