/**
 * Property, through the real ingest stage and the emulators: damaged exports of every connector (arbitrary
 * bytes after a real start, truncations, byte edits, damaged gzip) never crash the run: each file either
 * reconciles (read = normalised + ratings + quarantined + duplicates) or is refused as unreadable with a
 * typed error naming it; and memory stays under a ceiling over the whole run. VOC_FUZZ_RUNS raises the
 * number of cases (test/support/fuzz.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { ingestObject, UnreadableInputError } from '../../src/stages/ingest';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { damaged, FUZZ_FIXTURES, FUZZ_RUNS, FUZZ_SEED } from '../support/fuzz';

let env: VocEnvironment;
let peakRss = 0;
let baseRss = 0;
let cases = 0;
const outcomes = { reconciled: 0, unreadable: 0 };
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
beforeAll(async () => {
  env = await openLocalEnvironment();
  baseRss = process.memoryUsage().rss;
});
afterAll(async () => {
  clearInterval(sampler);
  await env.close();
});

const context = { ...buildIngestContext({ pseudonymKey: 'fuzz' }), runId: 'fuzz', now: () => new Date('2026-11-24T02:00:00Z') };
/** Resident memory the whole fuzz run may add: the emulator keeps every case's input and output in memory too. */
const CEILING_MB = 512;

describe('ingest under fuzzing', () => {
  it.each(FUZZ_FIXTURES.map((f) => [f.connector, f.name, f]))('%s (%s): never crashes, always reconciles or is refused by name', async (_c, _n, fixture) => {
    await fc.assert(
      fc.asyncProperty(damaged(fixture.bytes), async ({ bytes }) => {
        const key = layout.inboxKey(`fuzz-${cases++}-${fixture.name}`);
        await env.blobs.put(key, bytes);
        try {
          const r = await ingestObject(env, context, key);
          expect(r.read).toBe(r.normalised + r.ratings + r.quarantined + r.duplicates);
          outcomes.reconciled++;
        } catch (e) {
          // The only failure ingest may have: the file as a whole is unreadable (empty, unknown format), said with its name.
          expect(e).toBeInstanceOf(UnreadableInputError);
          expect((e as Error).message.startsWith(`${key}: `)).toBe(true);
          outcomes.unreadable++;
        }
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
  });

  it('stays under the memory ceiling over the whole run', () => {
    expect(cases).toBe(FUZZ_FIXTURES.length * FUZZ_RUNS);
    expect(outcomes.reconciled).toBeGreaterThan(cases / 3);
    expect((peakRss - baseRss) / 1024 / 1024).toBeLessThan(CEILING_MB);
    console.log(`ingest fuzz: ${cases} cases (${outcomes.reconciled} reconciled, ${outcomes.unreadable} refused as unreadable), peak RSS +${Math.round((peakRss - baseRss) / 1024 / 1024)} MB`);
  });
});
