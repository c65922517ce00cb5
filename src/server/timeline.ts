/**
 * "Theme volume over time": the top N themes of a range (by volume) with one daily series each,
 * aligned to the same list of days, plus the rest of the themes summed, so a stacked chart adds up
 * to the range's total. Reads the same theme × day × segment aggregates as the query stage.
 */
import { segmentKey } from '../core/aggregation/keys';
import { addDays } from '../core/storage-layout';
import type { KeyValueTable } from '../ports';
import { areasOf, resolveRange, themeDayRows, themeLabels, type ThemesQuery } from '../stages/query';
import { InvalidQuery } from './errors';

export interface TimelineQuery extends Omit<ThemesQuery, 'sort'> {
  /** How many themes (or areas) get a series of their own. @default 8 */
  limit?: number;
  /** one series per theme (default) or per area */
  by?: 'theme' | 'area';
}

export interface ThemeSeries {
  id: string;
  label: string;
  volume: number;
  negative: number;
  /** Conversations per day, one number per entry of `days`. */
  points: number[];
}

export interface TimelineResult {
  from: string;
  to: string;
  segment: string;
  days: string[];
  total: number;
  /** The top themes, largest first. */
  series: ThemeSeries[];
  /** Every other theme, summed per day (0 everywhere when all themes have a series). */
  rest: number[];
}

export const DEFAULT_TIMELINE_THEMES = 8;
/** One daily series per theme is fine for a year or two; longer ranges belong in the CSV export. */
export const MAX_TIMELINE_DAYS = 731;

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length <= MAX_TIMELINE_DAYS; d = addDays(d, 1)) days.push(d);
  return days;
}

export async function themeTimeline(table: KeyValueTable, q: TimelineQuery = {}): Promise<TimelineResult> {
  const { from, to } = await resolveRange(table, q);
  const segment = segmentKey({ lang: q.lang, channel: q.channel, segment: q.segment, team: q.team, source: q.source });
  const days = daysBetween(from, to);
  if (days.length > MAX_TIMELINE_DAYS) throw new InvalidQuery(`from ${from} to ${to} is more than ${MAX_TIMELINE_DAYS} days: narrow the range`);
  const index = new Map(days.map((d, i) => [d, i]));

  const byTheme = new Map<string, ThemeSeries>();
  const rest = days.map(() => 0);
  let total = 0;
  const rows = await themeDayRows(table, segment, from, to);
  // By area: each row counts for the area its theme rolls up into.
  const areaOf = q.by === 'area' ? areasOf(await themeLabels(table, [...new Set(rows.map((r) => r.themeId))]), rows.map((r) => ({ id: r.themeId, label: r.label }))) : undefined;
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined) continue;
    const key = areaOf?.get(r.themeId) ?? { id: r.themeId, label: r.label };
    let s = byTheme.get(key.id);
    if (!s) byTheme.set(key.id, (s = { id: key.id, label: key.label, volume: 0, negative: 0, points: days.map(() => 0) }));
    s.points[i]! += r.volume;
    s.volume += r.volume;
    s.negative += r.negative;
    total += r.volume;
  }
  const ranked = [...byTheme.values()].filter((s) => s.volume > 0).sort((a, b) => b.volume - a.volume || a.id.localeCompare(b.id));
  const top = ranked.slice(0, q.limit ?? DEFAULT_TIMELINE_THEMES);
  for (const s of ranked.slice(top.length)) s.points.forEach((n, i) => (rest[i]! += n));
  if (!areaOf) {
    const metas = await themeLabels(table, top.map((s) => s.id));
    for (const s of top) s.label = (metas.get(s.id)?.label as string | undefined) ?? s.label;
  }
  return { from, to, segment, days, total, series: top, rest };
}
