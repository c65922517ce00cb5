/**
 * KPI and quality-signal reports over any date range, read from the daily aggregates: per theme
 * (within one segment) or per team / channel / language / source / customer segment.
 */
import type { GoodwillTotals, ThemeDayAggregate, WowExample } from '../core/aggregation/aggregate';
import { ALL_SEGMENT, keys, segmentKey } from '../core/aggregation/keys';
import { InvalidInput } from '../core/errors';
// The modules themselves, not core/kpis' index: the query Lambda should not bundle the analysis code.
import { mergeKpiAggregates, summariseKpis, type KpiSummary } from '../core/kpis/kpi-aggregate';
import { isoWeek } from '../core/kpis/qa-sample';
import type { KeyValueTable } from '../ports';
import { areasOf, resolveRange, themeDayRows, themeLabels, type ThemesQuery } from './query';

import type { KpiDimension } from './kpi-dimensions';
import { assertKnownFilterValues, listSegments } from './segment-values';
import { MIN_RATE_N } from '../core/aggregation/sample-size';
import { reportKeys } from '../core/aggregation/keys';
import type { KpiConfig } from '../core/kpis/conversation-kpis';
export { KPI_DIMENSIONS, type KpiDimension } from './kpi-dimensions';

export interface KpiRow {
  key: string;
  label: string;
  volume: number;
  kpis: KpiSummary;
  goodwill: GoodwillTotals;
  wow: number;
  wowExamples: WowExample[];
  agentTone?: number;
  avgSentiment: number;
}

export interface KpiReport {
  from: string;
  to: string;
  by: KpiDimension;
  segment: string;
  sort: KpiSort;
  /** The SLA targets and business hours the conversations were judged against (as of the last run); null before one. */
  targets: { sla: KpiConfig['sla'] | null; businessCalendar: KpiConfig['businessCalendar'] | null } | null;
  /** Rates from fewer than this many judged or rated conversations are greyed / starred (sample-size.ts). */
  minN: number;
  rows: KpiRow[];
}

/** What a KPI table can be sorted by. Rates sort worst first, and rows with fewer than MIN_RATE_N behind the rate go last. */
export const KPI_SORTS = ['volume', 'sla-first-response', 'sla-resolution', 'first-response', 'resolution', 'csat', 'reopened'] as const;
export type KpiSort = (typeof KPI_SORTS)[number];

const KPI_SORT_KEY: Record<Exclude<KpiSort, 'volume'>, (r: KpiRow) => { value?: number; n: number; worstFirst: 'low' | 'high' }> = {
  'sla-first-response': (r) => ({ value: r.kpis.slaFirstResponseRate, n: r.kpis.slaFirstResponseJudged, worstFirst: 'low' }),
  'sla-resolution': (r) => ({ value: r.kpis.slaResolutionRate, n: r.kpis.slaResolutionJudged, worstFirst: 'low' }),
  'first-response': (r) => ({ value: r.kpis.firstResponse.p50, n: r.kpis.firstResponse.count, worstFirst: 'high' }),
  resolution: (r) => ({ value: r.kpis.fullResolution.p50, n: r.kpis.fullResolution.count, worstFirst: 'high' }),
  csat: (r) => ({ value: r.kpis.csatRate, n: r.kpis.csatRated, worstFirst: 'low' }),
  reopened: (r) => ({ value: r.kpis.reopenRate, n: r.volume, worstFirst: 'high' }),
};

/** Rows in `sort` order: worst first for a measure, with too-small or empty rows after the rest (by volume). */
export function sortKpiRows(rows: KpiRow[], sort: KpiSort): KpiRow[] {
  const byVolume = (a: KpiRow, b: KpiRow) => b.volume - a.volume || a.key.localeCompare(b.key);
  if (sort === 'volume') return [...rows].sort(byVolume);
  const key = KPI_SORT_KEY[sort];
  const rank = (r: KpiRow) => {
    const k = key(r);
    if (k.value === undefined) return { tier: 2, v: 0 };
    return { tier: k.n < MIN_RATE_N ? 1 : 0, v: k.worstFirst === 'low' ? k.value : -k.value };
  };
  return [...rows].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra.tier - rb.tier || ra.v - rb.v || byVolume(a, b);
  });
}

