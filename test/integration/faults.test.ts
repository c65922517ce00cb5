/**
 * Faults lose nothing: the same night, run through ports that fail at seeded random calls (S3 500s and SlowDown,
 * DynamoDB throttling, responses lost after the write landed, streams that break half way, batch writes of which
 * only a prefix landed), re-run until a night succeeds, leaves exactly what a clean night leaves: the table scan
 * and the archive's conversations, analysis, catalogue and model, byte for byte.
 *
 * VOC_FAULT_SEEDS (default 4) and VOC_FAULT_RATE (default 0.03 per call) make the run longer; every seed is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { FaultInjector, faultyStores } from '../support/faults';
import { NIGHT_AS_OF, NIGHT_NOW, nightSnapshot, nightUploads } from '../support/night';

const SEEDS = Number(process.env.VOC_FAULT_SEEDS ?? 4);
const RATE = Number(process.env.VOC_FAULT_RATE ?? 0.03);
/** Nights a seed may take before the suite calls it stuck (each failed night makes progress: retries, idempotent stages). */
const MAX_NIGHTS = 100;

const night = (runId: string) => ({ runId, asOf: NIGHT_AS_OF, now: NIGHT_NOW, ingest: { ...buildIngestContext({ pseudonymKey: 'faults' }), now: NIGHT_NOW } });

async function upload(env: VocEnvironment) {
  for (const [name, bytes] of Object.entries(nightUploads())) await env.blobs.put(layout.inboxKey(name), bytes);
}

let clean: Awaited<ReturnType<typeof nightSnapshot>>;
const tried = { seeds: 0, nights: 0, failedNights: 0, calls: 0, faults: 0, byKind: {} as Record<string, number> };

beforeAll(async () => {
  const env = await openLocalEnvironment();
  try {
    await upload(env);
    const result = await runPipeline(env, night('clean'));
    expect(result.summary.status).toBe('succeeded');
    clean = await nightSnapshot(env);
  } finally {
    await env.close();
  }
});

afterAll(() => {
  // What the suite tried, for docs/SECURITY.md (rerun with VOC_FAULT_SEEDS=… to reproduce the figures there).
  console.log(`fault suite: ${JSON.stringify({ rate: RATE, ...tried })}`);
});

describe('a night under injected storage faults', () => {
  it('the clean night is worth comparing against: themes, aggregates, the unreadable upload set aside', () => {
    expect(clean.table.filter((i) => String(i.PK).startsWith('THEME#')).length).toBeGreaterThan(2);
    expect(clean.table.filter((i) => String(i.PK).startsWith('SEG#')).length).toBeGreaterThan(8);
    expect(Object.keys(clean.objects).filter((k) => k.endsWith('analysis.jsonl.gz'))).toHaveLength(8);
    expect(clean.raw.some((k) => k.endsWith('not-an-export.bin'))).toBe(true);
    expect(clean.inbox).toEqual([]);
  });

  for (let seed = 1; seed <= SEEDS; seed++) {
    it(`seed ${seed}: re-run until it succeeds, then equal to the clean night byte for byte`, async () => {
      const env = await openLocalEnvironment();
      try {
        await upload(env);
        const faults = new FaultInjector(seed, RATE);
        const stores = faultyStores(env, faults);
        let succeeded = false;
        let nights = 0;
        const errors: string[] = [];
        while (!succeeded && nights < MAX_NIGHTS) {
          nights++;
          try {
            succeeded = (await runPipeline(stores, night(`night-${nights}`))).summary.status === 'succeeded';
          } catch (e) {
            succeeded = false;
            errors.push((e as Error).message);
          }
          if (!succeeded) tried.failedNights++;
        }
        faults.enabled = false;
        tried.seeds++;
        tried.nights += nights;
        tried.calls += faults.calls;
        tried.faults += faults.total;
        for (const [kind, n] of Object.entries(faults.injected)) tried.byKind[kind] = (tried.byKind[kind] ?? 0) + n;
        expect(succeeded, `seed ${seed}: no night succeeded in ${MAX_NIGHTS}; last errors: ${errors.slice(-3).join(' | ')}`).toBe(true);
        // Compared before anything repairs: a night that said "succeeded" must have left everything in place.
        expect(await nightSnapshot(env)).toEqual(clean);
        // And the next night, without faults, finds nothing left to do.
        const next = await runPipeline(env, night('after'));
        expect(next.ingested).toEqual([]);
        expect(next.discovered.partitions).toEqual([]);
      } finally {
        await env.close();
      }
    }, 300_000);
  }
});
