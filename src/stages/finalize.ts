/** FINALIZE a run: source watermarks, the run's state and manifest, and the "latest" pointer readers use. */
import { keys } from '../core/aggregation/keys';
import { layout, PREFIX } from '../core/storage-layout';
import type { Stores } from '../ports';
import type { DiscoverResult } from './discover';
import type { IngestManifest } from './ingest';

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
  partitions?: number;
  error?: string;
  [extra: string]: unknown;
}

export async function finalizeRun(
  stores: Stores,
  options: { runId: string; startedAt?: string; status?: 'succeeded' | 'failed'; error?: string; extra?: Record<string, unknown>; now?: () => Date },
): Promise<RunSummary> {
  const { blobs, table } = stores;
  const finishedAt = (options.now?.() ?? new Date()).toISOString();
  const discoverBytes = await blobs.get(layout.runDiscover(options.runId));
  const discovered = discoverBytes ? (JSON.parse(Buffer.from(discoverBytes).toString('utf8')) as DiscoverResult) : undefined;

  // Watermarks from every ingest manifest: the newest updatedAt per source.
  const watermarks = new Map<string, string>();
  for await (const o of blobs.list(PREFIX.ingestManifests)) {
    const bytes = await blobs.get(o.key);
    if (!bytes) continue;
    const m = JSON.parse(Buffer.from(bytes).toString('utf8')) as IngestManifest;
    for (const [source, at] of Object.entries(m.watermarks ?? {})) if (!watermarks.has(source) || watermarks.get(source)! < at) watermarks.set(source, at);
  }
  const status = options.status ?? 'succeeded';
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
    partitions: discovered?.partitions.length,
    ...(options.error ? { error: options.error } : {}),
    ...options.extra,
  };
  await blobs.put(layout.runManifest(options.runId), JSON.stringify(summary, null, 2), 'application/json');
  await table.putMany([
    ...[...watermarks].map(([source, updatedAt]) => ({ ...keys.watermark(source), type: 'watermark', source, updatedAt })),
    { ...keys.run(options.runId, summary.startedAt), type: 'run', ...summary, expiresAt: Math.floor(Date.parse(finishedAt) / 1000) + RUN_HISTORY_DAYS * 86_400 },
    ...(advancesLatest ? [{ ...keys.latest(), type: 'latest', runId: options.runId, latestDay: summary.latestDay, window: summary.window }] : []),
  ]);
  return summary;
}
