import { describe, expect, it } from 'vitest';
import { aggregateDay, segmentsOf } from '../../src/core/aggregation/aggregate';
import { fromSegmentDayItem, SEGMENT_DAY_ITEM_BYTES, segmentDayItemsWithJson, toSegmentDayItems } from '../../src/core/aggregation/segment-day';
import { monthsBetween, segmentKey } from '../../src/core/aggregation/keys';
import { risingScore, sortThemes, summariseThemes } from '../../src/core/aggregation/ranking';
import type { AnalysedConversation } from '../../src/core/conversation-analysis';
import { addDays } from '../../src/core/storage-layout';
import { emptyKpiAggregate, type ConversationKpis } from '../../src/core/kpis';

const noKpis = (id: string): ConversationKpis => ({ conversationId: id, customerMessages: 1, agentMessages: 1, agentReplies: 1, internalNotes: 0, botMessages: 0, reopens: 0, reopensFrom: 'inferred', oneTouch: true, sla: {} });

function row(id: string, theme: string, score: number, extra: Partial<AnalysedConversation> = {}): AnalysedConversation {
  return {
    id, day: '2026-11-02', source: 'test', channel: 'email', language: 'en', theme: { id: theme, label: theme },
    sentiment: { label: score > 0.05 ? 'positive' : score < -0.05 ? 'negative' : 'neutral', score },
    trajectory: 'single', customerMessages: 1, agentMessages: 1, messages: [], quote: `quote ${id}`,
    kpis: noKpis(id), goodwill: [], wow: [], ...extra,
  };
}

describe('daily aggregates', () => {
  const rows = [
    row('a', 't-card', -0.6, { csat: 2, firstResponseMinutes: 30, trajectory: 'improved' }),
    row('b', 't-card', 0.4, { channel: 'chat', csat: 4, firstResponseMinutes: 90 }),
    row('c', 't-refund', 0, { language: 'de', segment: 'enterprise' }),
  ];

  it('counts volume and sentiment per theme and segment, with hand-checked sums', () => {
    const aggs = aggregateDay('2026-11-02', rows);
    const card = aggs.find((a) => a.themeId === 't-card' && a.segment === 'all')!;
    expect(card).toMatchObject({ volume: 2, negative: 1, positive: 1, neutral: 0, sentimentSum: -0.2, improved: 1, csatSum: 6, csatCount: 2, firstResponseMinutesSum: 120, firstResponseCount: 2 });
    expect(card.quotes!.map((q) => q.conversationId)).toEqual(['a', 'b']); // most negative first
    expect(aggs.find((a) => a.themeId === 't-card' && a.segment === 'channel:chat')).toMatchObject({ volume: 1, positive: 1 });
    expect(aggs.find((a) => a.themeId === 't-refund' && a.segment === 'segment:enterprise')).toMatchObject({ volume: 1, neutral: 1 });
    expect(aggs.find((a) => a.themeId === 't-refund' && a.segment === 'lang:de')).toBeDefined();
    expect(aggs.filter((a) => a.segment !== 'all').every((a) => a.quotes === undefined)).toBe(true);
  });

  it("scores a quote by its own message, not by the conversation it comes from", () => {
    const recovered = row('r', 't-x', -0.1, { quote: 'Sorted, thanks!', quoteScore: 0.6 });
    const [all] = aggregateDay('2026-11-02', [recovered]).filter((a) => a.segment === 'all');
    expect(all!.quotes).toEqual([{ conversationId: 'r', text: 'Sorted, thanks!', score: 0.6 }]);
  });

  it('is a pure function of the rows: same input, identical items, whatever the order', () => {
    const once = toSegmentDayItems(aggregateDay('2026-11-02', rows));
    const again = toSegmentDayItems(aggregateDay('2026-11-02', [...rows].reverse()));
    expect(again).toEqual(once);
  });

  it('stores one item per segment and day holding every theme, and reads back exactly what was aggregated', () => {
    const aggs = aggregateDay('2026-11-02', rows);
    const items = toSegmentDayItems(aggs);
    expect(items.map((i) => i.segment)).toEqual([...new Set(aggs.map((a) => a.segment))].sort());
    expect(items.find((i) => i.segment === 'all')).toMatchObject({ PK: 'SEG#all#MONTH#2026-11', SK: 'DAY#2026-11-02#00' });
    const back = items.flatMap(fromSegmentDayItem);
    const order = (a: { themeId: string; segment: string }) => `${a.segment}|${a.themeId}`;
    expect([...back].sort((a, b) => order(a).localeCompare(order(b)))).toEqual([...aggs].sort((a, b) => order(a).localeCompare(order(b))));
  });

  it('continues a segment in further items when its themes would pass the item size DynamoDB allows', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      row(`c${i}`, `t-${String(i).padStart(3, '0')}`, 0, { quote: `a long customer quote number ${i} `.repeat(40) }),
    );
    const items = toSegmentDayItems(aggregateDay('2026-11-02', many)).filter((i) => i.segment === 'all');
    expect(items.length).toBeGreaterThan(1);
    expect(items.map((i) => i.SK)).toEqual(items.map((_, n) => `DAY#2026-11-02#${String(n).padStart(2, '0')}`));
    for (const item of items) expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(SEGMENT_DAY_ITEM_BYTES + 20_000);
    expect(items.flatMap(fromSegmentDayItem)).toHaveLength(400);
  });

  it("gives each item's JSON exactly as JSON.stringify writes it (its content hash is taken from it)", () => {
    const many = Array.from({ length: 400 }, (_, i) => row(`c${i}`, `t-${String(i % 120).padStart(3, '0')}`, 0, { language: i % 2 ? 'de' : 'en', quote: `quote "${i}" ü `.repeat(30) }));
    const built = segmentDayItemsWithJson(aggregateDay('2026-11-02', many));
    expect(built.length).toBeGreaterThan(3);
    for (const { item, json } of built) expect(json).toBe(JSON.stringify(item));
  });

  it('refuses rows of another day rather than mixing days', () => {
    expect(() => aggregateDay('2026-11-03', rows)).toThrow(/belongs to 2026-11-02/);
  });

  it('puts every conversation in "all" plus one segment per dimension it has', () => {
    expect(segmentsOf(rows[2]!)).toEqual(['all', 'lang:de', 'channel:email', 'source:test', 'segment:enterprise']);
  });
});

