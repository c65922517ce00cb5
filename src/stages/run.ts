/**
 * The nightly pipeline in one process: what the Step Functions state machine does in AWS, step for
 * step and through the same stage functions (ingest each upload → discover → analyze and aggregate
 * each stale day → finalize). `voc run` and `voc analyze` (which skips ingest) both run it, so both
 * leave a run record, a failed one included.
 */
import type { Stores } from '../ports';
import { inProcessDayRunner, type DayOutcome, type DayRunner } from './days';
import { discover, type DiscoverResult } from './discover';
import { finalizeRun, saveRunRecord, type RunSummary } from './finalize';
import { ingestUpload, listInbox, type IngestContext, type IngestFileResult } from './ingest';
import { listRatingDays } from './ratings';
import { learnSentimentStage } from './sentiment-model';
import { countingStores } from './store-counts';
import { alertsAfterNight, type AlertPublisher, type AlertsResult } from './alerts';
import type { AlertsConfig } from '../core/alerts/detect';

export const STAGES = ['ingest', 'learn-sentiment', 'discover', 'analyze', 'aggregate', 'finalize'] as const;
export type StageName = (typeof STAGES)[number];

/** Where a run's time went, per stage (kept in the run record and printed by voc run). */
export interface StageTiming {
  /** Wall seconds; for analyze and aggregate, the busy seconds summed over the days (they overlap when days run side by side). */
  seconds: number;
  /** Conversations the stage went through (ingest: normalised; discover: read, the whole window when it fitted the themes; analyze/aggregate: in the days redone). */
  conversations: number;
  conversationsPerSecond: number;
  /** Table items written or deleted (DynamoDB writes in AWS). */
  items: number;
  /** Objects written to the bucket. */
  objects: number;
}

export interface RunTimings {
  stages: Record<StageName, StageTiming>;
  /** Wall seconds of the analyse-and-aggregate phase, how many days ran side by side, and how many of them only needed their themes again. */
  days: { seconds: number; count: number; parallel: number; rethemed: number };
  /** Aggregate items the redone days hold, per 1,000 of their conversations. */
  aggregateItemsPer1000Conversations: number;
  totalSeconds: number;
}

export interface PipelineEvents {
  stage?(name: StageName, detail: { total?: number }): void;
  ingestProgress?(p: { key: string; bytes: number; records: number; fileIndex: number; files: number }): void;
  ingested?(r: IngestFileResult): void;
  discoverProgress?(p: { day: string; done: number; total: number }): void;
  partitionDone?(p: { date: string; done: number; total: number; conversations: number }): void;
}

export interface PipelineOptions {
  runId: string;
  asOf: string;
  windowDays?: number;
  /** Fit the themes again whatever the window (voc run --refit); otherwise discovery decides (core/theme-refit.ts). */
  refit?: boolean;
  /** How to ingest inbox/; undefined skips ingest (`voc analyze`). */
  ingest?: Omit<IngestContext, 'runId' | 'onProgress'>;
  events?: PipelineEvents;
  now?: () => Date;
  /** Who analyses and aggregates the days; one after another in this thread by default. */
  dayRunner?: DayRunner;
  /** Days side by side in dayRunner, for the record. @default 1 */
  parallel?: number;
  /** Where the night's alerts go (src/adapters/alert-publishers.ts); they are stored and listed by `voc alerts` either way. */
  alertPublishers?: (config: AlertsConfig) => AlertPublisher[];
}

