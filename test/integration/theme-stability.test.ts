/** Theme ids survive re-discovery on an overlapping window, so timelines do not break. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { addDays, layout } from '../../src/core/storage-layout';
import { readAnalysis } from '../../src/stages/analyze';
import { loadCatalogue } from '../../src/stages/catalogue';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { conversation, jsonl } from '../support/conversations';

const TOPICS: Record<string, string[]> = {
  card: ['My new card has not arrived yet', 'Still no sign of my replacement card in the post', 'When will my card be delivered? It has been ten days'],
  refund: ['I was charged twice and want a refund', 'Please refund the duplicate payment on my account', 'Where is my refund for the double charge?'],
  password: ['I cannot reset my password, the link is broken', 'Password reset email never comes', 'Locked out, the password reset link expired'],
};

function days(from: string, n: number) {
  return Array.from({ length: n }, (_, i) => addDays(from, i));
}

function export_(dayList: string[], tag: string) {
  return jsonl(
    dayList.flatMap((day, d) =>
      Object.entries(TOPICS).flatMap(([topic, texts]) => texts.map((text, i) => conversation({ id: `${tag}-${topic}-${d}-${i}`, customerId: `cust-${tag}-${topic}-${d}-${i}`, day, customer: [text], agent: ['We are looking into it.'] }))),
    ),
  );
}

let env: VocEnvironment;
beforeAll(async () => {
  env = await openLocalEnvironment();
});
afterAll(() => env.close());

/** Theme ids given to each message text (topic-index) on the given days. */
async function themesByText(dayList: string[]): Promise<Record<string, Set<string>>> {
  const out: Record<string, Set<string>> = {};
  for (const day of dayList) {
    for (const row of await readAnalysis(env.blobs, day)) {
      const [, topic, , i] = row.id.split(':')[1]!.split('-');
      (out[`${topic}-${i}`] ??= new Set()).add(row.theme.id);
    }
  }
  return out;
}

describe('theme stability', () => {
  it('keeps each topic under the same theme id when the window moves forward', async () => {
    const first = days('2026-10-01', 10);
    await env.blobs.put(layout.inboxKey('first.jsonl'), export_(first, 'a'));
    await runPipeline(env, { runId: 'r1', asOf: '2026-10-10', windowDays: 10, ingest: buildIngestContext({ pseudonymKey: 'k' }) });
    const before = await themesByText(first.slice(5));
    const catalogueBefore = await loadCatalogue(env.blobs);

    // Five new days: the window now overlaps the first one by half.
    const second = days('2026-10-11', 5);
    await env.blobs.put(layout.inboxKey('second.jsonl'), export_(second, 'b'));
    const secondRun = await runPipeline(env, { runId: 'r2', asOf: '2026-10-15', windowDays: 10, ingest: buildIngestContext({ pseudonymKey: 'k' }) });
    // Half the window is new: the themes are fitted again (theme-refit.test.ts has the nights that keep them).
    expect(secondRun.discovered.fit).toMatchObject({ refit: true, reason: 'new-conversations' });
    // Days before the new window keep their analysis; only the window (and the new days) is redone.
    expect(secondRun.discovered.window).toEqual({ from: '2026-10-06', to: '2026-10-15' });
    expect(secondRun.discovered.partitions.every((d) => d >= '2026-10-06')).toBe(true);
    expect(secondRun.discovered.partitions).toEqual(expect.arrayContaining(second));
    const after = await themesByText(second);
    const catalogueAfter = await loadCatalogue(env.blobs);

    expect(Object.keys(before)).toHaveLength(9);
    for (const [text, ids] of Object.entries(before)) {
      // The same message gets one theme, and the new days carry the id the old days had.
      expect(ids.size, text).toBe(1);
      expect([...after[text]!], text).toEqual([...ids]);
    }
    // Different topics never share a theme.
    const topicOf = new Map(Object.entries(before).map(([text, ids]) => [[...ids][0]!, text.split('-')[0]]));
    for (const [text, ids] of Object.entries(before)) expect(topicOf.get([...ids][0]!)).toBe(text.split('-')[0]);
    const ids = (c: typeof catalogueBefore) => new Set(c!.themes.map((t) => t.id));
    for (const id of Object.values(before).flatMap((s) => [...s])) {
      expect(ids(catalogueBefore).has(id)).toBe(true);
      expect(ids(catalogueAfter).has(id)).toBe(true);
    }
  });
});
