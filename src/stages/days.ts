/**
 * The per-day half of a night: analyse a day partition, then aggregate it, as one Distributed Map item does
 * in AWS. Days are independent, so a runner may do them in any order and side by side (worker threads
 * locally: src/adapters/day-workers.ts); the default runner does them one after another in this thread.
 */
import type { BlobInfo, Stores } from '../ports';
import { aggregateDayStage } from './aggregate';
import { analyzeDay, loadAnalysisContext, type AnalysisContext } from './analyze';
import { countingStores } from './store-counts';

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
}

export interface DayWork {
  runId: string;
  dates: string[];
  /** Fixed clock for analysis manifests (tests); the wall clock otherwise. */
  now?: () => Date;
  onDone?: (outcome: DayOutcome) => void;
}

/** Runs analyse + aggregate for every date; resolves when all are done, or rejects with the first failure. */
export type DayRunner = (work: DayWork) => Promise<DayOutcome[]>;

/** One day, analysed and aggregated from the rows in hand (the analysis is written, not read back). */
export async function analyzeAndAggregateDay(
  stores: Stores,
  options: { runId: string; date: string; context: AnalysisContext; ratingDays?: Map<string, BlobInfo[]>; now?: () => Date },
): Promise<DayOutcome> {
  const counted = countingStores(stores);
  const t0 = performance.now();
  const analysed = await analyzeDay(counted, { ...options, keepRows: true });
  const t1 = performance.now();
  const aggregated = await aggregateDayStage(counted, { runId: options.runId, date: options.date, rows: analysed.rows });
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

/** The default: one day after another, in this thread. */
export function inProcessDayRunner(stores: Stores, ratingDays?: Map<string, BlobInfo[]>): DayRunner {
  return async ({ runId, dates, now, onDone }) => {
    const context = await loadAnalysisContext(stores.blobs);
    const outcomes: DayOutcome[] = [];
    for (const date of dates) {
      const outcome = await analyzeAndAggregateDay(stores, { runId, date, context, ratingDays, now });
      outcomes.push(outcome);
      onDone?.(outcome);
    }
    return outcomes;
  };
}
