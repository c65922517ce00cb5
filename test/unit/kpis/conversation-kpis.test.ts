import { describe, expect, it } from 'vitest';
import { computeKpis, KpiConfigSchema, slaTargetFor, type KpiConfig, type SlaPolicy } from '../../../src/core/kpis/conversation-kpis';
import { DEFINITIONS } from '../../../src/core/kpis/definitions';
import type { BusinessCalendar } from '../../../src/core/kpis/business-hours';
import { conversation } from './fixtures';

const paris: BusinessCalendar = { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

/**
 * Customer writes Fri 2026-11-20 16:30Z (17:30 Paris, after closing); a bot acknowledges; an agent
 * leaves an internal note; the first public agent reply is Mon 08:15Z (09:15 Paris); the customer
 * follows up at 08:30Z; the agent answers at 09:00Z; solved at 10:00Z (11:00 Paris).
 */
const weekendTicket = conversation({
  priority: 'high',
  channel: 'email',
  status: 'solved',
  closedAt: '2026-11-23T10:00:00Z',
  csat: 5,
  messages: [
    { role: 'customer', createdAt: '2026-11-20T16:30:00Z', text: 'My order has not arrived' },
    { role: 'bot', createdAt: '2026-11-20T16:30:30Z', text: 'Thanks! An agent will reply soon.' },
    { role: 'agent', createdAt: '2026-11-20T17:00:00Z', text: 'checking with the carrier', public: false },
    { role: 'agent', createdAt: '2026-11-23T08:15:00Z', text: 'Hi, I am looking into it.' },
    { role: 'customer', createdAt: '2026-11-23T08:30:00Z', text: 'Thanks, any news?' },
    { role: 'agent', createdAt: '2026-11-23T09:00:00Z', text: 'It arrives tomorrow.' },
  ],
});

describe('computeKpis: durations', () => {
  const k = computeKpis(weekendTicket, { businessCalendar: paris });

  it('measures first response to the first PUBLIC AGENT message (not the bot, not the internal note)', () => {
    // Calendar: Fri 16:30Z → Mon 08:15Z = 2 d 15 h 45 min = 63.75 h = 3825 min.
    // Business: Fri after 17:00 Paris is closed; Mon 09:00 → 09:15 Paris = 15 min.
    expect(k.firstResponse).toEqual({ calendarMinutes: 3825, businessMinutes: 15 });
  });

  it('measures full resolution from createdAt to closedAt', () => {
    // Calendar: Fri 16:30Z → Mon 10:00Z = 2 d 17.5 h = 65.5 h = 3930 min. Business: Mon 09:00 → 11:00 Paris = 120.
    expect(k.fullResolution).toEqual({ calendarMinutes: 3930, businessMinutes: 120 });
  });

  it('sums the requester wait spans', () => {
    // Spans: Fri 16:30Z → Mon 08:15Z (3825 calendar, 15 business) and Mon 08:30Z → 09:00Z (30, 30 = 09:30–10:00 Paris).
    // 3825 + 30 = 3855 calendar; 15 + 30 = 45 business.
    expect(k.requesterWait).toEqual({ calendarMinutes: 3855, businessMinutes: 45 });
  });

  it('counts messages by role and visibility', () => {
    expect(k).toMatchObject({ customerMessages: 2, agentMessages: 2, agentReplies: 2, internalNotes: 1, botMessages: 1, oneTouch: false });
  });

  it('reports CSAT and whether it counts as satisfied (4–5)', () => {
    expect(k.csat).toBe(5);
    expect(k.csatSatisfied).toBe(true);
    const unhappy = computeKpis({ ...weekendTicket, csat: 3 });
    expect(unhappy.csatSatisfied).toBe(false);
    const unrated = computeKpis({ ...weekendTicket, csat: undefined });
    expect(unrated.csat).toBeUndefined();
    expect(unrated.csatSatisfied).toBeUndefined();
  });

  it('gives calendar minutes only when no business calendar is configured', () => {
    expect(computeKpis(weekendTicket).firstResponse).toEqual({ calendarMinutes: 3825 });
  });

  it('leaves durations undefined when the events are missing', () => {
    // Open, never answered: customer at 08:00Z, last update 10:00Z.
    const open = conversation({
      status: 'open',
      updatedAt: '2026-11-23T10:00:00Z',
      messages: [{ role: 'customer', createdAt: '2026-11-23T08:00:00Z' }],
    });
    const kOpen = computeKpis(open);
    expect(kOpen.firstResponse).toBeUndefined();
    expect(kOpen.fullResolution).toBeUndefined();
    // The unanswered wait runs to the snapshot (updatedAt): 08:00 → 10:00 = 120.
    expect(kOpen.requesterWait).toEqual({ calendarMinutes: 120 });
    expect(kOpen.agentReplies).toBe(0);
  });

  it('does not count a resolution for a conversation whose status says it is open again', () => {
    const reopened = { ...weekendTicket, status: 'open' as const };
    expect(computeKpis(reopened).fullResolution).toBeUndefined();
  });

  it('starts the clock at the customer for outbound conversations, and the opener is no reply', () => {
    // Agent opens at 09:00Z, customer answers 10:00Z, agent replies 10:20Z: first response 20 min; 1 reply of 2 agent messages.
    const outbound = conversation({
      status: 'solved',
      closedAt: '2026-11-23T11:00:00Z',
      messages: [
        { role: 'agent', createdAt: '2026-11-23T09:00:00Z' },
        { role: 'customer', createdAt: '2026-11-23T10:00:00Z' },
        { role: 'agent', createdAt: '2026-11-23T10:20:00Z' },
      ],
    });
    const k2 = computeKpis(outbound);
    expect(k2.firstResponse).toEqual({ calendarMinutes: 20 });
    expect(k2.agentMessages).toBe(2);
    expect(k2.agentReplies).toBe(1);
    expect(k2.oneTouch).toBe(true);
  });
});

describe('computeKpis: reopens', () => {
  const day = (d: number, h = 10) => `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;

  it('infers a reopen when the customer writes again ≥ 72 h after the agent had the last word', () => {
    // Agent answers Nov 2 10:00; customer writes Nov 6 10:00 (96 h later ≥ 72): 1 reopen.
    // Agent answers Nov 6 11:00; customer writes Nov 7 10:00 (23 h): not a reopen.
    const c = conversation({
      messages: [
        { role: 'customer', createdAt: day(2, 9) },
        { role: 'agent', createdAt: day(2) },
        { role: 'customer', createdAt: day(6) },
        { role: 'agent', createdAt: day(6, 11) },
        { role: 'customer', createdAt: day(7) },
      ],
    });
    expect(computeKpis(c)).toMatchObject({ reopens: 1, reopensFrom: 'inferred' });
    // With a 12 h threshold the 23 h gap counts too: 2.
    expect(computeKpis(c, { reopenAfterHours: 12 }).reopens).toBe(2);
  });

  it('ignores internal notes and customer double messages when inferring', () => {
    // The note (not public) does not give the agent the last word; the second customer message follows a customer message.
    const c = conversation({
      messages: [
        { role: 'customer', createdAt: day(2, 9) },
        { role: 'agent', createdAt: day(2), public: false },
        { role: 'customer', createdAt: day(6) },
        { role: 'customer', createdAt: day(10) },
      ],
    });
    expect(computeKpis(c).reopens).toBe(0);
  });

  it('counts solved/closed → other transitions when a status history is supplied', () => {
    // open → solved → open (reopen 1) → solved → closed (solved → closed is not a reopen) → open (reopen 2).
    const c = {
      ...conversation({ messages: [{ role: 'customer', createdAt: day(2) }] }),
      statusHistory: [
        { status: 'open' as const, at: day(2) },
        { status: 'solved' as const, at: day(3) },
        { status: 'open' as const, at: day(4) },
        { status: 'solved' as const, at: day(5) },
        { status: 'closed' as const, at: day(9) },
        { status: 'open' as const, at: day(12) },
      ],
    };
    expect(computeKpis(c)).toMatchObject({ reopens: 2, reopensFrom: 'status-history' });
  });
});

describe('SLA', () => {
  const policy: SlaPolicy = {
    rules: [
      { priority: 'high', firstResponseMinutes: 60, resolutionMinutes: 480, businessHours: true },
      { priority: 'high', channel: 'email', firstResponseMinutes: 30, resolutionMinutes: 240, businessHours: true },
      { channel: 'chat', firstResponseMinutes: 5 },
    ],
    default: { firstResponseMinutes: 1440, resolutionMinutes: 4320 },
  };
  const config: KpiConfig = { sla: policy, businessCalendar: paris };

  it('picks the most specific matching rule, else the default', () => {
    expect(slaTargetFor(policy, 'high', 'email')).toBe(policy.rules[1]);
    expect(slaTargetFor(policy, 'high', 'chat')).toBe(policy.rules[0]);
    expect(slaTargetFor(policy, 'low', 'chat')).toBe(policy.rules[2]);
    expect(slaTargetFor(policy, undefined, 'email')).toBe(policy.default);
    expect(slaTargetFor(undefined, 'high', 'email')).toBeUndefined();
  });

  it('judges targets on business minutes when the rule says so', () => {
    // high + email → 30 / 240 business minutes. First response 15 ≤ 30: met; resolution 120 ≤ 240: met.
    expect(computeKpis(weekendTicket, config).sla).toEqual({
      firstResponse: { targetMinutes: 30, businessHours: true, actualMinutes: 15, met: true },
      resolution: { targetMinutes: 240, businessHours: true, actualMinutes: 120, met: true },
    });
  });

  it('judges the default on calendar minutes', () => {
    // No priority → default 1440 / 4320 calendar. First response 3825 > 1440: breached; resolution 3930 ≤ 4320: met.
    expect(computeKpis({ ...weekendTicket, priority: undefined }, config).sla).toEqual({
      firstResponse: { targetMinutes: 1440, businessHours: false, actualMinutes: 3825, met: false },
      resolution: { targetMinutes: 4320, businessHours: false, actualMinutes: 3930, met: true },
    });
  });

  it('breaches a running clock already past target and leaves one within target undecided', () => {
    // Open chat, customer 08:00Z, no reply, snapshot 10:00Z: 120 elapsed > 5 (chat rule): breached.
    // The chat rule has no resolution target, so resolution is undefined.
    const waiting = conversation({
      channel: 'chat',
      status: 'open',
      updatedAt: '2026-11-23T10:00:00Z',
      messages: [{ role: 'customer', createdAt: '2026-11-23T08:00:00Z' }],
    });
    expect(computeKpis(waiting, config).sla).toEqual({
      firstResponse: { targetMinutes: 5, businessHours: false, actualMinutes: 120, met: false },
      resolution: undefined,
    });
    // Same as e-mail without priority (default 1440 / 4320): 120 elapsed is within both: undecided.
    expect(computeKpis({ ...waiting, channel: 'email' }, config).sla).toEqual({
      firstResponse: { targetMinutes: 1440, businessHours: false, actualMinutes: 120, met: undefined },
      resolution: { targetMinutes: 4320, businessHours: false, actualMinutes: 120, met: undefined },
    });
  });

  it('has no SLA outcome without a policy', () => {
    expect(computeKpis(weekendTicket).sla).toEqual({ firstResponse: undefined, resolution: undefined });
  });

  it('refuses a business-hours target without a calendar', () => {
    expect(KpiConfigSchema.safeParse({ sla: policy }).success).toBe(false);
    expect(() => computeKpis(weekendTicket, { sla: policy })).toThrow(/businessCalendar/);
  });
});

describe('DEFINITIONS', () => {
  it('documents every KPI and the choices made', () => {
    for (const heading of ['First response time', 'Full resolution time', 'Requester wait time', 'Reopens', 'SLA', 'CSAT', 'Zendesk', 'Intercom', 'Freshdesk']) {
      expect(DEFINITIONS).toContain(heading);
    }
  });
});
