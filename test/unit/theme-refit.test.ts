/** The refit decision on its own (core/theme-refit.ts): which reason wins, and how new conversations are counted. */
import { describe, expect, it } from 'vitest';
import { DISCOVERY_VERSION, DiscoverySettings, changesSinceFit, newConversationsDecision, refitThresholds, structuralDecision, type FitRecord, type WindowState } from '../../src/core/theme-refit';

const record: FitRecord = {
  version: DISCOVERY_VERSION,
  window: { from: '2026-10-01', to: '2026-10-03' },
  windowDays: 3,
  taxonomy: 'tx',
  curation: '0:',
  days: { '2026-10-01': { parts: ['a@1'], conversations: 10 }, '2026-10-02': { parts: ['b@1'], conversations: 10 }, '2026-10-03': { parts: ['c@1', 'd@1'], conversations: 20 } },
};
const now = (days: WindowState['days'], to = '2026-10-03', extra: Partial<WindowState> = {}): WindowState => ({ window: { from: '2026-10-01', to }, windowDays: 3, taxonomy: 'tx', curation: '0:', days, ...extra });
const committed = { forced: false, catalogue: 'committed' as const, windowMovedDays: 7 };

describe('structuralDecision', () => {
  it('needs the counts when nothing structural changed', () => {
    expect(structuralDecision(record, now({ '2026-10-01': ['a@1'] }), committed)).toBeUndefined();
  });
  it('names the first reason that applies, forced and a missing or unfinished catalogue first', () => {
    expect(structuralDecision(record, now({}, '2026-10-03', { taxonomy: 'other' }), { ...committed, forced: true })?.reason).toBe('forced');
    expect(structuralDecision(record, now({}), { ...committed, catalogue: 'missing' })?.reason).toBe('no-catalogue');
    expect(structuralDecision(record, now({}), { ...committed, catalogue: 'unfinished' })?.reason).toBe('unfinished');
    expect(structuralDecision({ window: record.window }, now({}), committed)?.reason).toBe('no-record');
    expect(structuralDecision({ ...record, version: DISCOVERY_VERSION - 1 }, now({}), committed)?.reason).toBe('discovery-version');
    expect(structuralDecision(record, now({}, '2026-10-03', { taxonomy: 'other' }), committed)?.reason).toBe('taxonomy');
    expect(structuralDecision(record, now({}, '2026-10-03', { curation: '1:e1' }), committed)?.reason).toBe('curation');
    expect(structuralDecision(record, now({}, '2026-10-03', { windowDays: 4 }), committed)?.reason).toBe('window-length');
    expect(structuralDecision(record, now({}, '2026-10-09'), committed)).toBeUndefined();
    expect(structuralDecision(record, now({}, '2026-10-10'), committed)).toMatchObject({ refit: true, reason: 'window-moved', windowMovedDays: 7 });
  });
});

describe('changesSinceFit and newConversationsDecision', () => {
  it('a new part counts by its own conversations; a rewritten or removed part makes the day count whole', () => {
    const tonight = now({ '2026-10-02': ['b@2'], '2026-10-03': ['c@1', 'd@1', 'e@1'], '2026-10-04': ['f@1'] }, '2026-10-04');
    expect(changesSinceFit(record, tonight)).toEqual([
      { day: '2026-10-02', newParts: ['b@2'], whole: true },
      { day: '2026-10-03', newParts: ['e@1'], whole: false },
      { day: '2026-10-04', newParts: ['f@1'], whole: true },
    ]);
    const counted = new Map([
      ['2026-10-02', { fresh: 11, total: 11 }],
      ['2026-10-03', { fresh: 2, total: 22 }],
      ['2026-10-04', { fresh: 5, total: 5 }],
    ]);
    // 18 new of 11 + 22 + 5 (2026-10-01 left the window and counts for nothing).
    expect(newConversationsDecision(record, tonight, counted, 0.5, 1)).toEqual({ refit: false, newConversations: 18, newShare: 0.4737, windowMovedDays: 1 });
    expect(newConversationsDecision(record, tonight, counted, 0.47, 1)).toMatchObject({ refit: true, reason: 'new-conversations' });
  });
  it('nothing new keeps the catalogue whatever the threshold', () => {
    expect(newConversationsDecision(record, now({ '2026-10-01': ['a@1'] }), new Map(), 0.0001, 0)).toMatchObject({ refit: false, newConversations: 0, newShare: 0 });
  });
});

describe('discovery settings', () => {
  it('defaults, overrides, and errors that name the field', () => {
    expect(refitThresholds({})).toEqual({ newConversationsShare: 0.15, windowMovedDays: 7 });
    expect(refitThresholds({ refit: { windowMovedDays: 1 } })).toEqual({ newConversationsShare: 0.15, windowMovedDays: 1 });
    expect(DiscoverySettings.safeParse({ refit: { newConversationsShare: 0 } }).success).toBe(false);
    expect(DiscoverySettings.safeParse({ refit: { windowMovedDays: 0 } }).success).toBe(false);
    expect(DiscoverySettings.safeParse({ refit: { newShare: 0.2 } }).success).toBe(false);
  });
});