describe('keys', () => {
  it('lists the months a range touches, across a year boundary', () => {
    expect(monthsBetween('2025-11-20', '2026-02-03')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
  it('allows one filter dimension at a time', () => {
    expect(segmentKey({})).toBe('all');
    expect(segmentKey({ lang: 'fa' })).toBe('lang:fa');
    expect(() => segmentKey({ lang: 'fa', channel: 'chat' })).toThrow(/one of/);
  });
});

describe('rising themes', () => {
  /** A constructed timeline: `perDay(i)` conversations on each of the 35 days ending at `to`. */
  function timeline(themeId: string, to: string, perDay: (daysAgo: number) => number) {
    return Array.from({ length: 35 }, (_, daysAgo) => {
      const volume = perDay(daysAgo);
      return {
        themeId, label: themeId, day: addDays(to, -daysAgo), segment: 'all', volume, negative: 0, neutral: volume, positive: 0, sentimentSum: 0,
        improved: 0, worsened: 0, csatSum: 0, csatCount: 0, firstResponseMinutesSum: 0, firstResponseCount: 0, resolutionMinutesSum: 0, resolutionCount: 0,
        kpis: emptyKpiAggregate(), goodwill: { conversations: 0, byKind: {}, amounts: {} }, wow: 0, agentToneSum: 0, agentToneCount: 0,
      };
    });
  }
  const to = '2026-11-20';

  it('computes the Poisson z-score of the last week against the four weeks before', () => {
    // 28 in the baseline → 7 expected in 7 days; 21 seen → (21-7)/sqrt(8)
    expect(risingScore(21, 28)).toBeCloseTo(14 / Math.sqrt(8), 3);
    expect(risingScore(7, 28)).toBe(0);
    expect(risingScore(4, 0)).toBe(0); // below the minimum count: small themes do not shout
  });

  it('flags a theme with no history and enough recent conversations as emerging', () => {
    const rows = [...timeline('brand-new', to, (ago) => (ago < 3 ? 4 : 0)), ...timeline('steady', to, () => 2)];
    const byId = Object.fromEntries(summariseThemes(rows, addDays(to, -29), to).map((s) => [s.id, s]));
    expect(byId['brand-new']).toMatchObject({ recent: 12, baselinePerWeek: 0, emerging: true });
    expect(byId['brand-new']!.risingScore).toBeCloseTo(12, 3); // (12 − 0) / √(0 + 1)
    expect(byId.steady!.emerging).toBe(false);
  });

  it('ranks a tripling theme above a bigger steady one, and a steady one near zero', () => {
    const rows = [
      ...timeline('steady', to, () => 10),
      ...timeline('growing', to, (ago) => (ago < 7 ? 6 : 2)),
      ...timeline('tiny-new', to, (ago) => (ago === 0 ? 3 : 0)),
    ];
    const summaries = summariseThemes(rows, addDays(to, -29), to);
    const byId = Object.fromEntries(summaries.map((s) => [s.id, s]));
    expect(byId.steady!.recent).toBe(70);
    expect(byId.steady!.baselinePerWeek).toBe(70);
    expect(byId.steady!.risingScore).toBeCloseTo(0 / Math.sqrt(71), 3);
    expect(byId.growing!.recent).toBe(42);
    expect(byId.growing!.risingScore).toBeCloseTo((42 - 14) / Math.sqrt(15), 3);
    expect(byId['tiny-new']!.risingScore).toBe(0);
    expect(byId['tiny-new']!.emerging).toBe(false); // 3 < the minimum of 5
    expect(byId.growing!.emerging).toBe(false);
    expect(sortThemes(summaries, 'rising').map((s) => s.id)).toEqual(['growing', 'steady', 'tiny-new']);
    expect(sortThemes(summaries, 'volume')[0]!.id).toBe('steady');
    // volume counts only the requested range (30 days), not the extra baseline days read for rising
    expect(byId.steady!.volume).toBe(300);
  });
});
