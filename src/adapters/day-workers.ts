/**
 * The local day runner: analyse-and-aggregate days side by side in worker threads, as the Distributed Map
 * does in AWS. Each worker opens the same stores (a data folder, or a bucket and table) and takes the next
 * day as soon as it is done with one. A day that fails after its retries (runDay) is an outcome with `error`;
 * the other days go on. A worker that dies fails the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packagePath } from '../package-root';
import type { BlobInfo, Stores } from '../ports';
import { failedOutcome, inProcessDayRunner, type DayOutcome, type DayRunner } from '../stages/days';
import { listRatingDays } from '../stages/ratings';
import type { DayWorkerData } from './day-worker';
import type { StoresSource } from './environment';

/** Heap a worker may grow to: one day's conversations and analysis (≈ 3,000 at a large help desk) fit many times over. */
const WORKER_HEAP_MB = 160;

/** Fewer days than this are not worth starting threads for (each loads the analysis modules). */
const MIN_DAYS_FOR_WORKERS = 4;

/** Workers to use: VOC_WORKERS, else one per core the machine offers. */
export function defaultWorkerCount(): number {
  const fromEnv = Number(process.env.VOC_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** The worker's code: the bundled file beside this one (dist/), or the TypeScript source run through tsx. */
function workerEntry(): URL {
  // Bundled code runs from dist/ (chunks in dist/chunks/); the source from src/adapters/.
  const bundled = packagePath('dist', 'day-worker.mjs');
  const runningBundle = fileURLToPath(import.meta.url).startsWith(packagePath('dist') + path.sep);
  return pathToFileURL(runningBundle && fs.existsSync(bundled) ? bundled : packagePath('src', 'adapters', 'day-worker-source.mjs'));
}

/**
 * A DayRunner over `workers` threads. Where the stores cannot be opened from another thread (in-memory
 * emulators), with one worker, or for a few days, the days run in this thread instead.
 */
export function workerDayRunner(stores: Stores & { source?: StoresSource }, workers = defaultWorkerCount()): DayRunner {
  const source = stores.source;
  return async (work) => {
    const ratingDays = await listRatingDays(stores.blobs);
    if (!source || workers < 2 || work.dates.length < MIN_DAYS_FOR_WORKERS) return inProcessDayRunner(stores, ratingDays)(work);
    return runInWorkers(source, ratingDays, workers, work);
  };
}

async function runInWorkers(source: StoresSource, ratingDays: Map<string, BlobInfo[]>, workers: number, { runId, dates, aggregateOnly, now, onDone }: Parameters<DayRunner>[0]): Promise<DayOutcome[]> {
  {
    const entry = workerEntry();
    const data: DayWorkerData = { source, runId, ratingDays, nowIso: now?.().toISOString() };
    const queue = [...dates];
    const only = new Set(aggregateOnly);
    const outcomes: DayOutcome[] = [];
    const threads: Worker[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        let running = 0;
        let failed = false;
        const fail = (error: Error) => {
          if (failed) return;
          failed = true;
          reject(error);
        };
        const next = (worker: Worker) => {
          const date = queue.shift();
          if (date === undefined) {
            worker.postMessage({ stop: true });
            if (--running === 0) resolve();
            return;
          }
          worker.postMessage({ date, analyse: !only.has(date) });
        };
        for (let i = 0; i < Math.min(workers, dates.length); i++) {
          // A bounded old generation makes each thread collect early instead of growing: the process's RSS is all of them.
          const worker = new Worker(entry, { workerData: data, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
          threads.push(worker);
          running++;
          worker.on('message', (m: { ready?: boolean; outcome?: DayOutcome; date?: string; error?: string }) => {
            if (failed) return;
            if (m.error !== undefined && !m.date) return fail(new Error(m.error));
            if (m.error !== undefined) m.outcome = failedOutcome(m.date!, m.error);
            if (m.outcome) {
              outcomes.push(m.outcome);
              onDone?.(m.outcome);
            }
            next(worker);
          });
          worker.on('error', (e) => fail(e));
          worker.on('exit', (code) => {
            if (code !== 0) fail(new Error(`a day worker stopped with exit code ${code}`));
          });
        }
      });
    } finally {
      await Promise.all(threads.map((t) => t.terminate()));
    }
    return outcomes.sort((a, b) => a.date.localeCompare(b.date));
  }
}
