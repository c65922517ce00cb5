/**
 * Incremental discovery (core/theme-refit.ts): a night with few new conversations keeps the fitted catalogue, so its
 * hash stays and only the new days are analysed (themed by the kept catalogue); enough new data, a moved window, a
 * taxonomy change, a curation edit or --refit fit the themes again; the same night twice is a no-op; and a night
 * stopped before the inputs marker (the commit) is fitted again on retry, ending where an unbroken night ends.
 * Files runtime, the real stages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { addDays, layout } from '../../src/core/storage-layout';
import type { BlobStore } from '../../src/ports';
import { readAnalysis } from '../../src/stages/analyze';
import { readAnalysisManifest } from '../../src/stages/analysis-manifest';
import { catalogueHash, loadCatalogue } from '../../src/stages/catalogue';
import { recordEdit } from '../../src/stages/curation';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { listRuns } from '../../src/stages/query';
import { runPipeline, type PipelineOptions } from '../../src/stages/run';
import { saveDiscoverySettings, saveTaxonomy } from '../../src/stages/settings';
import { conversation, jsonl } from '../support/conversations';

const TOPICS: Record<string, string[]> = {
  card: ['My new card has not arrived yet', 'Still no sign of my replacement card in the post', 'When will my card be delivered? It has been ten days'],
  refund: ['I was charged twice and want a refund', 'Please refund the duplicate payment on my account', 'Where is my refund for the double charge?'],
  password: ['I cannot reset my password, the link is broken', 'Password reset email never comes', 'Locked out, the password reset link expired'],
};
const PER_DAY = 9;
const WINDOW = 10;

const dayList = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));

/** An export of `perDay` conversations a day (topics in turn), ids tagged so that every export is new. */
function export_(days: string[], tag: string, perDay = PER_DAY) {
  const texts = Object.entries(TOPICS).flatMap(([topic, list]) => list.map((text, i) => ({ topic, i, text })));
  return jsonl(
    days.flatMap((day, d) =>
      Array.from({ length: perDay }, (_, k) => {
        const { topic, i, text } = texts[k % texts.length]!;
        return conversation({ id: `${tag}-${topic}-${d}-${i}-${k}`, customerId: `cust-${tag}-${d}-${k}`, day, customer: [text], agent: ['We are looking into it.'] });
      }),
    ),
  );
}

async function night(env: VocEnvironment, runId: string, asOf: string, upload?: { file: string; days: string[]; perDay?: number }, extra: Partial<PipelineOptions> = {}) {
  if (upload) await env.blobs.put(layout.inboxKey(upload.file), export_(upload.days, upload.file.replace(/[^a-z0-9]/g, ''), upload.perDay));
  return runPipeline(env, { runId, asOf, windowDays: WINDOW, ingest: buildIngestContext({ pseudonymKey: 'k' }), ...extra });
}

const text = async (blobs: BlobStore, key: string) => Buffer.from((await blobs.get(key))!).toString('utf8');

/** Theme id per message text (topic-index) on some days. */
async function themeOfText(blobs: BlobStore, days: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const day of days) {
    for (const row of await readAnalysis(blobs, day)) {
      const [, topic, , i] = row.id.split(':')[1]!.split('-');
      const key = `${topic}-${i}`;
      if (!out.has(key)) out.set(key, new Set());
      out.get(key)!.add(row.theme.id);
    }
  }
  return out;
}

