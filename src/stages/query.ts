/** QUERY: what the API, the CLI and the dashboard read. Only the table, never the bucket. */
import type { ThemeDayAggregate } from '../core/aggregation/aggregate';
import { fromSegmentDayItem } from '../core/aggregation/segment-day';
import { ALL_SEGMENT, keys, monthsBetween, segmentKey } from '../core/aggregation/keys';
import { RISING, sortThemes, summariseThemes, type ThemeSort, type ThemeSummary } from '../core/aggregation/ranking';
import { addDays, assertDay } from '../core/storage-layout';
import { assertKnownFilterValues } from './segment-values';
import type { KeyValueTable, TableItem } from '../ports';
import type { RunSummary } from './finalize';
import { InvalidInput } from '../core/errors';
import { regroupThemeDays } from '../core/aggregation/combine';
import { resolveTheme, type CurationState } from '../core/curation/edits';
import { curateThemeEntry } from '../core/curation/entries';
import { loadCurationState } from './curation';

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

export interface AreaSummary extends ThemeSummary {
  /** its themes in this range, largest first */
  themeIds: string[];
}

export interface ThemesResult {
  from: string;
  to: string;
  segment: string;
  sort: ThemeSort;
  total: number;
  /** of `total`, conversations in a language without a sentiment lexicon (no sentiment read) */
  unscored: number;
  themes: ThemeSummary[];
  /** the areas the themes roll up into (every area with conversations in the range), in the same order */
  areas: AreaSummary[];
}

export const DEFAULT_RANGE_DAYS = 30;
/** Quotes one theme shows: representative ones first, then the range's most negative. */
const QUOTES_SHOWN = 8;

export async function latestState(table: KeyValueTable): Promise<{ runId: string; latestDay: string; firstDay?: string } | undefined> {
  const item = await table.get(keys.latest());
  return item ? { runId: item.runId as string, latestDay: item.latestDay as string, ...(item.firstDay ? { firstDay: item.firstDay as string } : {}) } : undefined;
}

/** The longest range a query reads when the data's own first and last day are not known (one query per month and segment): ten years. */
export const MAX_RANGE_DAYS = 3653;

/**
 * Range defaults: `to` is the newest day the last run aggregated, `from` 30 days before. A day given beyond the data's
 * own first or last day is brought back to it: there is nothing out there, and `to=9999-12-31` must not cost a read
 * of every month until then.
 */
export async function resolveRange(table: KeyValueTable, q: { from?: string; to?: string }): Promise<{ from: string; to: string }> {
  const asked = { from: q.from === undefined ? undefined : assertDay(q.from), to: q.to === undefined ? undefined : assertDay(q.to) };
  const state = await latestState(table);
  let to = asked.to ?? state?.latestDay ?? new Date().toISOString().slice(0, 10);
  let from = asked.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) throw new InvalidInput(`the range starts after it ends (from ${from}, to ${to})`, { accepted: ['from and to as YYYY-MM-DD, from on or before to'] });
  // Past the data's ends: an empty range there costs one day, not centuries.
  if (asked.to && state?.latestDay && to > state.latestDay) to = from > state.latestDay ? from : state.latestDay;
  if (asked.from && state?.firstDay && from < state.firstDay) from = to < state.firstDay ? to : state.firstDay;
  // Without the data's own ends (no run yet, or a LATEST written before firstDay was kept), a range is capped instead.
  const bounded = Boolean(state?.latestDay && state.firstDay);
  if (!bounded && daysApart(from, to) >= MAX_RANGE_DAYS) throw new InvalidInput(`from ${from} to ${to} is more than ${MAX_RANGE_DAYS} days: narrow the range`);
  return { from, to };
}

const daysApart = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/**
 * The segment × day aggregates of a range, each theme counted where the product team's edits send it (merged
 * themes' under the theme that received them, hidden ones' under «other»). The nightly run stores them that way
 * already; this shows an edit made since at once. Edits that need the conversations (splits) wait for the night.
 */
export async function themeDayRows(table: KeyValueTable, segment: string, from: string, to: string, curation?: CurationState): Promise<ThemeDayAggregate[]> {
  const state = curation ?? (await loadCurationState(table));
  const rows = await storedThemeDayRows(table, segment, from, to);
  return state.mergedInto.size || state.hidden.size ? regroupThemeDays(rows, (id) => resolveTheme(state, id)) : rows;
}