function combine(key: string, label: string, rows: ThemeDayAggregate[]): KpiRow {
  const goodwill: GoodwillTotals = { conversations: 0, byKind: {}, amounts: {} };
  let wow = 0, toneSum = 0, toneCount = 0, volume = 0, sentimentSum = 0;
  const wowExamples: WowExample[] = [];
  for (const r of rows) {
    volume += r.volume;
    sentimentSum += r.sentimentSum;
    goodwill.conversations += r.goodwill?.conversations ?? 0;
    for (const [kind, n] of Object.entries(r.goodwill?.byKind ?? {})) goodwill.byKind[kind as keyof GoodwillTotals['byKind']] = (goodwill.byKind[kind as keyof GoodwillTotals['byKind']] ?? 0) + (n ?? 0);
    for (const [cur, amount] of Object.entries(r.goodwill?.amounts ?? {})) goodwill.amounts[cur] = Math.round(((goodwill.amounts[cur] ?? 0) + amount) * 100) / 100;
    wow += r.wow ?? 0;
    if (wowExamples.length < 5) wowExamples.push(...(r.wowExamples ?? []).slice(0, 5 - wowExamples.length));
    toneSum += r.agentToneSum ?? 0;
    toneCount += r.agentToneCount ?? 0;
  }
  return {
    key,
    label,
    volume,
    kpis: summariseKpis(mergeKpiAggregates(...rows.map((r) => r.kpis).filter(Boolean))),
    goodwill,
    wow,
    wowExamples,
    agentTone: toneCount ? Number((toneSum / toneCount).toFixed(3)) : undefined,
    avgSentiment: volume ? Number((sentimentSum / volume).toFixed(3)) : 0,
  };
}

export { listSegments };

export async function kpiReport(table: KeyValueTable, q: Omit<ThemesQuery, 'sort'> & { by?: KpiDimension; sort?: KpiSort } = {}): Promise<KpiReport> {
  const { from, to } = await resolveRange(table, q);
  await assertKnownFilterValues(table, q);
  const by = q.by ?? 'theme';
  const segment = segmentKey({ lang: q.lang, channel: q.channel, segment: q.segment, team: q.team, source: q.source });
  let rows: KpiRow[];
  if (by === 'theme' || by === 'area') {
    const all = await themeDayRows(table, segment, from, to);
    const byTheme = new Map<string, ThemeDayAggregate[]>();
    for (const r of all) byTheme.set(r.themeId, [...(byTheme.get(r.themeId) ?? []), r]);
    const metas = await themeLabels(table, [...byTheme.keys()]);
    const themes = [...byTheme].map(([id, rs]) => ({ id, label: (metas.get(id)?.label as string | undefined) ?? rs[0]!.label }));
    if (by === 'theme') rows = themes.map((t) => combine(t.id, t.label, byTheme.get(t.id)!));
    else {
      // An area's KPIs are its themes' merged (histograms merge exactly, so percentiles stay true).
      const areaOf = areasOf(metas, themes);
      const byArea = new Map<string, { label: string; rows: ThemeDayAggregate[] }>();
      for (const t of themes) {
        const a = areaOf.get(t.id)!;
        const entry = byArea.get(a.id) ?? { label: a.label, rows: [] };
        entry.rows.push(...byTheme.get(t.id)!);
        byArea.set(a.id, entry);
      }
      rows = [...byArea].map(([id, e]) => combine(id, e.label, e.rows));
    }
  } else {
    if (segment !== ALL_SEGMENT) throw new InvalidInput(`by=${by} reports every ${by}: a lang/channel/segment/team/source filter applies only with by=theme or by=area; drop the filter`);
    rows = [];
    for (const seg of await listSegments(table, by)) rows.push(combine(seg, seg.slice(by.length + 1), await themeDayRows(table, seg, from, to)));
  }
  const sort = q.sort ?? 'volume';
  const stored = await table.get(reportKeys.kpiTargets());
  const targets = stored ? { sla: (stored.sla as KpiConfig['sla']) ?? null, businessCalendar: (stored.businessCalendar as KpiConfig['businessCalendar']) ?? null } : null;
  return { from, to, by, segment, sort, targets, minN: MIN_RATE_N, rows: sortKpiRows(rows, sort) };
}

export interface ToneRow {
  team: string;
  week: string;
  messages: number;
  agentTone?: number;
  avgCustomerSentiment: number;
  volume: number;
}

/** Agent tone per team per ISO week: a team that is struggling shows up as a falling line. */
export async function toneByTeamAndWeek(table: KeyValueTable, q: { from?: string; to?: string } = {}): Promise<{ from: string; to: string; rows: ToneRow[] }> {
  const { from, to } = await resolveRange(table, q);
  const rows: ToneRow[] = [];
  for (const seg of await listSegments(table, 'team')) {
    const byWeek = new Map<string, ThemeDayAggregate[]>();
    for (const r of await themeDayRows(table, seg, from, to)) byWeek.set(isoWeek(r.day), [...(byWeek.get(isoWeek(r.day)) ?? []), r]);
    for (const [week, rs] of [...byWeek].sort()) {
      const toneCount = rs.reduce((n, r) => n + (r.agentToneCount ?? 0), 0);
      const volume = rs.reduce((n, r) => n + r.volume, 0);
      rows.push({
        team: seg.slice('team:'.length),
        week,
        messages: toneCount,
        agentTone: toneCount ? Number((rs.reduce((n, r) => n + (r.agentToneSum ?? 0), 0) / toneCount).toFixed(3)) : undefined,
        avgCustomerSentiment: volume ? Number((rs.reduce((n, r) => n + r.sentimentSum, 0) / volume).toFixed(3)) : 0,
        volume,
      });
    }
  }
  return { from, to, rows };
}
