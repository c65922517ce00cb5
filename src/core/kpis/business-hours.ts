/**
 * Business minutes between two instants on a weekly calendar in an IANA time zone.
 *
 * Why not add a fixed UTC offset: opening hours are wall-clock times, so 09:00 Paris is 08:00Z in
 * winter and 07:00Z in summer. Each local working day is turned into its own UTC window through
 * `Intl.DateTimeFormat` (no dependency), which makes spans across DST changes, weekends and
 * holidays come out right.
 */
import * as z from 'zod';

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const minutesOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const BusinessCalendarSchema = z
  .object({
    /** IANA zone the opening hours are written in, e.g. 'Europe/Paris'. */
    timeZone: z.string().refine(isValidTimeZone, { message: 'unknown IANA time zone' }),
    /** Working weekdays, ISO numbering: 1 = Monday … 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1),
    /** Local opening time 'HH:MM'. */
    start: z.string().regex(HH_MM, 'expected HH:MM'),
    /** Local closing time 'HH:MM' ('24:00' = midnight at the end of the day); after start. */
    end: z.string().regex(HH_MM, 'expected HH:MM'),
    /** Local dates 'YYYY-MM-DD' on which the desk is closed all day. */
    holidays: z.array(z.string().regex(LOCAL_DATE, 'expected YYYY-MM-DD')).optional(),
  })
  .refine((c) => minutesOfDay(c.end) > minutesOfDay(c.start), { message: 'end must be after start (overnight shifts are not supported)', path: ['end'] });
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalDate {
  y: number;
  m: number;
  d: number;
}

/** Wall-clock fields of an instant in a zone, read back as if they were UTC (ms), from Intl (slow: ~20 µs). */
export function wallClockAsUtcIntl(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(utcMs)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/**
 * A zone's offset is the same for every instant of a quarter hour unless a transition falls inside it, and
 * transitions (and local midnights) fall on quarter-hour boundaries when the offset is a whole number of
 * quarter hours: so one offset per zone and quarter hour, checked at both ends, stands for every instant in
 * between, and most instants need no Intl call. Buckets where the ends disagree are not cached.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, number | null>();
const OFFSET_CACHE_MAX = 100_000;

function quarterHourOffset(bucket: number, timeZone: string): number | null {
  const key = `${timeZone}\u0000${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const start = bucket * QUARTER_HOUR;
    const end = start + QUARTER_HOUR - 1000;
    const atStart = wallClockAsUtcIntl(start, timeZone) - start;
    const atEnd = wallClockAsUtcIntl(end, timeZone) - end;
    offset = atStart === atEnd && atStart % QUARTER_HOUR === 0 ? atStart : null;
    if (offsetCache.size >= OFFSET_CACHE_MAX) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/** Wall-clock fields of an instant in a zone, read back as if they were UTC (ms); whole seconds, as Intl gives them. */
export function wallClockAsUtc(utcMs: number, timeZone: string): number {
  const second = Math.floor(utcMs / 1000) * 1000;
  const offset = quarterHourOffset(Math.floor(second / QUARTER_HOUR), timeZone);
  return offset === null ? wallClockAsUtcIntl(utcMs, timeZone) : second + offset;
}

/** Zone offset (ms, local − UTC) in force at an instant. */
const offsetAt = (utcMs: number, timeZone: string): number => wallClockAsUtc(Math.floor(utcMs / 1000) * 1000, timeZone) - Math.floor(utcMs / 1000) * 1000;

/**
 * The instant at which local wall-clock `minutes` past midnight of `date` occurs. Times inside a
 * spring-forward gap move forward by the gap (02:30 → 03:30); repeated fall-back times take the
 * first occurrence. Opening hours rarely sit at 02:00, so this only matters for 24-hour calendars.
 */
function localToUtc(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d) + minutes * 60_000;
  const before = offsetAt(wall - 86_400_000 / 2, timeZone);
  const after = offsetAt(wall + 86_400_000 / 2, timeZone);
  // Try the earlier offset first (first occurrence on fall-back); keep it if it reads back the same wall time.
  const earlierFirst = before >= after ? [before, after] : [after, before];
  for (const offset of earlierFirst) {
    const utc = wall - offset;
    if (wallClockAsUtc(utc, timeZone) === wall) return utc;
  }
  // In a gap: no instant shows this wall time; the pre-transition offset lands just after the gap.
  return wall - before;
}

function localDateOf(utcMs: number, timeZone: string): LocalDate {
  const d = new Date(wallClockAsUtc(utcMs, timeZone));
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: LocalDate) => `${d.y}-${pad(d.m)}-${pad(d.d)}`;
/** ISO weekday, 1 = Monday … 7 = Sunday. */
const isoWeekday = (d: LocalDate) => new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay() || 7;
function nextDay(d: LocalDate): LocalDate {
  const n = new Date(Date.UTC(d.y, d.m - 1, d.d + 1));
  return { y: n.getUTCFullYear(), m: n.getUTCMonth() + 1, d: n.getUTCDate() };
}

/**
 * One local day's opening hours as UTC instants. Cached: formatting through Intl costs microseconds
 * and a night's KPI run asks for the same few hundred days over and over.
 */
const windowCache = new Map<string, [number, number]>();
const WINDOW_CACHE_MAX = 100_000;
function openingWindow(day: LocalDate, key: string, open: number, close: number, timeZone: string): [number, number] {
  const cacheKey = `${timeZone}|${key}|${open}|${close}`;
  let window = windowCache.get(cacheKey);
  if (!window) {
    if (windowCache.size >= WINDOW_CACHE_MAX) windowCache.clear();
    window = [localToUtc(day, open, timeZone), localToUtc(day, close, timeZone)];
    windowCache.set(cacheKey, window);
  }
  return window;
}

/**
 * Minutes between `fromIso` and `toIso` that fall inside the calendar's opening hours (fractional
 * when the instants are not on whole minutes); 0 when `to` is not after `from`.
 * Cost: one pass per local calendar day of the span.
 */
export function businessMinutesBetween(fromIso: string, toIso: string, calendar: BusinessCalendar): number {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError(`unreadable timestamp: ${Number.isFinite(from) ? toIso : fromIso}`);
  if (to <= from) return 0;
  const { timeZone } = calendar;
  const open = minutesOfDay(calendar.start);
  const close = minutesOfDay(calendar.end);
  const workdays = new Set(calendar.days);
  const holidays = new Set(calendar.holidays ?? []);
  const last = isoDate(localDateOf(to, timeZone));
  let total = 0;
  for (let day = localDateOf(from, timeZone); ; day = nextDay(day)) {
    const key = isoDate(day);
    if (workdays.has(isoWeekday(day)) && !holidays.has(key)) {
      const [windowStart, windowEnd] = openingWindow(day, key, open, close, timeZone);
      const overlap = Math.min(to, windowEnd) - Math.max(from, windowStart);
      if (overlap > 0) total += overlap;
    }
    if (key >= last) break;
  }
  return total / 60_000;
}