async function storedThemeDayRows(table: KeyValueTable, segment: string, from: string, to: string): Promise<ThemeDayAggregate[]> {
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
export async function themeLabels(table: KeyValueTable, ids: string[], curation?: CurationState): Promise<Map<string, TableItem>> {
  const state = curation ?? (await loadCurationState(table));
  const metas = await table.getMany(ids.map((id) => keys.themeMeta(id)));
  return new Map(ids.flatMap((id, i) => (metas[i] ? [[id, curatedMeta(metas[i]!, state)] as const] : [])));
}

/** A catalogue entry as the edits made since the last night leave it (label, area, merged, hidden). */
function curatedMeta(meta: TableItem, state: CurationState): TableItem {
  if (!state.touched.size || typeof meta.themeId !== 'string') return meta;
  const area = (meta.area as { id: string; label: string } | undefined) ?? { id: meta.themeId, label: meta.label as string };
  return curateThemeEntry({ ...meta, themeId: meta.themeId, label: meta.label as string, area }, state) as TableItem;
}

/** Every theme of a range summarised, with its area, and the rows behind them (read back far enough for rising). */
async function summarisedRange(table: KeyValueTable, q: ThemesQuery) {
  const { from, to } = await resolveRange(table, q);
  await assertKnownFilterValues(table, q);
  const segment = segmentKey({ lang: q.lang, channel: q.channel, segment: q.segment, team: q.team, source: q.source });
  // Rising compares the last week with the four before it, so read back far enough for both.
  const readFrom = [from, addDays(to, -(RISING.recentDays + RISING.baselineDays - 1))].sort()[0]!;
  const curation = await loadCurationState(table);
  const rows = await themeDayRows(table, segment, readFrom, to, curation);
  const metas = await themeLabels(table, [...new Set(rows.map((r) => r.themeId))], curation);
  const labels = new Map([...metas].map(([id, m]) => [id, m.label as string]));
  const summaries = summariseThemes(rows, from, to, labels);
  const areaOf = areasOf(metas, summaries);
  for (const s of summaries) {
    s.area = areaOf.get(s.id);
    const gloss = metas.get(s.id)?.gloss as string | undefined;
    if (gloss) s.gloss = gloss;
  }
  return { from, to, segment, rows, metas, summaries, areaOf };
}

export async function topThemes(table: KeyValueTable, q: ThemesQuery = {}): Promise<ThemesResult> {
  const { from, to, segment, rows, summaries, areaOf } = await summarisedRange(table, q);
  const sort = q.sort ?? 'volume';
  const total = summaries.reduce((n, s) => n + s.volume, 0);
  const unscored = summaries.reduce((n, s) => n + s.unscored, 0);
  // Infinity: every theme (the CSV exports).
  const limit = q.limit ?? 20;
  return { from, to, segment, sort, total, unscored, themes: sortThemes(summaries, sort).slice(0, limit), areas: summariseAreas(rows, from, to, summaries, areaOf, sort) };
}

export interface AreaDetail {
  id: string;
  label: string;
  from: string;
  to: string;
  segment: string;
  summary?: AreaSummary;
  /** its themes in the range, largest first */
  themes: ThemeSummary[];
  timeline: ThemeDetail['timeline'];
  /** representative quotes of its largest themes */
  quotes: ThemeDetail['quotes'];
}

/** One area: its measures, its themes, its daily timeline and quotes of its largest themes. */
export async function areaDetail(table: KeyValueTable, id: string, q: ThemesQuery = {}): Promise<AreaDetail | undefined> {
  const { from, to, segment, rows, metas, summaries, areaOf } = await summarisedRange(table, q);
  const themes = sortThemes(summaries.filter((t) => areaOf.get(t.id)?.id === id), 'volume');
  const meta = await table.get(keys.areaMeta(id));
  if (!themes.length && !meta) return undefined;
  const summary = summariseAreas(rows, from, to, summaries, areaOf, 'volume').find((a) => a.id === id);
  const byDay = new Map<string, ThemeDetail['timeline'][number] & { sentimentSum: number }>();
  const inArea = new Set(themes.map((t) => t.id));
  for (const r of rows) {
    if (!inArea.has(r.themeId) || r.day < from || r.day > to) continue;
    const d = byDay.get(r.day) ?? { day: r.day, volume: 0, negative: 0, neutral: 0, positive: 0, avgSentiment: 0, sentimentSum: 0 };
    d.volume += r.volume;
    d.negative += r.negative;
    d.neutral += r.neutral;
    d.positive += r.positive;
    d.sentimentSum += r.sentimentSum;
    byDay.set(r.day, d);
  }
  const quotes = themes
    .slice(0, QUOTES_SHOWN)
    .flatMap((t) => ((metas.get(t.id)?.quotes as Array<{ conversationId: string; text: string }> | undefined) ?? []).filter((x) => typeof x === 'object').slice(0, 1));
  return {
    id,
    label: summary?.label ?? (meta?.label as string | undefined) ?? id,
    from,
    to,
    segment,
    summary,
    themes,
    timeline: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)).map(({ sentimentSum, ...d }) => ({ ...d, avgSentiment: d.volume ? Number((sentimentSum / d.volume).toFixed(3)) : 0 })),
    quotes,
  };
}

