/** The curation core: edits folded (undo, redo, chains), splits by example learned on the window, alerts' statistics. */
import { describe, expect, it } from 'vitest';
import { foldEdits, resolveTheme, type CurationEdit } from '../../../src/core/curation/edits';
import { applySplits, compileCuration, curateTheme, type WindowConversation } from '../../../src/core/curation/splits';
import { twoProportionZ } from '../../../src/core/alerts/detect';
import { combineThemeDays } from '../../../src/core/aggregation/combine';
import type { ThemeDayAggregate } from '../../../src/core/aggregation/aggregate';

const at = (n: number) => `2026-12-01T10:00:${String(n).padStart(2, '0')}.000Z`;
const stamp = (n: number) => ({ editId: `e-${n}`, at: at(n), by: 'pm' });

describe('foldEdits', () => {
  it('follows merge chains, sends hidden themes to other, and lets an undo be undone', () => {
    const edits: CurationEdit[] = [
      { kind: 'merge', themes: ['a'], into: 'b', ...stamp(1) },
      { kind: 'merge', themes: ['b'], into: 'c', ...stamp(2) },
      { kind: 'hide', theme: 'd', ...stamp(3) },
      { kind: 'undo', edit: 'e-2', ...stamp(4) },
      { kind: 'undo', edit: 'e-4', ...stamp(5) },
    ];
    const state = foldEdits([...edits].reverse());
    expect(resolveTheme(state, 'a')).toBe('c');
    expect(resolveTheme(state, 'd')).toBe('other');
    expect(state.history.find((e) => e.editId === 'e-4')?.undoneBy).toBe('e-5');
    const withoutRedo = foldEdits(edits.slice(0, 4));
    expect(resolveTheme(withoutRedo, 'a')).toBe('b');
    // A merge cycle does not loop.
    const cycle = foldEdits([{ kind: 'merge', themes: ['x'], into: 'y', ...stamp(1) }, { kind: 'merge', themes: ['y'], into: 'x', ...stamp(2) }]);
    expect(['x', 'y']).toContain(resolveTheme(cycle, 'x'));
  });
});

describe('splits', () => {
  const doc = (id: string, text: string, theme = 'src'): WindowConversation => ({ id, lang: 'en', reason: { opening: text, followUps: [] }, theme });
  const card = ['my card was declined at the shop', 'card declined again when paying', 'why is my card declined', 'the card payment was declined', 'declined card at checkout'];
  const password = ['cannot reset my password', 'password reset link broken', 'reset password email missing', 'my password reset fails', 'password reset does not work'];
  const window = [...card.map((t, i) => doc(`c${i}`, t)), ...password.map((t, i) => doc(`p${i}`, t)), doc('o1', 'parcel is late', 'other-theme')];

  it('learns "like these" from example conversations on the window and moves only those like them', () => {
    const split = { kind: 'split' as const, theme: 'src', keywords: [], examples: ['p0', 'p1'], into: { id: 'c-new', label: 'Password reset' }, created: true, ...stamp(1) };
    const compiled = compileCuration({ splits: [split], mergedInto: new Map() }, window);
    expect(compiled.splits[0]!.byLang?.en?.sizes).toEqual({ split: 5, rest: 5 });
    for (const d of window) {
      const moved = applySplits({ id: d.theme, label: '' }, d, compiled).id === 'c-new';
      expect(moved, d.id).toBe(d.id.startsWith('p'));
    }
    // A new conversation on another day is decided the same way, from the stored centroids.
    const later = JSON.parse(JSON.stringify(compiled));
    expect(curateTheme({ id: 'src', label: 'Source' }, doc('n1', 'the password reset page is broken'), later)).toEqual({ id: 'c-new', label: 'Password reset' });
    expect(curateTheme({ id: 'src', label: 'Source' }, doc('n2', 'card declined in the supermarket'), later)).toEqual({ id: 'src', label: 'Source' });
  });

  it('splits by keyword after merges, and a split of a merged theme reaches its parts', () => {
    const state = { splits: [{ kind: 'split' as const, theme: 'src', keywords: ['declined'], examples: [], into: { id: 'c-dec', label: 'Declined' }, created: true, ...stamp(2) }], mergedInto: new Map([['part', 'src']]), labels: new Map([['src', 'Payments']]) };
    const compiled = compileCuration(state, window, undefined, () => 'Discovered');
    expect(curateTheme({ id: 'part', label: 'Part' }, doc('x', 'card declined'), compiled)).toEqual({ id: 'c-dec', label: 'Declined' });
    expect(curateTheme({ id: 'part', label: 'Part' }, doc('y', 'password reset'), compiled)).toEqual({ id: 'src', label: 'Payments' });
    expect(curateTheme({ id: 'elsewhere', label: 'Elsewhere' }, doc('z', 'card declined'), compiled)).toEqual({ id: 'elsewhere', label: 'Elsewhere' });
  });
});

describe('combineThemeDays', () => {
  it('adds every count of the parts', () => {
    const row = (themeId: string, volume: number, negative: number): ThemeDayAggregate =>
      ({ themeId, label: themeId, day: '2026-11-01', segment: 'all', volume, negative, neutral: volume - negative, positive: 0, sentimentSum: -negative, improved: 0, worsened: 0, csatSum: 4 * volume, csatCount: volume, firstResponseMinutesSum: 0, firstResponseCount: 0, resolutionMinutesSum: 0, resolutionCount: 0, wow: 0, agentToneSum: 0, agentToneCount: 0 }) as ThemeDayAggregate;
    const merged = combineThemeDays([row('a', 3, 1), row('b', 5, 2)], 'b', 'B');
    expect(merged).toMatchObject({ themeId: 'b', volume: 8, negative: 3, neutral: 5, csatCount: 8, csatSum: 32, sentimentSum: -3 });
  });
});

describe('twoProportionZ', () => {
  it('is 0 without data and grows with the difference', () => {
    expect(twoProportionZ(0, 0, 5, 10)).toBe(0);
    expect(twoProportionZ(5, 10, 5, 10)).toBe(0);
    expect(twoProportionZ(30, 40, 20, 80)).toBeGreaterThan(5);
  });
});
