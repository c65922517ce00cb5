/**
 * One oversized field, line or row costs only itself, in bounded memory: each hostile export is ingested in a
 * process of its own (test/support/ingest-memory-child.ts) that samples its resident memory while ingesting.
 * Before the limits were enforced while streaming, one 50 MB field was reported to drive ingest past 1.2 GB.
 * The gzip bomb at the default limit (256 MB of text, ~25 s) runs with VOC_FUZZ_LONG=1.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
/** Growth of resident memory while one file is ingested, above what the process held before. */
const CEILING_MB = 200;

async function measure(kind: string, sizeMb: number) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/support/ingest-memory-child.ts', kind, String(sizeMb)], { maxBuffer: 16 * 1024 * 1024, timeout: 300_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { growthMb: number; seconds: number; result: { read: number; normalised: number; quarantined: number; duplicates: number; reading: { stoppedEarly?: string } } };
}

describe('memory stays bounded whatever one field holds', () => {
  it.each([
    ['json-field', 'a Zendesk ticket with a 50 MB description is kept, its text cut while it streams', { normalised: 2, quarantined: 0 }],
    ['jsonl-line', 'a 50 MB JSON Lines line is quarantined without being held', { normalised: 1, quarantined: 1 }],
    ['csv-field', 'a 50 MB CSV cell is quarantined without being held', { normalised: 1, quarantined: 1 }],
  ] as const)('%s: %s', async (kind, _what, counts) => {
    const m = await measure(kind, 50);
    expect(m.result).toMatchObject(counts);
    expect(m.result.read).toBe(m.result.normalised + m.result.quarantined + m.result.duplicates);
    expect(m.growthMb).toBeLessThan(CEILING_MB);
  });

  it.runIf(process.env.VOC_FUZZ_LONG === '1')('gzip-bomb: 800 MB from 3 MB stops at the default limit with a reason, in bounded memory', async () => {
    const m = await measure('gzip-bomb', 50);
    expect(m.result.reading.stoppedEarly).toMatch(/compression bomb/);
    expect(m.growthMb).toBeLessThan(CEILING_MB);
  }, 600_000);
});
