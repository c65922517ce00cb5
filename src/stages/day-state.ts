/**
 * When a day is done: its analysis is current AND its aggregates in the table were made from that analysis.
 * The analysis manifest (S3) names the analysis by a content hash; aggregation copies that id into the day's
 * aggregate manifest (DynamoDB) only after every row is written. A crash or fault anywhere in between leaves
 * the two ids unequal (or the manifest pending), so the next discovery lists the day again: nothing stays
 * missing, and nothing needs a transaction.
 */
import { keys } from '../core/aggregation/keys';
import { layout } from '../core/storage-layout';
import type { KeyValueTable, Stores, TableItem } from '../ports';
import type { AnalysisManifest } from './analysis-manifest';

/** Which analysis a manifest describes: its content hash (manifests written before it had one: their time). */
export function analysisIdOf(manifest: Pick<AnalysisManifest, 'analysisId' | 'analysedAt'>): string {
  return manifest.analysisId ?? manifest.analysedAt;
}

/** The day's aggregate manifest holds every row of the analysis it names (and no write is half done). */
export function isAggregated(analysis: AnalysisManifest | undefined, dayManifest: TableItem | undefined): boolean {
  return Boolean(analysis && dayManifest && dayManifest.pending === false && dayManifest.analysisId === analysisIdOf(analysis));
}

/** Each day's aggregate manifest, read in batches (one BatchGetItem per 100 days in AWS). */
export async function dayManifests(table: KeyValueTable, days: string[]): Promise<Map<string, TableItem | undefined>> {
  const found = await table.getMany(days.map((d) => keys.dayManifest(d)));
  return new Map(days.map((d, i) => [d, found[i]]));
}

export interface DayFailure {
  date: string;
  /** what stopped it, after its retries */
  error: string;
  /** 'analyze' or 'aggregate', when known */
  step?: string;
  attempts?: number;
  at: string;
}

/** Records why a day of a run failed, for finalize (the local runner and the state machine's Catch both call it). */
export async function recordDayFailure(stores: Pick<Stores, 'blobs'>, runId: string, failure: DayFailure): Promise<void> {
  await stores.blobs.put(layout.runFailedDay(runId, failure.date), JSON.stringify(failure), 'application/json');
}

export async function readDayFailures(stores: Pick<Stores, 'blobs'>, runId: string): Promise<DayFailure[]> {
  const failures: DayFailure[] = [];
  for await (const o of stores.blobs.list(layout.runFailedDays(runId))) {
    const bytes = await stores.blobs.get(o.key);
    if (bytes) failures.push(JSON.parse(Buffer.from(bytes).toString('utf8')) as DayFailure);
  }
  return failures.sort((a, b) => a.date.localeCompare(b.date));
}