export interface PipelineResult {
  summary: RunSummary;
  ingested: IngestFileResult[];
  discovered: DiscoverResult;
  timings: RunTimings;
  /** what changed enough to tell someone (docs/ALERTS.md); absent when the run failed */
  alerts?: AlertsResult;
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

function timing(seconds: number, conversations: number, counts: { items: number; objects: number }): StageTiming {
  return { seconds: round(seconds), conversations, conversationsPerSecond: seconds > 0 ? Math.round(conversations / seconds) : 0, items: counts.items, objects: counts.objects };
}

export async function runPipeline(stores: Stores, options: PipelineOptions): Promise<PipelineResult> {
  const startedAt = (options.now?.() ?? new Date()).toISOString();
  const t0 = performance.now();
  const ev = options.events ?? {};
  const ingested: IngestFileResult[] = [];
  const stages = {} as Record<StageName, StageTiming>;
  let result: PipelineResult;
  try {
    // INGEST
    let clock = performance.now();
    const ingestStores = countingStores(stores);
    if (options.ingest) {
      const inbox = await listInbox(stores.blobs);
      ev.stage?.('ingest', { total: inbox.length });
      for (const [i, key] of inbox.entries()) {
        // An upload that cannot be read at all is set aside with its reason (ingestUpload), not a failed night.
        const result = await ingestUpload(
          ingestStores,
          { now: options.now, ...options.ingest, runId: options.runId, onProgress: (p) => ev.ingestProgress?.({ ...p, fileIndex: i, files: inbox.length }) },
          key,
        );
        ingested.push(result);
        ev.ingested?.(result);
      }
    }
    const totals = ingested.reduce(
      (t, r) => ({ read: t.read + r.read, normalised: t.normalised + r.normalised, ratings: t.ratings + r.ratings, quarantined: t.quarantined + r.quarantined, duplicates: t.duplicates + r.duplicates }),
      { read: 0, normalised: 0, ratings: 0, quarantined: 0, duplicates: 0 },
    );
    stages.ingest = timing((performance.now() - clock) / 1000, totals.normalised, ingestStores.counts);

    // LEARN SENTIMENT from the ratings (sentiment-model.ts)
    clock = performance.now();
    ev.stage?.('learn-sentiment', {});
    const learnStores = countingStores(stores);
    await learnSentimentStage(learnStores, { runId: options.runId, asOf: options.asOf, now: options.now });
    stages['learn-sentiment'] = timing((performance.now() - clock) / 1000, 0, learnStores.counts);

    // DISCOVER
    clock = performance.now();
    ev.stage?.('discover', {});
    const discoverStores = countingStores(stores);
    const discovered = await discover(discoverStores, { runId: options.runId, asOf: options.asOf, windowDays: options.windowDays, refit: options.refit, now: options.now, onProgress: ev.discoverProgress });
    stages.discover = timing((performance.now() - clock) / 1000, discovered.conversationsRead, discoverStores.counts);

    // ANALYZE + AGGREGATE, day by day (a Distributed Map in AWS)
    clock = performance.now();
    ev.stage?.('analyze', { total: discovered.partitions.length });
    let done = 0;
    const runner = options.dayRunner ?? inProcessDayRunner(stores, await listRatingDays(stores.blobs));
    const outcomes: DayOutcome[] = await runner({
      runId: options.runId,
      dates: discovered.partitions,
      aggregateOnly: discovered.aggregateOnly,
      now: options.now,
      onDone: (o) => ev.partitionDone?.({ date: o.date, done: ++done, total: discovered.partitions.length, conversations: o.conversations }),
    });
    const daysSeconds = (performance.now() - clock) / 1000;
    const sum = (f: (o: DayOutcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
    const dayConversations = sum((o) => o.conversations);
    stages.analyze = timing(sum((o) => o.analyzeSeconds), dayConversations, { items: 0, objects: sum((o) => o.objects) });
    stages.aggregate = timing(sum((o) => o.aggregateSeconds), dayConversations, { items: sum((o) => o.items), objects: 0 });

    // FINALIZE
    clock = performance.now();
    ev.stage?.('finalize', {});
    const finalizeStores = countingStores(stores);
    const timings: RunTimings = {
      stages,
      days: { seconds: round(daysSeconds), count: outcomes.length, parallel: options.parallel ?? 1, rethemed: outcomes.filter((o) => o.rethemed).length },
      aggregateItemsPer1000Conversations: dayConversations ? round((sum((o) => o.aggregateItems) / dayConversations) * 1000, 1) : 0,
      totalSeconds: 0,
    };
    timings.totalSeconds = round((performance.now() - t0) / 1000);
    const summary = await finalizeRun(finalizeStores, {
      runId: options.runId,
      startedAt,
      now: options.now,
      // analysed, ratingsJoined and unscored: finalize sums them from the day manifests, as in AWS.
      extra: {
        files: ingested.length,
        ...totals,
        ...(ingested.some((r) => r.unreadable) ? { setAside: ingested.filter((r) => r.unreadable).map((r) => ({ file: r.key, reason: r.unreadable })) } : {}),
        timings,
      },
    });
    stages.finalize = timing((performance.now() - clock) / 1000, totals.normalised, finalizeStores.counts);
    timings.totalSeconds = round((performance.now() - t0) / 1000);
    // The record gets finalize's own figures too (one more write of the run item).
    await saveRunRecord(stores, { ...summary, timings });
    // ALERTS: once per event (a dedupe key stored with the data), after the night's aggregates are in place.
    let alerts: AlertsResult | undefined;
    if (summary.status === 'succeeded') {
      // A broken alerts config or destination is reported, not a failed night; a storage fault fails it like any other.
      alerts = await alertsAfterNight(stores, { runId: options.runId, publishers: options.alertPublishers, now: options.now });
    }
    result = { summary: { ...summary, timings }, ingested, discovered, timings, ...(alerts ? { alerts } : {}) };
  } catch (error) {
    await finalizeRun(stores, { runId: options.runId, startedAt, status: 'failed', error: (error as Error).message, now: options.now }).catch(() => undefined);
    throw error;
  }
  // Days that failed after their retries: recorded by finalize, listed again by the next run.
  if (result.summary.status === 'failed') throw new RunFailedError(result);
  return result;
}

/** The run finished but failed (some days were not analysed and aggregated); its record says which and why. */
export class RunFailedError extends Error {
  constructor(readonly result: PipelineResult) {
    super(`run ${result.summary.runId} failed: ${result.summary.error ?? 'see voc runs'}`);
    this.name = 'RunFailedError';
  }
}
