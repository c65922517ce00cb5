/** FINALIZE a run: source watermarks, the run's state and manifest, and the "latest" pointer readers use. */
import { keys } from '../core/aggregation/keys';
import { layout, PREFIX } from '../core/storage-layout';
import type { Stores } from '../ports';
import { readAnalysisManifest } from './analysis-manifest';
import type { DiscoverResult, ThemeFit } from './discover';
import { dayManifests, isAggregated, readDayFailures } from './day-state';
import type { IngestManifest } from './ingest';
import { nightlyReportStage } from './nightly-report';

/**
 * Ingest manifests written up to this long before the newest one already folded are read again. S3 lists
 * every finished write, but an object's LastModified can precede a slow upload's end: a margin makes a
 * manifest that landed during the last fold impossible to miss, and folding one twice changes nothing (max).
 */
const REREAD_MARGIN_MS = 60 * 60 * 1000;

interface WatermarkState {
  /** source -> newest updatedAt ingested */
  watermarks: Record<string, string>;
  /** LastModified of the newest ingest manifest folded in (S3's clock, not ours) */
  foldedThrough?: string;
}

/**
 * Per-source watermarks (the newest updatedAt ingested), folded incrementally: only ingest manifests written
 * since the last fold are read, so a night costs one LIST per 1,000 files plus a GET per new file, not a GET
 * per file ever ingested. The fold is a max, so it is idempotent and safe to retry.
 */
async function foldWatermarks(blobs: Stores['blobs'], marginMs: number): Promise<Map<string, string>> {
  const stateBytes = await blobs.get(layout.watermarkState());
  const state: WatermarkState = stateBytes ? (JSON.parse(Buffer.from(stateBytes).toString('utf8')) as WatermarkState) : { watermarks: {} };
  const watermarks = new Map(Object.entries(state.watermarks));
  const since = state.foldedThrough ? Date.parse(state.foldedThrough) - marginMs : -Infinity;
  let newest = state.foldedThrough ? Date.parse(state.foldedThrough) : -Infinity;
  for await (const o of blobs.list(PREFIX.ingestManifests)) {
    const modified = o.lastModified?.getTime();
    // Without a LastModified (not S3-shaped storage), every manifest is read, as before.
    if (modified !== undefined && modified < since) continue;
    const bytes = await blobs.get(o.key);
    if (!bytes) continue;
    const m = JSON.parse(Buffer.from(bytes).toString('utf8')) as IngestManifest;
    for (const [source, at] of Object.entries(m.watermarks ?? {})) if (!watermarks.has(source) || watermarks.get(source)! < at) watermarks.set(source, at);
    if (modified !== undefined && modified > newest) newest = modified;
  }
  const next: WatermarkState = { watermarks: Object.fromEntries(watermarks), ...(Number.isFinite(newest) ? { foldedThrough: new Date(newest).toISOString() } : {}) };
  await blobs.put(layout.watermarkState(), JSON.stringify(next), 'application/json');
  return watermarks;
}

/** Day manifests read at once when the run's analysis totals are summed. */
const MANIFEST_READS_IN_FLIGHT = 16;

/**
 * What the run's analysis saw, summed over the day manifests this run wrote: conversations given a rating exported
 * apart from them, and conversations in a language without a sentiment lexicon (`unscored`: labelled neutral for the
 * contract, not read). Read from storage, so the AWS fan-out (one Lambda per day) and the local run record agree.
 */
async function analysisTotals(blobs: Stores['blobs'], runId: string, days: string[]): Promise<{ analysed: number; ratingsJoined: number; unscored: number }> {
  const totals = { analysed: 0, ratingsJoined: 0, unscored: 0 };
  for (let i = 0; i < days.length; i += MANIFEST_READS_IN_FLIGHT) {
    const manifests = await Promise.all(days.slice(i, i + MANIFEST_READS_IN_FLIGHT).map((d) => readAnalysisManifest(blobs, d)));
    for (const m of manifests) {
      if (!m || m.runId !== runId) continue;
      totals.analysed += m.conversations;
      totals.ratingsJoined += m.ratingsJoined ?? 0;
      totals.unscored += m.unscored ?? 0;
    }
  }
  return totals;
}

/** Run records expire (DynamoDB TTL on `expiresAt`); their manifests stay in S3. */
export const RUN_HISTORY_DAYS = 400;

export interface RunSummary {
  runId: string;
  status: 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string;
  latestDay?: string;
  window?: { from: string; to: string } | null;
  themes?: number;
  /** whether the night fitted the themes again or kept the catalogue, why, and when the one in use was fitted (discover.ts) */
  themeFit?: ThemeFit;
  partitions?: number;
  error?: string;
  /** Listed days left without their aggregates (the run failed; the next run does them). */
  unfinishedDays?: string[];
  [extra: string]: unknown;
}

