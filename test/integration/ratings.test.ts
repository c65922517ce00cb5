/**
 * CSAT exported apart from the tickets (Freshdesk satisfaction ratings) reaches the KPIs: ingested after the
 * tickets, the ratings make the rated days stale, analysis joins them, aggregates count each rating once however
 * often the pipeline or the ingest runs. Against the embedded S3 and DynamoDB emulators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { analyzeDay, readAnalysis } from '../../src/stages/analyze';
import { ingestObject } from '../../src/stages/ingest';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { listWatermarks } from '../../src/stages/query';
import { runPipeline } from '../../src/stages/run';
import { fixture } from '../unit/connectors/helpers';
import { scanTable } from '../support/scan';
import { fromSegmentDayItem } from '../../src/core/aggregation/segment-day';

let env: VocEnvironment;
const ingest = () => buildIngestContext({ pseudonymKey: 'ratings-test' });
const now = () => new Date('2026-09-30T02:00:00Z');
const run = (runId: string) => runPipeline(env, { runId, asOf: '2026-09-29', ingest: ingest(), now });

/** CSAT sums and counts over every theme × day aggregate of the `all` segment. */
async function csatTotals(): Promise<{ sum: number; count: number }> {
  const rows = (await scanTable(env)).filter((i) => i.type === 'segment-day' && i.segment === 'all').flatMap(fromSegmentDayItem);
  let sum = 0;
  let count = 0;
  for (const i of rows) {
    sum += Number(i.csatSum ?? 0);
    count += Number(i.csatCount ?? 0);
  }
  return { sum, count };
}

async function csatOf(day: string, id: string): Promise<number | undefined> {
  return (await readAnalysis(env.blobs, day)).find((r) => r.id === id)?.csat;
}

beforeAll(async () => {
  env = await openLocalEnvironment();
});
afterAll(() => env.close());

describe('satisfaction ratings exported apart from tickets', () => {
  it('tickets alone: no CSAT (Freshdesk tickets do not carry it)', async () => {
    await env.blobs.put(layout.inboxKey('freshdesk-tickets.json'), fixture('freshdesk/tickets-with-conversations.json'));
    await run('run-1');
    expect(await csatOf('2026-09-14', 'freshdesk:201')).toBeUndefined();
    expect(await csatTotals()).toEqual({ sum: 0, count: 0 });
  });

  it('ratings ingested later make the rated days stale and their CSAT counts', async () => {
    await env.blobs.put(layout.inboxKey('freshdesk-satisfaction-ratings.json'), fixture('freshdesk/satisfaction-ratings.json'));
    const result = await run('run-2');
    expect(result.ingested[0]).toMatchObject({ format: 'ratings', read: 3, ratings: 2, quarantined: 1, normalised: 0 });
    // Where the next satisfaction-ratings export should start, beside the tickets' own watermark.
    expect(await listWatermarks(env.table)).toEqual(
      expect.arrayContaining([
        { source: 'freshdesk', updatedAt: '2026-09-15T08:05:00.000Z' },
        { source: 'freshdesk:ratings', updatedAt: '2026-09-20T16:30:00.000Z' },
      ]),
    );
    expect(result.discovered.partitions).toEqual(['2026-09-14', '2026-09-15']);
    expect(result.summary.ratingsJoined).toBe(2);
    expect(await csatOf('2026-09-14', 'freshdesk:201')).toBe(5);
    expect(await csatOf('2026-09-15', 'freshdesk:202')).toBeCloseTo(1 + 4 / 6, 5);
    // A day analysed on its own (as the analyze Lambda does) lists its rating parts itself: same join.
    expect(await analyzeDay(env, { runId: 'alone', date: '2026-09-14', now })).toMatchObject({ ratingsJoined: 1 });
    expect(await csatOf('2026-09-14', 'freshdesk:201')).toBe(5);
    const totals = await csatTotals();
    expect(totals.count).toBe(2);
    expect(totals.sum).toBeCloseTo(5 + 1 + 4 / 6, 5);
  });

  it('a re-run analyses nothing again; a forced re-ingest of the ratings rewrites the same parts and counts nothing twice', async () => {
    const before = await scanTable(env);
    expect((await run('run-3')).discovered.partitions).toEqual([]);
    const forced: Awaited<ReturnType<typeof ingestObject>>[] = [];
    for await (const o of env.blobs.list('raw/')) {
      if (o.key.endsWith('freshdesk-satisfaction-ratings.json')) forced.push(await ingestObject(env, { ...ingest(), runId: 'force', force: true, now }, o.key));
    }
    expect(forced).toEqual([expect.objectContaining({ skipped: false, ratings: 2 })]);
    expect((await run('run-4')).discovered.partitions).toEqual([]);
    expect(await scanTable(env)).toEqual(expect.arrayContaining(before.filter((i) => i.type === 'segment-day')));
    expect((await csatTotals()).count).toBe(2);
  });
});
