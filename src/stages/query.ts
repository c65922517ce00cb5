/** QUERY: what the API, the CLI and the dashboard read. Only the table, never the bucket. */
import type { ThemeDayAggregate } from '../core/aggregation/aggregate';
import { fromSegmentDayItem } from '../core/aggregation/segment-day';
import { ALL_SEGMENT, keys, monthsBetween, segmentKey } from '../core/aggregation/keys';
import { RISING, sortThemes, summariseThemes, type ThemeSort, type ThemeSummary } from '../core/aggregation/ranking';
import { addDays, assertDay } from '../core/storage-layout';
import type { KeyValueTable, TableItem } from '../ports';
import type { RunSummary } from './finalize';
import { InvalidQuery } from '../server/errors';

export interface ThemesQuery {
  from?: string;
  to?: string;
  lang?: string;
  channel?: string;
  segment?: string;
  team?: string;
  source?: string;
  sort?: ThemeSort;
  limit?: number;
}

export interface ThemesResult {
  from: string;
  to: string;
  segment: string;
  sort: ThemeSort;
  total: number;
  themes: ThemeSummary[];
}

export const DEFAULT_RANGE_DAYS = 30;

export async function latestState(table: KeyValueTable): Promise<{ runId: string; latestDay: string } | undefined> {
  const item = await table.get(keys.latest());
  return item ? { runId: item.runId as string, latestDay: item.latestDay as string } : undefined;
}

/** Range defaults: `to` is the newest day the last run aggregated, `from` 30 days before. */
export async function resolveRange(table: KeyValueTable, q: { from?: string; to?: string }): Promise<{ from: string; to: string }> {
  const to = q.to ? assertDay(q.to) : ((await latestState(table))?.latestDay ?? new Date().toISOString().slice(0, 10));
  const from = q.from ? assertDay(q.from) : addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
  return { from, to };
}

export async function themeDayRows(table: KeyValueTable, segment: string, from: string, to: string): Promise<ThemeDayAggregate[]> {
  const rows: ThemeDayAggregate[] = [];
  for (const month of monthsBetween(from, to)) {
    // One item per segment × day holds every theme's aggregate (docs/STORAGE.md).
    for await (const item of table.query({ partition: keys.segmentMonth(segment, month), between: [`DAY#${from}`, `DAY#${to}~`] })) {
      rows.push(...fromSegmentDayItem(item));
    }
  }
  return rows;
}

/** Catalogue entries of the given themes, fetched in parallel (a themes query names ~100). */
export async function themeLabels(table: KeyValueTable, ids: string[]): Promise<Map<string, TableItem>> {
  const metas = await table.getMany(ids.map((id) => keys.themeMeta(id)));
  return new Map(ids.flatMap((id, i) => (metas[i] ? [[id, metas[i]!] as const] : [])));
}

export async function topThemes(table: KeyValueTable, q: ThemesQuery = {}): Promise<ThemesResult> {
  const { from, to } = await resolveRange(table, q);
  const segment = segmentKey({ lang: q.lang, channel: q.channel, segment: q.segment, team: q.team, source: q.source });
  const sort = q.sort ?? 'volume';
  // Rising compares the last week with the four before it, so read back far enough for both.
  const readFrom = [from, addDays(to, -(RISING.recentDays + RISING.baselineDays - 1))].sort()[0]!;
  const rows = await themeDayRows(table, segment, readFrom, to);
  const metas = await themeLabels(table, [...new Set(rows.map((r) => r.themeId))]);
  const labels = new Map([...metas].map(([id, m]) => [id, m.label as string]));
  const summaries = summariseThemes(rows, from, to, labels);
  const total = summaries.reduce((n, s) => n + s.volume, 0);
  const limit = q.limit ?? 20;
  return { from, to, segment, sort, total, themes: sortThemes(summaries, sort).slice(0, limit) };
}

export interface ThemeDetail {
  id: string;
  label: string;
  keyphrases: string[];
  lang?: string;
  /** support concepts the theme's messages mention (core/analysis/concepts.ts), e.g. "refund" */
  concepts: string[];
  /** themes in other languages about the same concepts */
  related: { id: string; lang: string; label: string; shared: string[] }[];
  from: string;
  to: string;
  segment: string;
  timeline: { day: string; volume: number; negative: number; neutral: number; positive: number; avgSentiment: number }[];
  quotes: { conversationId?: string; text: string; score?: number }[];
  summary?: ThemeSummary;
}

