import { describe, expect, it } from 'vitest';
import { isoWeek, qaSample, stratumOf, type QaCandidate } from '../../../src/core/kpis/qa-sample';

const WEEK = '2026-W48';
function candidates(n: number, over: Partial<QaCandidate> = {}, prefix = 'c'): QaCandidate[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    team: 'billing',
    channel: 'email',
    themeId: 't1',
    sentimentLabel: 'neutral' as const,
    messageCount: 4,
    week: WEEK,
    ...over,
  }));
}

describe('isoWeek', () => {
  it.each([
    // 2026-01-01 is a Thursday, so week 1 runs Mon 2025-12-29 … Sun 2026-01-04. Mon 2026-11-23 is 329 days = 47 weeks after 2025-12-29 → W48.
    ['2026-11-23', '2026-W48'],
    ['2026-11-22', '2026-W47'], // the Sunday before
    // Fri 2027-01-01 belongs to the week of Thu 2026-12-31; 2026 starts on a Thursday so it has 53 weeks.
    ['2027-01-01', '2026-W53'],
    // Mon 2024-12-30: its Thursday is 2025-01-02 → 2025-W01.
    ['2024-12-30', '2025-W01'],
    // Sun 2021-01-03: its Thursday is 2020-12-31 → 2020-W53.
    ['2021-01-03', '2020-W53'],
    // A timestamp is read in UTC: 23:30 at UTC−02:00 on Sunday is 01:30Z Monday → W48.
    ['2026-11-22T23:30:00-02:00', '2026-W48'],
  ])('%s → %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
  it('rejects an unreadable date', () => {
    expect(() => isoWeek('last week')).toThrow(RangeError);
  });
});

describe('qaSample', () => {
  it('picks rate × stratum size, reproducibly for a seed', () => {
    // 1000 neutral short conversations in one stratum at 10 %: round(0.1 × 1000) = 100.
    const items = candidates(1000);
    const a = qaSample(items, { rate: 0.1, seed: 'w48' });
    expect(a).toHaveLength(100);
    expect(new Set(a.map((p) => p.id)).size).toBe(100);
    expect(a.every((p) => p.reasons.join() === 'proportional' && p.rate === 0.1)).toBe(true);
    // Same seed, shuffled input → same picks; another seed → another sample.
    expect(qaSample([...items].reverse(), { rate: 0.1, seed: 'w48' }).map((p) => p.id).sort()).toEqual(a.map((p) => p.id).sort());
    const b = qaSample(items, { rate: 0.1, seed: 'w49' });
    expect(b.map((p) => p.id).sort()).not.toEqual(a.map((p) => p.id).sort());
  });

  it('over-samples negative and long conversations at rate × multiplier', () => {
    const items = [
      ...candidates(100, { sentimentLabel: 'negative' }, 'neg'), // 0.1 × 2 = 0.2 → 20
      ...candidates(50, { messageCount: 12 }, 'long'), // neutral long: 0.1 × 2 = 0.2 × 50 → 10
      ...candidates(50, {}, 'short'), // neutral short: 0.1 × 50 → 5
      ...candidates(10, { sentimentLabel: 'negative', messageCount: 30 }, 'both'), // 0.1 × 2 × 2 = 0.4 × 10 → 4
    ];
    const picks = qaSample(items, { rate: 0.1, seed: 's' });
    const byPrefix = (p: string) => picks.filter((x) => x.id.startsWith(p));
    expect(byPrefix('neg')).toHaveLength(20);
    expect(byPrefix('long')).toHaveLength(10);
    expect(byPrefix('short')).toHaveLength(5);
    expect(byPrefix('both')).toHaveLength(4);
    expect(byPrefix('neg')[0]!.reasons).toEqual(['proportional', 'over-sampled: negative']);
    expect(byPrefix('long')[0]!.reasons).toEqual(['proportional', 'over-sampled: long']);
    expect(byPrefix('both')[0]).toMatchObject({ rate: 0.4, reasons: ['proportional', 'over-sampled: negative', 'over-sampled: long'] });
  });

  it('honours custom multipliers, the long threshold and caps the rate at 1', () => {
    // Multipliers 3 and 1; long from 20 messages. 10 negatives with 12 messages (not long now): 0.2 × 3 = 0.6 × 10 → 6.
    const items = candidates(10, { sentimentLabel: 'negative', messageCount: 12 });
    const picks = qaSample(items, { rate: 0.2, seed: 's', overSample: { negative: 3, long: 1 }, longMessageCount: 20 });
    expect(picks).toHaveLength(6);
    expect(picks[0]!.rate).toBeCloseTo(0.6, 12);
    // 0.5 × 2 × 2 = 2 → capped at 1: all 4.
    expect(qaSample(candidates(4, { sentimentLabel: 'negative', messageCount: 30 }), { rate: 0.5, seed: 's' })).toHaveLength(4);
  });

  it('represents every non-empty stratum at least once', () => {
    // Strata of 3, 1 and 40: 10 % gives round(0.3) = 0 → 1, round(0.1) = 0 → 1, and 4.
    const items = [
      ...candidates(3, { team: 'returns' }, 'r'),
      ...candidates(1, { channel: 'chat', team: undefined }, 'x'),
      ...candidates(40, {}, 'b'),
    ];
    const picks = qaSample(items, { rate: 0.1, seed: 's' });
    const strata = new Map<string, number>();
    for (const p of picks) strata.set(p.stratum, (strata.get(p.stratum) ?? 0) + 1);
    expect(strata).toEqual(
      new Map([
        [stratumOf(items[0]!), 1],
        [stratumOf(items[3]!), 1],
        [stratumOf(items[4]!), 4],
      ]),
    );
    expect(picks.find((p) => p.id.startsWith('r'))!.reasons).toEqual(['stratum minimum']);
    expect(stratumOf(items[3]!)).toBe(`${WEEK} | (no team) | chat | t1 | neutral`);
  });

  it('keeps picks in one stratum stable when others change', () => {
    const base = candidates(50, {}, 'b');
    const first = qaSample(base, { rate: 0.1, seed: 's' }).map((p) => p.id);
    const withMore = qaSample([...base, ...candidates(30, { themeId: 't2' }, 'n')], { rate: 0.1, seed: 's' })
      .filter((p) => p.id.startsWith('b'))
      .map((p) => p.id);
    expect(withMore).toEqual(first);
  });

  it('samples each week on its own', () => {
    // Two weeks of 20: 10 % → 2 each.
    const picks = qaSample([...candidates(20, {}, 'a'), ...candidates(20, { week: '2026-W49' }, 'b')], { rate: 0.1, seed: 's' });
    expect(picks.filter((p) => p.week === WEEK)).toHaveLength(2);
    expect(picks.filter((p) => p.week === '2026-W49')).toHaveLength(2);
  });

  it('returns nothing at rate 0 and rejects rates outside [0, 1]', () => {
    expect(qaSample(candidates(10), { rate: 0, seed: 's' })).toEqual([]);
    expect(() => qaSample(candidates(10), { rate: 1.5, seed: 's' })).toThrow(RangeError);
  });
});

describe('qaSample: stratum floor', () => {
  it('can be lowered to 0 (purely proportional) or raised', () => {
    // Strata of 3 and 40 at 10 %: floor 0 → 0 + 4; floor 2 → 2 + 4.
    const items = [...candidates(3, { team: 'returns' }, 'r'), ...candidates(40, {}, 'b')];
    expect(qaSample(items, { rate: 0.1, seed: 's', minPerStratum: 0 }).map((p) => p.id[0])).toEqual(['b', 'b', 'b', 'b']);
    const two = qaSample(items, { rate: 0.1, seed: 's', minPerStratum: 2 });
    expect(two.filter((p) => p.id.startsWith('r'))).toHaveLength(2);
    expect(two.filter((p) => p.id.startsWith('b'))).toHaveLength(4);
  });
});

describe('qaSample with many tiny strata', () => {
  it('still picks the stated share overall: quotas are apportioned, not rounded per stratum', () => {
    // 200 conversations in 100 strata of 2, all neutral and short: 10% → exactly 20 picks
    // (rounding 0.2 per stratum on its own would give none).
    const items = Array.from({ length: 200 }, (_, i) => ({
      id: `c${i}`, team: `team${i % 10}`, channel: 'email', themeId: `t${Math.floor(i / 10) % 10}`, sentimentLabel: 'neutral' as const, messageCount: 2, week: '2026-W47',
    }));
    const picks = qaSample(items, { rate: 0.1, seed: 's', minPerStratum: 0 });
    expect(picks).toHaveLength(20);
    expect(new Set(picks.map((p) => p.stratum)).size).toBe(20); // spread across strata, one each
    expect(qaSample(items, { rate: 0.1, seed: 's', minPerStratum: 0 })).toEqual(picks);
  });
});
