import { describe, expect, it } from 'vitest';
import { BusinessCalendarSchema, businessMinutesBetween, type BusinessCalendar } from '../../../src/core/kpis/business-hours';

const WEEKDAYS = [1, 2, 3, 4, 5];
const paris: BusinessCalendar = { timeZone: 'Europe/Paris', days: WEEKDAYS, start: '09:00', end: '17:00' };
const newYork: BusinessCalendar = { timeZone: 'America/New_York', days: WEEKDAYS, start: '09:00', end: '17:00' };
const allDayParis: BusinessCalendar = { timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };

describe('businessMinutesBetween', () => {
  it('counts the part of one working day inside opening hours', () => {
    // Mon 2026-11-23, Paris is UTC+1: 09:00Z = 10:00 local → 11:30Z = 12:30 local: 150 min.
    expect(businessMinutesBetween('2026-11-23T09:00:00Z', '2026-11-23T11:30:00Z', paris)).toBe(150);
    // 07:00Z = 08:00 local (before opening) → 17:00Z = 18:00 local (after closing): the full 09–17 day, 480.
    expect(businessMinutesBetween('2026-11-23T07:00:00Z', '2026-11-23T17:00:00Z', paris)).toBe(480);
  });

  it('skips the weekend', () => {
    // Fri 2026-11-20 16:00 local (15:00Z) → Mon 2026-11-23 10:00 local (09:00Z): Fri 16–17 (60) + Mon 09–10 (60) = 120.
    expect(businessMinutesBetween('2026-11-20T15:00:00Z', '2026-11-23T09:00:00Z', paris)).toBe(120);
  });

  it('reads opening hours on the wall clock across a DST change', () => {
    // US clocks spring forward Sun 2026-03-08. Fri 03-06 16:00 EST (UTC−5) = 21:00Z; Mon 03-09 10:00 EDT (UTC−4) = 14:00Z.
    // Fri 16–17 (60) + Mon 09–10 (60) = 120. A fixed EST offset would read 14:00Z as 09:00 and give 60.
    expect(businessMinutesBetween('2026-03-06T21:00:00Z', '2026-03-09T14:00:00Z', newYork)).toBe(120);
  });

  it('gives 23- and 25-hour days on a 24/7 calendar on DST days', () => {
    // Paris springs forward Sun 2026-03-29: local midnight 03-29 (23:00Z, CET) → local midnight 03-30 (22:00Z, CEST): 23 h = 1380.
    expect(businessMinutesBetween('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', allDayParis)).toBe(1380);
    // Falls back Sun 2026-10-25: local midnight 10-25 (22:00Z, CEST) → local midnight 10-26 (23:00Z, CET): 25 h = 1500.
    expect(businessMinutesBetween('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', allDayParis)).toBe(1500);
  });

  it('skips holidays given as local dates', () => {
    // Thu 2026-12-24 16:00 local (15:00Z) → Mon 12-28 10:00 local (09:00Z). Without the holiday: Thu 60 + Fri 480 + Mon 60 = 600.
    expect(businessMinutesBetween('2026-12-24T15:00:00Z', '2026-12-28T09:00:00Z', paris)).toBe(600);
    // With Fri 12-25 closed: 60 + 60 = 120.
    expect(businessMinutesBetween('2026-12-24T15:00:00Z', '2026-12-28T09:00:00Z', { ...paris, holidays: ['2026-12-25'] })).toBe(120);
  });

  it('adds up multi-week spans', () => {
    // Mon 2026-11-02 09:00 local (08:00Z) → Mon 11-16 09:00 local (08:00Z): 10 working days × 480 = 4800.
    expect(businessMinutesBetween('2026-11-02T08:00:00Z', '2026-11-16T08:00:00Z', paris)).toBe(4800);
  });

  it('uses the local date, not the UTC date, to find the working day', () => {
    // Tokyo (UTC+9, no DST), 09–18: 2026-11-22T23:00Z is Sunday in UTC but Mon 08:00 in Tokyo;
    // 2026-11-23T10:00Z is Mon 19:00 local. Monday 09–18 = 540.
    const tokyo: BusinessCalendar = { timeZone: 'Asia/Tokyo', days: WEEKDAYS, start: '09:00', end: '18:00' };
    expect(businessMinutesBetween('2026-11-22T23:00:00Z', '2026-11-23T10:00:00Z', tokyo)).toBe(540);
  });

  it('supports 24:00 closing and weekend-only desks', () => {
    // London (GMT in November) Sat+Sun 00:00–24:00; Fri 23:00Z → Mon 01:00Z covers all of Sat and Sun: 2 × 1440 = 2880.
    const weekend: BusinessCalendar = { timeZone: 'Europe/London', days: [6, 7], start: '00:00', end: '24:00' };
    expect(businessMinutesBetween('2026-11-20T23:00:00Z', '2026-11-23T01:00:00Z', weekend)).toBe(2880);
  });

  it('moves an opening time that falls in the spring-forward gap to after the gap', () => {
    // Sun 2026-03-29 Paris: 02:30 does not exist, it becomes 03:30 CEST (01:30Z); 04:00 CEST = 02:00Z: 30 min.
    const night: BusinessCalendar = { timeZone: 'Europe/Paris', days: [7], start: '02:30', end: '04:00' };
    expect(businessMinutesBetween('2026-03-29T00:00:00Z', '2026-03-29T03:00:00Z', night)).toBe(30);
  });

  it('is 0 for empty or reversed spans, fractional below a minute, and rejects unreadable times', () => {
    expect(businessMinutesBetween('2026-11-23T11:00:00Z', '2026-11-23T10:00:00Z', paris)).toBe(0);
    expect(businessMinutesBetween('2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z', paris)).toBe(0);
    // 30 seconds = 0.5 min.
    expect(businessMinutesBetween('2026-11-23T10:00:00Z', '2026-11-23T10:00:30Z', paris)).toBe(0.5);
    expect(() => businessMinutesBetween('yesterday', '2026-11-23T10:00:00Z', paris)).toThrow(RangeError);
  });

  it('accepts offsets other than Z in the instants', () => {
    // 10:00+01:00 = 09:00Z = 10:00 Paris; 12:30+01:00 = 12:30 Paris: 150.
    expect(businessMinutesBetween('2026-11-23T10:00:00+01:00', '2026-11-23T12:30:00+01:00', paris)).toBe(150);
  });
});