export async function finalizeRun(
  stores: Stores,
  options: {
    runId: string;
    startedAt?: string;
    status?: 'succeeded' | 'failed';
    error?: string;
    extra?: Record<string, unknown>;
    now?: () => Date;
    /** see REREAD_MARGIN_MS */
    rereadMarginMs?: number;
  },
): Promise<RunSummary> {
  const { blobs, table } = stores;
  const finishedAt = (options.now?.() ?? new Date()).toISOString();
  const discoverBytes = await blobs.get(layout.runDiscover(options.runId));
  const discovered = discoverBytes ? (JSON.parse(Buffer.from(discoverBytes).toString('utf8')) as DiscoverResult) : undefined;
  const learnedBytes = await blobs.get(layout.runSentimentModel(options.runId));

  const totals = discovered ? await analysisTotals(blobs, options.runId, discovered.partitions) : undefined;
  const watermarks = await foldWatermarks(blobs, options.rereadMarginMs ?? REREAD_MARGIN_MS);
  // A night succeeds only if every day it listed is analysed and aggregated: a day that failed (after its retries)
  // or was never reached fails the run, and discovery lists it again next night (day-state.ts).
  const unfinished = options.status === 'failed' || !discovered ? [] : await unfinishedDays(stores, discovered.partitions);
  const failures = unfinished.length ? await readDayFailures(stores, options.runId) : [];
  const status = options.status ?? (unfinished.length ? 'failed' : 'succeeded');
  const error = options.error ?? (unfinished.length ? unfinishedMessage(unfinished, failures) : undefined);
  // A backfill of an old night must not move readers' default window into the past.
  const latest = await table.get(keys.latest());
  const advancesLatest = status === 'succeeded' && discovered?.window?.to !== undefined && (!latest || String(latest.latestDay) <= discovered.window.to);
  const summary: RunSummary = {
    runId: options.runId,
    status,
    startedAt: options.startedAt ?? finishedAt,
    finishedAt,
    latestDay: discovered?.window?.to,
    window: discovered?.window ?? null,
    themes: discovered?.themes,
    ...(discovered?.fit ? { themeFit: discovered.fit } : {}),
    partitions: discovered?.partitions.length,
    ...(error ? { error } : {}),
    ...(unfinished.length ? { unfinishedDays: unfinished } : {}),
    ...(totals ?? {}),
    ...(learnedBytes ? { sentimentModel: JSON.parse(Buffer.from(learnedBytes).toString('utf8')) as Record<string, unknown> } : {}),
    ...options.extra,
  };
  // What readers need beside the daily aggregates (the templates report, the KPI targets), before the latest pointer moves.
  if (status === 'succeeded' && discovered) await nightlyReportStage(stores, { runId: options.runId, now: options.now });
  await blobs.put(layout.runManifest(options.runId), JSON.stringify(summary, null, 2), 'application/json');
  await table.putMany([
    ...[...watermarks].map(([source, updatedAt]) => ({ ...keys.watermark(source), type: 'watermark', source, updatedAt })),
    runItem(summary),
    ...(advancesLatest ? [{ ...keys.latest(), type: 'latest', runId: options.runId, latestDay: summary.latestDay, window: summary.window, ...(discovered?.firstDay ? { firstDay: discovered.firstDay } : {}) }] : []),
  ]);
  return summary;
}

/** The listed days whose aggregates do not (yet) come from their current analysis. */
async function unfinishedDays(stores: Stores, days: string[]): Promise<string[]> {
  const manifests = await dayManifests(stores.table, days);
  const out: string[] = [];
  for (const day of days) if (!isAggregated(await readAnalysisManifest(stores.blobs, day), manifests.get(day))) out.push(day);
  return out;
}

function unfinishedMessage(days: string[], failures: { date: string; error: string }[]): string {
  const why = new Map(failures.map((f) => [f.date, f.error]));
  const shown = days.slice(0, 5).map((d) => `${d}${why.has(d) ? ` (${why.get(d)!.slice(0, 200)})` : ''}`);
  return `${days.length} day(s) not analysed and aggregated: ${shown.join('; ')}${days.length > 5 ? ' …' : ''}. The next run lists them again; nothing else is lost.`;
}

function runItem(summary: RunSummary) {
  return { ...keys.run(summary.runId, summary.startedAt), type: 'run', ...summary, expiresAt: Math.floor(Date.parse(summary.finishedAt) / 1000) + RUN_HISTORY_DAYS * 86_400 };
}

/** Rewrites a finalised run's record (manifest and table item) with more detail, e.g. finalize's own timing. */
export async function saveRunRecord(stores: Stores, summary: RunSummary): Promise<void> {
  await stores.blobs.put(layout.runManifest(summary.runId), JSON.stringify(summary, null, 2), 'application/json');
  await stores.table.putMany([runItem(summary)]);
}
