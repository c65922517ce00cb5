/**
 * Theme curation survives every night: a product manager renames, merges, splits and hides themes, then two more
 * nights bring new conversations. Ids stay stable, labels stay as chosen, and the aggregates count each
 * conversation exactly once, where the edits send it (a merge's volume is the sum of its parts). Files runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { addDays, layout } from '../../src/core/storage-layout';
import { readAnalysis } from '../../src/stages/analyze';
import { curationHistory, recordEdit, CurationError } from '../../src/stages/curation';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { topThemes } from '../../src/stages/query';
import { runPipeline } from '../../src/stages/run';
import { conversation, jsonl } from '../support/conversations';

const TOPICS: Record<string, string[]> = {
  card: ['My new card has not arrived yet', 'Still no sign of my replacement card in the post', 'When will my card be delivered? It has been ten days'],
  refund: ['I was charged twice and want a refund', 'Please refund the duplicate payment on my account', 'Where is my refund for the duplicate payment?'],
  password: ['I cannot reset my password, the link is broken', 'Password reset email never comes', 'Locked out, the password reset link expired'],
  crash: ['The app crashes every time I open it', 'Your app keeps crashing on my phone', 'App crash when I open the statements screen'],
  cancel: ['Please cancel my subscription today', 'How do I cancel my subscription plan?', 'Cancel the subscription, I no longer need it'],
};
const PER_DAY = Object.values(TOPICS).reduce((n, t) => n + t.length, 0);

const dayList = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));

function export_(days: string[], tag: string) {
  return jsonl(
    days.flatMap((day, d) =>
      Object.entries(TOPICS).flatMap(([topic, texts]) =>
        texts.map((text, i) => conversation({ id: `${tag}-${topic}-${d}-${i}`, customerId: `cust-${tag}-${topic}-${d}-${i}`, day, customer: [text], agent: ['We are looking into it.'] })),
      ),
    ),
  );
}

let env: VocEnvironment;
beforeAll(async () => {
  env = await openLocalEnvironment();
});
afterAll(() => env.close());

async function night(file: string, days: string[], tag: string, runId: string) {
  await env.blobs.put(layout.inboxKey(file), export_(days, tag));
  return runPipeline(env, { runId, asOf: days[days.length - 1]!, windowDays: 10, ingest: buildIngestContext({ pseudonymKey: 'k' }) });
}

/** Per topic-text (topic-index), the themes its rows have now and the themes discovery gave them. */
async function rowsByText(days: string[]) {
  const now: Record<string, Set<string>> = {};
  const discovered: Record<string, Set<string>> = {};
  const labels = new Map<string, string>();
  for (const day of days) {
    for (const row of await readAnalysis(env.blobs, day)) {
      const [, topic, , i] = row.id.split(':')[1]!.split('-');
      (now[`${topic}-${i}`] ??= new Set()).add(row.theme.id);
      (discovered[`${topic}-${i}`] ??= new Set()).add((row.discoveredTheme ?? row.theme).id);
      labels.set(row.theme.id, row.theme.label);
    }
  }
  return { now, discovered, labels };
}

const only = (s: Set<string> | undefined) => {
  expect(s?.size).toBe(1);
  return [...s!][0]!;
};