describe('BusinessCalendarSchema', () => {
  it('accepts a valid calendar', () => {
    expect(BusinessCalendarSchema.safeParse({ ...paris, holidays: ['2026-12-25'] }).success).toBe(true);
    expect(BusinessCalendarSchema.safeParse(allDayParis).success).toBe(true);
  });
  it.each([
    ['an unknown zone', { ...paris, timeZone: 'Mars/Olympus' }],
    ['a weekday out of 1..7', { ...paris, days: [0, 1] }],
    ['no working day', { ...paris, days: [] }],
    ['a malformed time', { ...paris, start: '9:00' }],
    ['end before start', { ...paris, start: '18:00', end: '09:00' }],
    ['a malformed holiday', { ...paris, holidays: ['25/12/2026'] }],
  ])('rejects %s', (_, calendar) => {
    expect(BusinessCalendarSchema.safeParse(calendar).success).toBe(false);
  });
});

describe('wall-clock conversion cache', () => {
  it('gives what Intl gives for every instant, across DST transitions and in zones with half- and quarter-hour offsets', async () => {
    const { wallClockAsUtc, wallClockAsUtcIntl } = await import('../../../src/core/kpis/business-hours');
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Tehran'];
    const differ: string[] = [];
    // Every 7 seconds (ms included) through four hours around each 2026 transition, and irregular steps over a year.
    const starts = ['2026-03-29T00:00:00.123Z', '2026-10-25T00:00:00Z', '2026-03-08T05:00:00Z', '2026-11-01T04:00:00Z', '2026-04-04T14:00:00Z', '2026-10-03T14:00:00Z'];
    const instants = starts.flatMap((s) => Array.from({ length: 2057 }, (_, i) => Date.parse(s) + i * 7_001));
    for (let t = Date.parse('2026-01-01T00:00:00Z'), i = 0; i < 3000; i++) instants.push((t += 10_487_311));
    for (const z of zones) for (const t of instants) if (wallClockAsUtc(t, z) !== wallClockAsUtcIntl(t, z)) differ.push(`${z} ${new Date(t).toISOString()}`);
    expect(differ).toEqual([]);
  });
});
