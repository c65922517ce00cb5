/** The demo archive, twice: the second night finds nothing new and leaves DynamoDB exactly as it was. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { scanTable } from '../support/scan';
import { readAnalysis } from '../../src/stages/analyze';
import { listConversationDays } from '../../src/stages/read-day';

async function readAnalysesSince(env: VocEnvironment, from: string) {
  const days = [...(await listConversationDays(env.blobs)).keys()].filter((d) => d >= from);
  return (await Promise.all(days.map((d) => readAnalysis(env.blobs, d)))).flat();
}

const SAMPLE = 'data/sample/archive';
let env: VocEnvironment;

beforeAll(async () => {
  env = await openLocalEnvironment();
});
afterAll(() => env.close());

async function uploadSample() {
  for (const f of fs.readdirSync(SAMPLE)) await env.blobs.put(layout.inboxKey(f), fs.readFileSync(path.join(SAMPLE, f)));
}

describe('re-running the nightly pipeline on the sample archive', () => {
  it('changes nothing in DynamoDB', async () => {
    const options = { asOf: '2026-11-23', ingest: buildIngestContext({ pseudonymKey: 'sample' }) };
    await uploadSample();
    const first = await runPipeline(env, { ...options, runId: 'night-1' });
    expect(first.summary).toMatchObject({ status: 'succeeded', normalised: 2210, quarantined: 0 });
    const isRunRecord = (i: Record<string, unknown>) => String(i.PK).startsWith('RUN#') || i.PK === 'STATE';
    const before = (await scanTable(env)).filter((i) => !isRunRecord(i));
    expect(before.length).toBeGreaterThan(1000);
    // Languages with too few conversations for themes of their own reach the themes of the concepts they mention.
    const window = (await readAnalysesSince(env, first.discovered.window!.from)).filter((a) => a.language !== 'en');
    const placed = window.filter((a) => a.theme.id !== 'other');
    expect(window.length).toBeGreaterThan(40);
    expect(placed.length / window.length).toBeGreaterThan(0.7);
    // What a product manager reads never greets or thanks (the sample's chatter is learned, not listed).
    const read = before.filter((i) => i.SK === 'META').flatMap((m) => [m.label, ...((m.keyphrases as string[] | undefined) ?? [])].map(String));
    for (const text of read) expect(text, text).not.toMatch(/\b(hi|hello|hey|thanks?|thank you|cheers|regards|good (morning|afternoon|evening)|have a nice day|sorted)\b/i);

    await uploadSample(); // the same exports arrive again
    const second = await runPipeline(env, { ...options, runId: 'night-2' });
    expect(second.ingested.every((r) => r.skipped)).toBe(true);
    expect(second.discovered.partitions).toEqual([]);
    expect((await scanTable(env)).filter((i) => !isRunRecord(i))).toEqual(before);
  });
});