describe('theme curation', () => {
  it('renames, merges, splits and hides themes, and the edits hold over two more nights of new data', async () => {
    const first = dayList('2026-10-01', 10);
    await night('first.jsonl', first, 'a', 'r1');
    const before = await rowsByText(first);
    // Each distinct message is a theme of its own here: a product manager would merge them.
    const id = (text: string) => only(before.now[text]);
    const texts = Object.entries(TOPICS).flatMap(([topic, list]) => list.map((_, i) => `${topic}-${i}`));
    const ids = Object.fromEntries(texts.map((t) => [t, id(t)]));
    expect(new Set(Object.values(ids)).size).toBe(texts.length);

    // Bad requests teach, and store nothing.
    await expect(recordEdit(env.table, { kind: 'merge', themes: ['t-nope'], into: ids['card-0'] }, { by: 'pm' })).rejects.toThrow(/no theme "t-nope".*voc themes/);
    await expect(recordEdit(env.table, { kind: 'split', theme: ids['refund-0'], label: 'x' }, { by: 'pm' })).rejects.toBeInstanceOf(CurationError);
    expect(await curationHistory(env.table)).toEqual([]);

    const card = ids['card-0']!;
    const refund = ids['refund-0']!;
    const cancel = ids['cancel-2']!;
    await recordEdit(env.table, { kind: 'merge', themes: [ids['card-1'], ids['card-2']], into: card }, { by: 'pm' });
    await recordEdit(env.table, { kind: 'rename', theme: card, label: 'Card delivery' }, { by: 'pm' });
    await recordEdit(env.table, { kind: 'merge', themes: [ids['refund-1'], ids['refund-2']], into: refund }, { by: 'pm' });
    // The merged refund theme holds "charged twice" and "duplicate payment": the first go to a theme of their own.
    const split = await recordEdit(env.table, { kind: 'split', theme: refund, keywords: ['charged twice'], label: 'Double charge' }, { by: 'pm' });
    const hide = await recordEdit(env.table, { kind: 'hide', theme: cancel }, { by: 'lead' });
    const move = await recordEdit(env.table, { kind: 'move', theme: ids['password-0'], newArea: 'Access' }, { by: 'lead' });
    const history = await curationHistory(env.table);
    expect(history.map((e) => [e.kind, e.by])).toEqual([
      ['merge', 'pm'],
      ['rename', 'pm'],
      ['merge', 'pm'],
      ['split', 'pm'],
      ['hide', 'lead'],
      ['move', 'lead'],
    ]);
    const doubleCharge = split.kind === 'split' ? split.into.id : '';
    expect(doubleCharge).toMatch(/^c-/);

    // Two more nights, each with new conversations.
    const second = dayList('2026-10-11', 5);
    const secondNight = await night('second.jsonl', second, 'b', 'r2');
    // The edits are why that night fits the themes again (it would for half a window of new data too).
    expect(secondNight.discovered.fit).toMatchObject({ refit: true, reason: 'curation' });
    const third = dayList('2026-10-16', 5);
    const lastNight = await night('third.jsonl', third, 'c', 'r3');
    expect(lastNight.discovered.fit).toMatchObject({ refit: true, reason: 'new-conversations' });
    const all = [...first, ...second, ...third];
    const after = await rowsByText(all);

    // Ids: discovery keeps every message's theme id, on old days and new.
    for (const text of texts) expect(only(after.discovered[text]), text).toBe(ids[text]);
    // Where the edits send each conversation, history included.
    for (const i of [0, 1, 2]) expect(only(after.now[`card-${i}`])).toBe(card);
    expect(after.labels.get(card)).toBe('Card delivery');
    expect(only(after.now['refund-0'])).toBe(doubleCharge);
    expect(only(after.now['refund-1'])).toBe(refund);
    expect(only(after.now['refund-2'])).toBe(refund);
    expect(only(after.now['cancel-2'])).toBe('other');
    expect(only(after.now['cancel-1'])).toBe(ids['cancel-1']);

    // Aggregates: each conversation counted once, where the edits send it; a merge's volume is the sum of its parts.
    const result = await topThemes(env.table, { from: all[0], to: all[all.length - 1], limit: 50 });
    const volume = new Map(result.themes.map((t) => [t.id, t.volume]));
    const days = all.length;
    expect(result.total).toBe(PER_DAY * days);
    expect(volume.get(card)).toBe(3 * days);
    expect(volume.has(ids['card-1']!)).toBe(false);
    expect(volume.get(doubleCharge)).toBe(days);
    expect(volume.get(refund)).toBe(2 * days);
    expect(volume.has(cancel)).toBe(false);
    expect(volume.get('other')).toBe(days);
    expect(volume.get(ids['password-0']!)).toBe(days);
    expect(result.themes.find((t) => t.id === card)?.label).toBe('Card delivery');
    expect(result.themes.find((t) => t.id === doubleCharge)?.label).toBe('Double charge');
    const access = result.areas.find((a) => a.label === 'Access');
    expect(access?.id).toBe(move.kind === 'move' ? move.area.id : '');
    expect(access?.themeIds).toEqual([ids['password-0']]);

    // The same night again changes nothing.
    const again = await runPipeline(env, { runId: 'r3b', asOf: third[third.length - 1]!, windowDays: 10 });
    expect(again.discovered.partitions).toEqual([]);
    expect(again.discovered.fit).toMatchObject({ refit: false, fittedBy: 'r3' });
    expect(lastNight.summary.status).toBe('succeeded');

    // Undo the hide: the next night gives the cancel conversations their theme back, on every day.
    await recordEdit(env.table, { kind: 'undo', edit: hide.editId }, { by: 'lead' });
    // An edit applies the night after it, with no new data at all: the edit alone makes the night fit again.
    const undoNight = await runPipeline(env, { runId: 'r4', asOf: third[third.length - 1]!, windowDays: 10 });
    expect(undoNight.discovered.fit).toMatchObject({ refit: true, reason: 'curation' });
    const undone = await topThemes(env.table, { from: all[0], to: all[all.length - 1], limit: 50 });
    expect(undone.themes.find((t) => t.id === cancel)?.volume).toBe(days);
    expect(undone.themes.find((t) => t.id === 'other')).toBeUndefined();
    expect(undone.total).toBe(PER_DAY * days);
  }, 120_000);
});
