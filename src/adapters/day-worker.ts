/**
 * A worker thread of the local day runner (day-workers.ts): opens the same stores as its parent, loads the
 * analysis context once, then analyses and aggregates each day it is sent, as one Distributed Map child does
 * in AWS (with its retries: runDay). Messages: in { date, analyse } or { stop }; out { ready } | { outcome } | { date, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BlobInfo, Stores } from '../ports';
import { loadAnalysisContext } from '../stages/analyze';
import { runDay } from '../stages/days';
import type { StoresSource } from './environment';

export interface DayWorkerData {
  source: StoresSource;
  runId: string;
  ratingDays: Map<string, BlobInfo[]>;
  /** ISO time for analysis manifests when the run's clock is fixed (tests); the wall clock otherwise. */
  nowIso?: string;
}

async function openStores(source: StoresSource): Promise<Stores & { close(): Promise<void> }> {
  if (source.kind === 'files') {
    const { openDataFolderStores } = await import('./local-environment');
    return { ...openDataFolderStores(source.dataDir), close: async () => undefined };
  }
  const { openAwsEnvironment } = await import('./environment');
  return openAwsEnvironment(source);
}

async function main(): Promise<void> {
  const data = workerData as DayWorkerData;
  const port = parentPort!;
  const stores = await openStores(data.source);
  const context = await loadAnalysisContext(stores.blobs);
  const now = data.nowIso ? () => new Date(data.nowIso!) : undefined;
  port.on('message', (message: { date?: string; analyse?: boolean; stop?: boolean }) => {
    if (message.stop) {
      void stores.close().finally(() => port.close());
      return;
    }
    const date = message.date!;
    runDay(stores, { runId: data.runId, date, context, ratingDays: data.ratingDays, now, analyse: message.analyse }).then(
      (outcome) => port.postMessage({ outcome }),
      (error: unknown) => port.postMessage({ date, error: error instanceof Error ? `${error.message}` : String(error) }),
    );
  });
  port.postMessage({ ready: true });
}

main().catch((error: unknown) => {
  parentPort!.postMessage({ error: `the day worker could not start: ${error instanceof Error ? error.message : String(error)}` });
});