export async function themeDetail(table: KeyValueTable, id: string, q: ThemesQuery = {}): Promise<ThemeDetail | undefined> {
  const { from, to } = await resolveRange(table, q);
  const segment = segmentKey({ lang: q.lang, channel: q.channel, segment: q.segment, team: q.team, source: q.source });
  const meta = await table.get(keys.themeMeta(id));
  const readFrom = [from, addDays(to, -(RISING.recentDays + RISING.baselineDays - 1))].sort()[0]!;
  const rows = (await themeDayRows(table, segment, readFrom, to)).filter((r) => r.themeId === id);
  if (!meta && rows.length === 0) return undefined;
  const inRange = rows.filter((r) => r.day >= from && r.day <= to);
  const quotes = (segment === ALL_SEGMENT ? inRange : [])
    .flatMap((r) => r.quotes ?? [])
    .sort((a, b) => a.score - b.score)
    .slice(0, 5);
  const fallbackQuotes = ((meta?.quotes as string[] | undefined) ?? []).map((text) => ({ text }));
  return {
    id,
    label: (meta?.label as string | undefined) ?? rows[0]?.label ?? id,
    keyphrases: (meta?.keyphrases as string[] | undefined) ?? [],
    lang: meta?.lang as string | undefined,
    concepts: (meta?.concepts as string[] | undefined) ?? [],
    related: (meta?.related as ThemeDetail['related'] | undefined) ?? [],
    from,
    to,
    segment,
    timeline: inRange
      .sort((a, b) => a.day.localeCompare(b.day))
      .map((r) => ({ day: r.day, volume: r.volume, negative: r.negative, neutral: r.neutral, positive: r.positive, avgSentiment: r.volume ? Number((r.sentimentSum / r.volume).toFixed(3)) : 0 })),
    quotes: quotes.length ? quotes : fallbackQuotes,
    summary: summariseThemes(rows, from, to)[0],
  };
}

export async function listRuns(table: KeyValueTable, limit = 10): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  for await (const item of table.query({ index: 'GSI1', partition: 'RUNS' })) runs.push(item as unknown as RunSummary);
  return runs.reverse().slice(0, limit);
}

export interface SourceWatermark {
  source: string;
  /** Newest updatedAt ingested from this source: the start_time of its next incremental export. */
  updatedAt: string;
}

export async function listWatermarks(table: KeyValueTable): Promise<SourceWatermark[]> {
  const out: SourceWatermark[] = [];
  for await (const item of table.query({ index: 'GSI1', partition: 'SOURCES' })) out.push({ source: item.source as string, updatedAt: item.updatedAt as string });
  return out;
}

/**
 * "Theme volume over time": the top N themes of a range (by volume) with one daily series each,
 * aligned to the same list of days, plus the rest of the themes summed, so a stacked chart adds up
 * to the range's total. Reads the same segment × day aggregates as topThemes.
 */
export interface TimelineQuery extends Omit<ThemesQuery, 'sort'> {
  /** How many themes get a series of their own. @default 8 */
  limit?: number;
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
  for (const r of await themeDayRows(table, segment, from, to)) {
    const i = index.get(r.day);
    if (i === undefined) continue;
    let s = byTheme.get(r.themeId);
    if (!s) byTheme.set(r.themeId, (s = { id: r.themeId, label: r.label, volume: 0, negative: 0, points: days.map(() => 0) }));
    s.points[i]! += r.volume;
    s.volume += r.volume;
    s.negative += r.negative;
    total += r.volume;
  }
  const ranked = [...byTheme.values()].filter((s) => s.volume > 0).sort((a, b) => b.volume - a.volume || a.id.localeCompare(b.id));
  const top = ranked.slice(0, q.limit ?? DEFAULT_TIMELINE_THEMES);
  for (const s of ranked.slice(top.length)) s.points.forEach((n, i) => (rest[i]! += n));
  const metas = await themeLabels(table, top.map((s) => s.id));
  for (const s of top) s.label = (metas.get(s.id)?.label as string | undefined) ?? s.label;
  return { from, to, segment, days, total, series: top, rest };
}