/** Each theme's area, from its catalogue entry; a theme without one (stored before areas existed) is an area of its own. */
export function areasOf(metas: Map<string, TableItem>, themes: Array<{ id: string; label: string }>): Map<string, { id: string; label: string }> {
  return new Map(themes.map((t) => [t.id, (metas.get(t.id)?.area as { id: string; label: string } | undefined) ?? { id: t.id, label: t.label }]));
}

/** Area summaries: the same measures as a theme's, over the rows of all its themes (rising included). */
function summariseAreas(rows: ThemeDayAggregate[], from: string, to: string, themes: ThemeSummary[], areaOf: Map<string, { id: string; label: string }>, sort: ThemeSort): AreaSummary[] {
  const areaRows = rows.map((r) => ({ ...r, themeId: areaOf.get(r.themeId)?.id ?? r.themeId }));
  const labels = new Map([...areaOf.values()].map((a) => [a.id, a.label]));
  const members = new Map<string, ThemeSummary[]>();
  for (const t of sortThemes(themes, 'volume')) {
    const id = areaOf.get(t.id)?.id ?? t.id;
    members.set(id, [...(members.get(id) ?? []), t]);
  }
  return sortThemes(summariseThemes(areaRows, from, to, labels), sort).map((a) => ({ ...a, themeIds: (members.get(a.id) ?? []).filter((t) => t.volume > 0 || t.recent > 0).map((t) => t.id) }));
}

export interface ThemeDetail {
  id: string;
  label: string;
  area?: { id: string; label: string };
  keyphrases: string[];
  lang?: string;
  /** what a non-English theme is about, in English */
  gloss?: string;
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
  /** the product team's edits (docs/CURATION.md): the label discovery gave it, the theme it counts under, hidden, the edits' ids */
  discoveredLabel?: string;
  mergedInto?: string;
  hidden?: boolean;
  edits?: string[];
}

export async function themeDetail(table: KeyValueTable, id: string, q: ThemesQuery = {}): Promise<ThemeDetail | undefined> {
  const { from, to } = await resolveRange(table, q);
  const segment = segmentKey({ lang: q.lang, channel: q.channel, segment: q.segment, team: q.team, source: q.source });
  const curation = await loadCurationState(table);
  const meta = (await themeLabels(table, [id], curation)).get(id);
  const readFrom = [from, addDays(to, -(RISING.recentDays + RISING.baselineDays - 1))].sort()[0]!;
  const rows = (await themeDayRows(table, segment, readFrom, to, curation)).filter((r) => r.themeId === id);
  if (!meta && rows.length === 0) return undefined;
  const inRange = rows.filter((r) => r.day >= from && r.day <= to);
  // Representative quotes (near the theme's centre, from discovery) first, then the most negative of the range.
  const representative = ((meta?.quotes as Array<string | { conversationId: string; text: string }> | undefined) ?? []).map((q) => (typeof q === 'string' ? { text: q } : q));
  const negative = (segment === ALL_SEGMENT ? inRange : []).flatMap((r) => r.quotes ?? []).sort((a, b) => a.score - b.score);
  const quotes = distinctQuotes([...representative, ...negative]);
  const label = (meta?.label as string | undefined) ?? rows[0]?.label ?? id;
  return {
    id,
    label,
    area: (meta?.area as { id: string; label: string } | undefined) ?? { id, label },
    keyphrases: (meta?.keyphrases as string[] | undefined) ?? [],
    lang: meta?.lang as string | undefined,
    gloss: meta?.gloss as string | undefined,
    concepts: (meta?.concepts as string[] | undefined) ?? [],
    related: (meta?.related as ThemeDetail['related'] | undefined) ?? [],
    from,
    to,
    segment,
    timeline: inRange
      .sort((a, b) => a.day.localeCompare(b.day))
      .map((r) => ({ day: r.day, volume: r.volume, negative: r.negative, neutral: r.neutral, positive: r.positive, avgSentiment: r.volume ? Number((r.sentimentSum / r.volume).toFixed(3)) : 0 })),
    quotes: quotes.slice(0, QUOTES_SHOWN),
    summary: summariseThemes(rows, from, to)[0],
    ...(meta?.discoveredLabel ? { discoveredLabel: meta.discoveredLabel as string } : {}),
    ...(meta?.mergedInto ? { mergedInto: meta.mergedInto as string } : {}),
    ...(meta?.hidden ? { hidden: true } : {}),
    ...(Array.isArray(meta?.edits) ? { edits: meta.edits as string[] } : {}),
  };
}

/** Quotes that say something different, in order: the same words (case and punctuation aside) are one quote. */
export function distinctQuotes<Q extends { text: string }>(quotes: Q[]): Q[] {
  const seen = new Set<string>();
  return quotes.filter((q) => {
    const key = q.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
  if (days.length > MAX_TIMELINE_DAYS) throw new InvalidInput(`from ${from} to ${to} is more than ${MAX_TIMELINE_DAYS} days: narrow the range`);
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
