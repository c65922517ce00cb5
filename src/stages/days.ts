/**
 * The per-day half of a night: analyse a day partition, then aggregate it, as one Distributed Map item does
 * in AWS. Days are independent, so a runner may do them in any order and side by side (worker threads
 * locally: src/adapters/day-workers.ts); the default runner does them one after another in this thread.
 */
import type { BlobInfo, Stores } from '../ports';
import { aggregateDayStage } from './aggregate';
import { readAnalysis } from './analysis-file';
import { withRetries } from './retry';
import { analyzeDay, loadAnalysisContext, type AnalysisContext } from './analyze';
import { analysisIdOf, recordDayFailure } from './day-state';
import { readAnalysisManifest } from './analysis-manifest';
import { countingStores } from './store-counts';

/** Tries per day before it is recorded as failed, as the state machine's Retry does in AWS (lib/pipeline.ts). */
export const DAY_ATTEMPTS = 3;
/** Wait before the second try; doubled before each next one. */
const RETRY_DELAY_MS = 200;

export interface DayOutcome {
  date: string;
  conversations: number;
  ratingsJoined: number;
  /** conversations in a language without a lexicon (AnalyzeResult.unscored) */
  unscored: number;
  analyzeSeconds: number;
  aggregateSeconds: number;
  /** Table items written (and deleted) by the day's aggregation, and objects written by its analysis. */
  items: number;
  /** Aggregate items the day has now (written or unchanged). */
  aggregateItems: number;
  /** Only its themes were redone: the catalogue was all that changed. */
  rethemed: boolean;
  objects: number;
  /** Set when the day failed after DAY_ATTEMPTS tries (recorded under runs/<runId>/failed-days/; listed again next run). */
  error?: string;
  attempts?: number;
}

export interface DayWork {
  runId: string;
  dates: string[];
  /** Of the dates, those whose analysis is current: only aggregated (DiscoverResult.aggregateOnly). */
  aggregateOnly?: string[];
  /** Fixed clock for analysis manifests (tests); the wall clock otherwise. */
  now?: () => Date;
  onDone?: (outcome: DayOutcome) => void;
}

/**
 * Runs analyse + aggregate for every date and resolves with one outcome per date: a day that still fails after
 * its retries has `error` set (and is recorded for finalize), and the other days go on, as in the Distributed Map.
 */
export type DayRunner = (work: DayWork) => Promise<DayOutcome[]>;

/** One day, analysed and aggregated from the rows in hand (the analysis is written, not read back); `analyse: false` aggregates the stored analysis. */
export async function analyzeAndAggregateDay(
  stores: Stores,
  options: { runId: string; date: string; context: AnalysisContext; ratingDays?: Map<string, BlobInfo[]>; now?: () => Date; analyse?: boolean },
): Promise<DayOutcome> {
  const counted = countingStores(stores);
  const t0 = performance.now();
  const analysed =
    options.analyse === false
      ? await storedAnalysis(counted, options.date)
      : await analyzeDay(counted, { ...options, keepRows: true });
  const t1 = performance.now();
  const aggregated = await aggregateDayStage(counted, { runId: options.runId, date: options.date, rows: analysed.rows, analysisId: analysed.analysisId });
  const t2 = performance.now();
  return {
    date: options.date,
    conversations: analysed.conversations,
    ratingsJoined: analysed.ratingsJoined,
    unscored: analysed.unscored,
    analyzeSeconds: (t1 - t0) / 1000,
    aggregateSeconds: (t2 - t1) / 1000,
    items: counted.counts.items,
    aggregateItems: aggregated.items,
    rethemed: analysed.rethemed ?? false,
    objects: counted.counts.objects,
  };
}

/** A day analysed before (its analysis current), read back for aggregation. */
async function storedAnalysis(stores: Stores, date: string) {
  const manifest = await readAnalysisManifest(stores.blobs, date);
  if (!manifest) throw new Error(`day ${date} has no analysis to aggregate`);
  const rows = await readAnalysis(stores.blobs, date);
  return { rows, analysisId: analysisIdOf(manifest), conversations: rows.length, ratingsJoined: manifest.ratingsJoined ?? 0, unscored: manifest.unscored ?? 0, rethemed: false };
}

/**
 * One day with its retries: analyse + aggregate again after a failure (both are idempotent), up to DAY_ATTEMPTS
 * times; a day that still fails is recorded for finalize and comes back as an outcome with `error`.
 */
export async function runDay(
  stores: Stores,
  options: Parameters<typeof analyzeAndAggregateDay>[1],
  attempts = DAY_ATTEMPTS,
): Promise<DayOutcome> {
  try {
    return await withRetries(
      async (attempt) => ({ ...(await analyzeAndAggregateDay(stores, options)), ...(attempt > 1 ? { attempts: attempt } : {}) }),
      attempts,
      RETRY_DELAY_MS,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Recording may fail too (the store is what failed): the outcome still says so, and finalize finds the day unaggregated.
    await recordDayFailure(stores, options.runId, { date: options.date, error: message, attempts, at: (options.now?.() ?? new Date()).toISOString() }).catch(() => undefined);
    return failedOutcome(options.date, message, attempts);
  }
}

export function failedOutcome(date: string, error: string, attempts?: number): DayOutcome {
  return { date, conversations: 0, ratingsJoined: 0, unscored: 0, analyzeSeconds: 0, aggregateSeconds: 0, items: 0, aggregateItems: 0, rethemed: false, objects: 0, error, ...(attempts ? { attempts } : {}) };
}

/** The default: one day after another, in this thread. */
export function inProcessDayRunner(stores: Stores, ratingDays?: Map<string, BlobInfo[]>): DayRunner {
  return async ({ runId, dates, aggregateOnly, now, onDone }) => {
    const context = await loadAnalysisContext(stores.blobs);
    const outcomes: DayOutcome[] = [];
    const only = new Set(aggregateOnly);
    for (const date of dates) {
      const outcome = await runDay(stores, { runId, date, context, ratingDays, now, analyse: !only.has(date) });
      outcomes.push(outcome);
      onDone?.(outcome);
    }
    return outcomes;
  };
}
