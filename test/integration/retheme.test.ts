/**
 * When only the catalogue changed for a day (the nightly case inside the discovery window), analysis gives the
 * stored rows their theme again instead of analysing the day anew: the rows must be exactly what a whole new
 * analysis makes.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { analyzeDay, readAnalysis } from '../../src/stages/analyze';
import { catalogueHash, loadCatalogue } from '../../src/stages/catalogue';
import { readAnalysisManifest } from '../../src/stages/analysis-manifest';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { packagePath } from '../../src/package-root';

let env: VocEnvironment;
beforeAll(async () => {
  env = await openLocalEnvironment();
});
afterAll(() => env.close());

const ingest = () => buildIngestContext({ pseudonymKey: 'retheme-test' });

describe('a night whose only change for most days is the catalogue', () => {
  it('re-themes those days, and the rows equal a whole new analysis', async () => {
    // The sample archive, then its update file (20 conversations on the newest days) the next night, with the themes
    // fitted again (--refit): 2 % new would keep the catalogue (theme-refit.test.ts), and this is about a new one.
    const archive = packagePath('data', 'sample', 'archive');
    for (const f of ['helpdesk-en.jsonl', 'multilingual.jsonl']) await env.blobs.put(layout.inboxKey(f), fs.readFileSync(`${archive}/${f}`));
    await runPipeline(env, { runId: 'r1', asOf: '2026-12-31', ingest: ingest() });
    const firstCatalogue = catalogueHash(await loadCatalogue(env.blobs));
    await env.blobs.put(layout.inboxKey('helpdesk-en-update.jsonl'), fs.readFileSync(`${archive}/helpdesk-en-update.jsonl`));
    const second = await runPipeline(env, { runId: 'r2', asOf: '2026-12-31', ingest: ingest(), refit: true });
    expect(second.discovered.fit).toMatchObject({ refit: true, reason: 'forced' });
    const catalogue = await loadCatalogue(env.blobs);
    expect(catalogueHash(catalogue)).not.toBe(firstCatalogue);

    const redone = second.discovered.partitions;
    expect(redone.length).toBeGreaterThan(10);
    // The update file adds conversations to a few of the newest days; the other redone days only needed their themes.
    const updatedDays = new Set(fs.readFileSync(`${archive}/helpdesk-en-update.jsonl`, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { createdAt: string }).createdAt.slice(0, 10)));
    expect(second.timings.days.rethemed).toBe(redone.filter((d) => !updatedDays.has(d)).length);
    expect(second.timings.days.rethemed).toBeGreaterThan(10);
    let themesMoved = 0;
    for (const date of redone) {
      const stored = await readAnalysis(env.blobs, date);
      const manifest = (await readAnalysisManifest(env.blobs, date))!;
      // Without its manifest the day is analysed whole.
      await env.blobs.delete([layout.analysisManifest(date)]);
      const whole = await analyzeDay(env, { runId: 'check', date, keepRows: true });
      expect(whole.rows, date).toEqual(stored);
      expect(whole.ratingsJoined).toBe(manifest.ratingsJoined ?? 0);
      themesMoved += stored.length;
    }
    expect(themesMoved).toBeGreaterThan(100);
  });
});