describe('incremental discovery: keep the catalogue or fit it again', () => {
  let env: VocEnvironment;
  beforeAll(async () => {
    env = await openLocalEnvironment();
  });
  afterAll(() => env.close());

  const first = dayList('2026-10-01', WINDOW);

  it('fits on the first night and records per day what it was fitted on', async () => {
    const r1 = await night(env, 'r1', first.at(-1)!, { file: 'first.jsonl', days: first });
    expect(r1.discovered.fit).toMatchObject({ refit: true, reason: 'no-catalogue', fittedBy: 'r1', fittedWindow: { from: '2026-10-01', to: '2026-10-10' } });
    expect(r1.discovered.conversationsRead).toBe(PER_DAY * WINDOW);
    const inputs = JSON.parse(await text(env.blobs, layout.catalogueInputs()));
    expect(inputs).toMatchObject({ runId: 'r1', window: { from: '2026-10-01', to: '2026-10-10' }, windowDays: WINDOW, catalogueHash: catalogueHash(await loadCatalogue(env.blobs)) });
    expect(Object.keys(inputs.days)).toEqual(first);
    expect(Object.values(inputs.days).map((d) => (d as { conversations: number }).conversations)).toEqual(first.map(() => PER_DAY));
    expect((inputs.days['2026-10-01'] as { parts: string[] }).parts).toEqual([expect.stringMatching(/^conversations\/date=2026-10-01\/part-.*\.jsonl\.gz@/)]);
  });

  it('the same night again reads nothing, writes no theme, and re-analyses no day', async () => {
    const marker = await text(env.blobs, layout.catalogueInputs());
    const catalogue = await text(env.blobs, layout.catalogue());
    const again = await night(env, 'r1b', first.at(-1)!);
    expect(again.discovered.fit).toMatchObject({ refit: false, newConversations: 0, windowMovedDays: 0, fittedBy: 'r1' });
    expect(again.discovered.conversationsRead).toBe(0);
    expect(again.discovered.partitions).toEqual([]);
    expect(again.timings.stages.discover.items).toBe(0);
    expect(await text(env.blobs, layout.catalogueInputs())).toBe(marker);
    expect(await text(env.blobs, layout.catalogue())).toBe(catalogue);
  });

  it('keeps the catalogue for a new day under the threshold: only that day is analysed, with the kept themes', async () => {
    const hash = catalogueHash(await loadCatalogue(env.blobs));
    const manifestBefore = await readAnalysisManifest(env.blobs, '2026-10-05');
    // One new day of nine conversations: the window (2026-10-02 → 11) holds 90, of which 9 (10 %) are new.
    const r2 = await night(env, 'r2', '2026-10-11', { file: 'day-11.jsonl', days: ['2026-10-11'] });
    expect(r2.discovered.fit).toMatchObject({ refit: false, newConversations: 9, newShare: 0.1, windowMovedDays: 1, fittedBy: 'r1', fittedWindow: { from: '2026-10-01', to: '2026-10-10' } });
    expect(r2.discovered.fit.summary).toMatch(/^kept: 10\.0 % .*refit at 15 %.*moved 1 of 7 days/);
    expect(r2.discovered.conversationsRead).toBe(9);
    expect(r2.discovered.window).toEqual({ from: '2026-10-02', to: '2026-10-11' });
    expect(r2.discovered.partitions).toEqual(['2026-10-11']);
    expect(catalogueHash(await loadCatalogue(env.blobs))).toBe(hash);
    expect(await readAnalysisManifest(env.blobs, '2026-10-05')).toEqual(manifestBefore);
    // The new day's conversations get the themes the same messages had on the fitted days.
    const old = await themeOfText(env.blobs, first);
    const fresh = await themeOfText(env.blobs, ['2026-10-11']);
    expect(fresh.size).toBe(PER_DAY);
    for (const [message, ids] of fresh) expect([...ids], message).toEqual([...old.get(message)!]);
    // Readers see the new day, and the run record says the catalogue was kept and since when.
    expect(r2.summary.latestDay).toBe('2026-10-11');
    const record = (await listRuns(env.table, 1))[0]!;
    expect(record).toMatchObject({ runId: 'r2', themeFit: { refit: false, fittedBy: 'r1' } });
  });

  it('fits again once the new conversations reach the threshold, and re-themes the window', async () => {
    const hash = catalogueHash(await loadCatalogue(env.blobs));
    // Two more days: 27 of the 90 conversations in 2026-10-04 → 13 are new since the fit (30 %).
    const r3 = await night(env, 'r3', '2026-10-13', { file: 'days-12-13.jsonl', days: ['2026-10-12', '2026-10-13'] });
    expect(r3.discovered.fit).toMatchObject({ refit: true, reason: 'new-conversations', newConversations: 27, newShare: 0.3, windowMovedDays: 3, fittedBy: 'r3', fittedWindow: { from: '2026-10-04', to: '2026-10-13' } });
    expect(r3.discovered.conversationsRead).toBe(27 + PER_DAY * WINDOW);
    expect(catalogueHash(await loadCatalogue(env.blobs))).not.toBe(hash);
    expect(r3.discovered.partitions).toEqual(dayList('2026-10-04', WINDOW));
    expect(JSON.parse(await text(env.blobs, layout.catalogueInputs()))).toMatchObject({ runId: 'r3', window: { from: '2026-10-04', to: '2026-10-13' } });
  });

  it('fits again when the window moved the configured number of days, however little is new', async () => {
    await saveDiscoverySettings(env.blobs, { refit: { windowMovedDays: 2 } });
    const r4 = await night(env, 'r4', '2026-10-14', { file: 'day-14.jsonl', days: ['2026-10-14'], perDay: 1 });
    expect(r4.discovered.fit).toMatchObject({ refit: false, windowMovedDays: 1 });
    expect(r4.discovered.fit.summary).toMatch(/1 of 2 days/);
    const r5 = await night(env, 'r5', '2026-10-15', { file: 'day-15.jsonl', days: ['2026-10-15'], perDay: 1 });
    expect(r5.discovered.fit).toMatchObject({ refit: true, reason: 'window-moved', windowMovedDays: 2 });
    await saveDiscoverySettings(env.blobs, {});
  });

  it('fits again on --refit, with no new data: the window\'s days get their themes again, nothing more', async () => {
    const forced = await night(env, 'r6', '2026-10-15', undefined, { refit: true });
    expect(forced.discovered.fit).toMatchObject({ refit: true, reason: 'forced', fittedBy: 'r6' });
    // A new catalogue for the same window: its days get their themes again (only that), older days keep theirs.
    expect(forced.discovered.partitions).toEqual(dayList('2026-10-06', WINDOW));
    expect(forced.timings.days.rethemed).toBe(WINDOW);
  });

  it('fits again the night the taxonomy changes, and the night after a curation edit, applying the edit', async () => {
    await saveTaxonomy(env.blobs, { version: 1, themes: [], areas: [{ id: 'cards', label: 'Cards', themes: [{ id: 'delivery', label: 'Card delivery', keywords: ['card'], examples: [] }] }] });
    const r7 = await night(env, 'r7', '2026-10-15');
    expect(r7.discovered.fit).toMatchObject({ refit: true, reason: 'taxonomy' });
    expect((await loadCatalogue(env.blobs))?.themes.some((t) => t.id.startsWith('tax:'))).toBe(false);
    const themes = await themeOfText(env.blobs, ['2026-10-15']);
    expect([...themes.get('card-0')!]).toEqual(['tax:cards.delivery']);

    const password = [...(await themeOfText(env.blobs, ['2026-10-13'])).get('password-0')!][0]!;
    await recordEdit(env.table, { kind: 'rename', theme: password, label: 'Password reset' }, { by: 'pm' });
    const r8 = await night(env, 'r8', '2026-10-15');
    expect(r8.discovered.fit).toMatchObject({ refit: true, reason: 'curation' });
    const row = (await readAnalysis(env.blobs, '2026-10-13')).find((r) => r.theme.id === password);
    expect(row?.theme.label).toBe('Password reset');
    // And the night after that keeps it again.
    const r9 = await night(env, 'r9', '2026-10-15');
    expect(r9.discovered.fit).toMatchObject({ refit: false, fittedBy: 'r8' });
    expect(r9.discovered.partitions).toEqual([]);
  });

  it('counts a late export on a day already fitted by its own conversations, not the whole day', async () => {
    const late = await night(env, 'r10', '2026-10-15', { file: 'late.jsonl', days: ['2026-10-10'], perDay: 1 });
    // 1 new of 9 × 9 + 1 (the window 2026-10-06 → 15; the last two days hold one conversation each) = 1 of 66.
    expect(late.discovered.fit).toMatchObject({ refit: false, newConversations: 1, fittedBy: 'r8' });
    expect(late.discovered.conversationsRead).toBe(1);
    expect(late.discovered.partitions).toEqual(['2026-10-10']);
  });
});

