/**
 * The nightly pipeline in one process: what the Step Functions state machine does in AWS, step for
 * step and through the same stage functions (ingest each upload → discover → analyze and aggregate
 * each stale day → finalize).
 */
import type { Stores } from '../ports';
import { aggregateDayStage } from './aggregate';
import { analyzeDay, loadAnalysisContext } from './analyze';
import { discover, type DiscoverResult } from './discover';
import { finalizeRun, type RunSummary } from './finalize';
import { ingestObject, listInbox, type IngestContext, type IngestFileResult } from './ingest';
import { listRatingDays } from './ratings';
import { learnSentimentStage } from './sentiment-model';

export interface PipelineEvents {
  stage?(name: 'ingest' | 'learn-sentiment' | 'discover' | 'analyze' | 'finalize', detail: { total?: number }): void;
  ingestProgress?(p: { key: string; bytes: number; records: number; fileIndex: number; files: number }): void;
  ingested?(r: IngestFileResult): void;
  discoverProgress?(p: { day: string; done: number; total: number }): void;
  partitionDone?(p: { date: string; done: number; total: number; conversations: number }): void;
}

export interface PipelineOptions {
  runId: string;
  asOf: string;
  windowDays?: number;
  ingest: Omit<IngestContext, 'runId' | 'onProgress'>;
  events?: PipelineEvents;
  now?: () => Date;
}

export interface PipelineResult {
  summary: RunSummary;
  ingested: IngestFileResult[];
  discovered: DiscoverResult;
}

export async function runPipeline(stores: Stores, options: PipelineOptions): Promise<PipelineResult> {
  const startedAt = (options.now?.() ?? new Date()).toISOString();
  const ev = options.events ?? {};
  const ingested: IngestFileResult[] = [];
  try {
    const inbox = await listInbox(stores.blobs);
    ev.stage?.('ingest', { total: inbox.length });
    for (const [i, key] of inbox.entries()) {
      const result = await ingestObject(
        stores,
        { now: options.now, ...options.ingest, runId: options.runId, onProgress: (p) => ev.ingestProgress?.({ ...p, fileIndex: i, files: inbox.length }) },
        key,
      );
      ingested.push(result);
      ev.ingested?.(result);
    }
    ev.stage?.('learn-sentiment', {});
    await learnSentimentStage(stores, { runId: options.runId, asOf: options.asOf, now: options.now });
    ev.stage?.('discover', {});
    const discovered = await discover(stores, { runId: options.runId, asOf: options.asOf, windowDays: options.windowDays, now: options.now, onProgress: ev.discoverProgress });
    ev.stage?.('analyze', { total: discovered.partitions.length });
    let done = 0;
    const [context, ratingDays] = await Promise.all([loadAnalysisContext(stores.blobs), listRatingDays(stores.blobs)]);
    for (const date of discovered.partitions) {
      const analysed = await analyzeDay(stores, { runId: options.runId, date, now: options.now, context, ratingDays });
      await aggregateDayStage(stores, { runId: options.runId, date });
      ev.partitionDone?.({ date, done: ++done, total: discovered.partitions.length, conversations: analysed.conversations });
    }
    ev.stage?.('finalize', {});
    const totals = ingested.reduce(
      (t, r) => ({ read: t.read + r.read, normalised: t.normalised + r.normalised, ratings: t.ratings + r.ratings, quarantined: t.quarantined + r.quarantined, duplicates: t.duplicates + r.duplicates }),
      { read: 0, normalised: 0, ratings: 0, quarantined: 0, duplicates: 0 },
    );
    const summary = await finalizeRun(stores, { runId: options.runId, startedAt, now: options.now, extra: { files: ingested.length, ...totals } });
    return { summary, ingested, discovered };
  } catch (error) {
    await finalizeRun(stores, { runId: options.runId, startedAt, status: 'failed', error: (error as Error).message, now: options.now }).catch(() => undefined);
    throw error;
  }
}
