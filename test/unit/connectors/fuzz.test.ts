/**
 * Property: whatever the bytes, every connector's reader finishes, never throws, and yields records that are
 * each a conversation, a rating or an error with a position; the normaliser never throws on what comes out.
 * Readers are called directly (detection bypassed), so arbitrary bytes reach every one of them.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectorRegistry } from '../../../src/core/connectors';
import { createNormaliser, createPseudonymiser } from '../../../src/core/connectors/normalize';
import { createRedactor } from '../../../src/core/pii/redact';
import { damaged, FUZZ_FIXTURES, FUZZ_RUNS, FUZZ_SEED } from '../../support/fuzz';

const normaliser = createNormaliser({ redactor: createRedactor(), pseudonymise: createPseudonymiser('fuzz') });
const connectors = connectorRegistry();

async function readAll(connectorName: string, bytes: Buffer, name: string): Promise<number> {
  const connector = connectors.find((c) => c.name === connectorName)!;
  let records = 0;
  const chunks = Array.from({ length: Math.ceil(bytes.length / 97) }, (_, i) => bytes.subarray(i * 97, (i + 1) * 97));
  for await (const r of connector.read(Readable.from(chunks), name)) {
    records++;
    expect(typeof r.position).toBe('string');
    if (r.error !== undefined) expect(typeof r.error).toBe('string');
    else if (r.rating) normaliser.normaliseRating(r.rating);
    else normaliser.normalise(r.conversation!);
  }
  return records;
}

describe('connectors under fuzzing', () => {
  it.each(FUZZ_FIXTURES.map((f) => [f.connector, f.name, f]))('%s (%s): damaged exports never crash the reader', async (_c, _n, fixture) => {
    await fc.assert(
      fc.asyncProperty(damaged(fixture.bytes), async ({ bytes }) => {
        // Arbitrary bytes may be an I/O-level failure only when gzip is damaged; content never throws.
        try {
          await readAll(fixture.connector, bytes, fixture.name);
        } catch (e) {
          expect(String((e as { code?: unknown }).code ?? '')).toMatch(/^Z_/);
        }
      }),
      { numRuns: FUZZ_RUNS * 4, seed: FUZZ_SEED },
    );
  });
});