/** A blob store whose put of one key fails `times` times, as a process killed right before that write would leave it. */
class FailingPut implements BlobStore {
  failed = 0;
  constructor(
    private readonly blobs: BlobStore,
    private readonly key: string,
  ) {}
  async put(key: string, body: Parameters<BlobStore['put']>[1], contentType?: string) {
    if (key === this.key && this.failed === 0) {
      this.failed++;
      throw new Error(`injected: stopped before writing ${key}`);
    }
    return this.blobs.put(key, body, contentType);
  }
  get = (key: string) => this.blobs.get(key);
  stream = (key: string) => this.blobs.stream(key);
  head = (key: string) => this.blobs.head(key);
  list = (prefix: string) => this.blobs.list(prefix);
  delete = (keys: string[]) => this.blobs.delete(keys);
  copy = (from: string, to: string) => this.blobs.copy(from, to);
}

describe('incremental discovery stopped half way', () => {
  const NOW = () => new Date('2026-10-20T02:00:00.000Z');
  const nights = async (env: VocEnvironment, stop?: { key: string }) => {
    const first = dayList('2026-10-01', WINDOW);
    await env.blobs.put(layout.inboxKey('first.jsonl'), export_(first, 'a'));
    await runPipeline(env, { runId: 'n1', asOf: '2026-10-10', windowDays: WINDOW, now: NOW, ingest: buildIngestContext({ pseudonymKey: 'k' }) });
    // A second night with enough new conversations (three days, 27 of 90) to fit again.
    await env.blobs.put(layout.inboxKey('second.jsonl'), export_(dayList('2026-10-11', 3), 'b'));
    const second = { runId: 'n2', asOf: '2026-10-13', windowDays: WINDOW, now: NOW, ingest: buildIngestContext({ pseudonymKey: 'k' }) };
    if (stop) {
      const faulty = new FailingPut(env.blobs, stop.key);
      await expect(runPipeline({ ...env, blobs: faulty }, second)).rejects.toThrow(/injected/);
      expect(faulty.failed).toBe(1);
      // The retry: the same night, run again to the end.
      return runPipeline(env, { ...second, runId: 'n2-retry' });
    }
    return runPipeline(env, second);
  };
  const state = async (env: VocEnvironment) => {
    const { runId: _r, ...inputs } = JSON.parse(await text(env.blobs, layout.catalogueInputs()));
    const days = dayList('2026-10-01', 13);
    return { inputs, catalogue: catalogueHash(await loadCatalogue(env.blobs)), manifests: await Promise.all(days.map(async (d) => (await readAnalysisManifest(env.blobs, d))?.catalogueHash)), themes: await themeOfText(env.blobs, days) };
  };

  it('before the inputs marker (the commit): the retry fits again from the last committed catalogue and ends as an unbroken night', async () => {
    const clean = await openLocalEnvironment();
    const broken = await openLocalEnvironment();
    try {
      const unbroken = await nights(clean);
      expect(unbroken.discovered.fit).toMatchObject({ refit: true, reason: 'new-conversations' });
      const retried = await nights(broken, { key: layout.catalogueInputs() });
      // catalogue.json was written, its marker was not: the catalogue is not taken as the one in use.
      expect(retried.discovered.fit).toMatchObject({ refit: true, reason: 'unfinished' });
      expect(await state(broken)).toEqual(await state(clean));
    } finally {
      await clean.close();
      await broken.close();
    }
  });

  it('after the marker, before the days were analysed: the retry keeps the new catalogue and analyses the days it made stale', async () => {
    const clean = await openLocalEnvironment();
    const broken = await openLocalEnvironment();
    try {
      await nights(clean);
      const retried = await nights(broken, { key: layout.runPartitions('n2') });
      expect(retried.discovered.fit).toMatchObject({ refit: false, fittedBy: 'n2', newConversations: 0 });
      expect(retried.discovered.partitions).toEqual(dayList('2026-10-04', WINDOW));
      expect(await state(broken)).toEqual(await state(clean));
    } finally {
      await clean.close();
      await broken.close();
    }
  });
});
