/**
 * Kills lose nothing: `voc run` killed with SIGKILL at seeded random moments (uploading, ingesting, discovering,
 * analysing in worker threads, aggregating, finalizing), once or twice in a row, then run again to the end, leaves
 * what one uninterrupted run leaves: the table scan and the archive's conversations, analysis, catalogue and model,
 * byte for byte (times of writes and run ids aside: each process has its own clock and run id).
 *
 * VOC_KILL_TRIALS (default 2) and VOC_KILL_SEED (default 1) make the run longer or different; the figures are printed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { seededRandom } from '../support/faults';
import { NIGHT_AS_OF, nightSnapshot, nightUploads } from '../support/night';

const TRIALS = Number(process.env.VOC_KILL_TRIALS ?? 2);
const random = seededRandom(Number(process.env.VOC_KILL_SEED ?? 1));
/** Each process writes its own clock into these; what was computed must not differ. */
const CLOCK_FIELDS = ['generatedAt', 'analysedAt', 'ingestedAt', 'quarantinedAt', 'trainedAt', 'updatedAtRun', 'publishedAt'];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-kill-'));
const files = Object.entries(nightUploads()).map(([name, bytes]) => {
  const file = path.join(work, 'uploads', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
});

interface Outcome {
  killed: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `voc run FILES` on a data folder (from source, as the CLI tests run it); killed after killAfterMs if given. */
function vocRun(dataDir: string, killAfterMs?: number): Promise<Outcome> {
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/voc.ts', '--data-dir', dataDir, '--json', 'run', ...files, '--as-of', NIGHT_AS_OF, '--workers', '2'], {
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  let killed = false;
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => (killed = child.kill('SIGKILL')), killAfterMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ killed, code, stdout, stderr, ms: Date.now() - t0 });
    }),
  );
}

/** A data folder with the same pseudonymisation key as every other: customer pseudonyms must compare equal. */
function dataFolder(name: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pseudonym.key'), 'kill-suite-key');
  return dir;
}

function withoutClock(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      return JSON.stringify(withoutClock(JSON.parse(value)));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map(withoutClock);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !CLOCK_FIELDS.includes(k)).map(([k, v]) => [k, withoutClock(v)]));
  return value;
}

async function snapshotOf(dataDir: string) {
  const env = await openLocalEnvironment({ dataDir });
  try {
    return withoutClock(await nightSnapshot(env));
  } finally {
    await env.close();
  }
}

let clean: unknown;
let cleanMs = 0;
const tried = { trials: 0, kills: 0, killedAtMs: [] as number[], exitedBeforeKill: 0 };

beforeAll(async () => {
  const dir = dataFolder('clean');
  const run = await vocRun(dir);
  expect(JSON.parse(run.stdout).run.status, run.stderr).toBe('succeeded');
  cleanMs = run.ms;
  clean = await snapshotOf(dir);
}, 180_000);

afterAll(() => {
  console.log(`kill suite: ${JSON.stringify({ cleanRunMs: cleanMs, ...tried })}`);
  fs.rmSync(work, { recursive: true, force: true });
});

describe('voc run killed with SIGKILL and run again', () => {
  for (let trial = 1; trial <= TRIALS; trial++) {
    it(`trial ${trial}: killed at random moments, the re-run equals an uninterrupted run`, async () => {
      const dir = dataFolder(`trial-${trial}`);
      const kills = 1 + Math.floor(random() * 2);
      for (let k = 0; k < kills; k++) {
        // Anywhere from start-up to the end of a whole run: early kills land in upload and ingest, late ones in the days and finalize.
        const at = Math.round(300 + random() * cleanMs);
        const outcome = await vocRun(dir, at);
        if (outcome.killed) {
          tried.kills++;
          tried.killedAtMs.push(at);
        } else tried.exitedBeforeKill++;
      }
      const last = await vocRun(dir);
      expect(JSON.parse(last.stdout).run.status, last.stderr).toBe('succeeded');
      tried.trials++;
      expect(await snapshotOf(dir)).toEqual(clean);
    }, 300_000);
  }
});
