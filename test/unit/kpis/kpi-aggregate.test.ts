import { describe, expect, it } from 'vitest';
import type { ConversationKpis } from '../../../src/core/kpis/conversation-kpis';
import { addKpis, emptyKpiAggregate, mergeKpiAggregates, summariseKpis } from '../../../src/core/kpis/kpi-aggregate';

const kpis = (over: Partial<ConversationKpis>): ConversationKpis => ({
  conversationId: 'c',
  customerMessages: 1,
  agentMessages: 1,
  agentReplies: 1,
  internalNotes: 0,
  botMessages: 0,
  reopens: 0,
  reopensFrom: 'inferred',
  oneTouch: false,
  sla: {},
  ...over,
});

// Day 1: two conversations; day 2: one.
const day1 = [
  kpis({
    firstResponse: { calendarMinutes: 10, businessMinutes: 10 },
    fullResolution: { calendarMinutes: 100 },
    oneTouch: true,
    csat: 5,
    csatSatisfied: true,
    sla: { firstResponse: { targetMinutes: 30, businessHours: false, actualMinutes: 10, met: true } },
  }),
  kpis({
    firstResponse: { calendarMinutes: 40 },
    reopens: 2,
    csat: 2,
    csatSatisfied: false,
    sla: { firstResponse: { targetMinutes: 30, businessHours: false, actualMinutes: 40, met: false } },
  }),
];
const day2 = [
  kpis({
    firstResponse: { calendarMinutes: 20 },
    fullResolution: { calendarMinutes: 300 },
    reopens: 1,
    sla: { firstResponse: { targetMinutes: 30, businessHours: false, actualMinutes: 20, met: undefined } },
  }),
];

describe('KPI aggregates', () => {
  const a1 = day1.reduce(addKpis, emptyKpiAggregate());
  const a2 = day2.reduce(addKpis, emptyKpiAggregate());
  const range = mergeKpiAggregates(a1, a2);

  it('adds counts and merges histograms across days', () => {
    expect(range.conversations).toBe(3);
    expect(range.firstResponse.count).toBe(3);
    expect(range.firstResponseBusiness.count).toBe(1);
    expect(range.sla.firstResponse).toEqual({ met: 1, breached: 1 });
    expect(range.csat).toEqual({ rated: 2, satisfied: 1, sum: 7 });
    expect(range).toMatchObject({ resolved: 2, oneTouch: 1, reopened: 2, reopens: 3 });
    expect(mergeKpiAggregates(a2, a1)).toEqual(range);
  });

  it('summarises rates from counts, never from averaged rates', () => {
    const s = summariseKpis(range);
    // First response samples 10, 40, 20: exact min 10 (p0) … p50 is rank ⌊0.5·2⌋ = 1 → 20 (bucket-rounded within 4.76 %).
    expect(s.firstResponse.count).toBe(3);
    expect(Math.abs(s.firstResponse.p50! - 20) / 20).toBeLessThan(0.0477);
    // Mean is exact: (10 + 40 + 20) / 3 = 23.33.
    expect(s.firstResponse.mean).toBe(23.33);
    expect(s).toMatchObject({
      conversations: 3,
      slaFirstResponseRate: 0.5, // 1 met ÷ (1 met + 1 breached); the undecided one is left out
      slaResolutionRate: undefined, // nothing judged
      csatRate: 0.5, // 1 satisfied ÷ 2 rated
      csatMean: 3.5, // (5 + 2) / 2
      csatResponseRate: 0.6667, // 2 rated ÷ 3
      reopenRate: 0.6667, // 2 reopened ÷ 3 conversations
      oneTouchRate: 0.5, // 1 ÷ 2 resolved
    });
  });

  it('round-trips through JSON (stored per day)', () => {
    expect(JSON.parse(JSON.stringify(range))).toEqual(range);
    expect(summariseKpis(emptyKpiAggregate())).toMatchObject({ conversations: 0, csatRate: undefined, firstResponse: { count: 0 } });
  });
});
