/**
 * Adding theme × day aggregates of the same day and segment together: what a merged theme is, read from the
 * stored aggregates of its parts. Every measure is a count, a sum or a mergeable histogram, so the result is
 * exactly what aggregating the parts' conversations as one theme would give (quotes and examples excepted:
 * those are samples, kept as the most telling few).
 */
import { mergeKpiAggregates } from '../kpis/kpi-aggregate';
import type { GoodwillTotals, ThemeDayAggregate } from './aggregate';

const QUOTES = 3;
const WOW_EXAMPLES = 2;

function addGoodwill(into: GoodwillTotals, g: GoodwillTotals | undefined): void {
  if (!g) return;
  into.conversations += g.conversations;
  for (const [kind, n] of Object.entries(g.byKind)) into.byKind[kind as keyof GoodwillTotals['byKind']] = (into.byKind[kind as keyof GoodwillTotals['byKind']] ?? 0) + (n ?? 0);
  for (const [currency, amount] of Object.entries(g.amounts)) into.amounts[currency] = Math.round(((into.amounts[currency] ?? 0) + amount) * 100) / 100;
}

/** The aggregates of one day and segment as one theme `id`. */
export function combineThemeDays(rows: ThemeDayAggregate[], id: string, label: string): ThemeDayAggregate {
  const first = rows[0];
  if (!first) throw new Error('combineThemeDays needs at least one aggregate');
  const out: ThemeDayAggregate = {
    themeId: id,
    label,
    day: first.day,
    segment: first.segment,
    volume: 0,
    negative: 0,
    neutral: 0,
    positive: 0,
    sentimentSum: 0,
    improved: 0,
    worsened: 0,
    csatSum: 0,
    csatCount: 0,
    firstResponseMinutesSum: 0,
    firstResponseCount: 0,
    resolutionMinutesSum: 0,
    resolutionCount: 0,
    kpis: mergeKpiAggregates(...rows.map((r) => r.kpis).filter(Boolean)),
    goodwill: { conversations: 0, byKind: {}, amounts: {} },
    wow: 0,
    agentToneSum: 0,
    agentToneCount: 0,
  };
  const sums = ['volume', 'negative', 'neutral', 'positive', 'sentimentSum', 'improved', 'worsened', 'csatSum', 'csatCount', 'firstResponseMinutesSum', 'firstResponseCount', 'resolutionMinutesSum', 'resolutionCount', 'wow', 'agentToneSum', 'agentToneCount'] as const;
  for (const r of rows) {
    if (r.day !== out.day || r.segment !== out.segment) throw new Error(`cannot combine ${r.day}/${r.segment} with ${out.day}/${out.segment}`);
    for (const k of sums) out[k] += r[k] ?? 0;
    addGoodwill(out.goodwill, r.goodwill);
  }
  out.sentimentSum = Number(out.sentimentSum.toFixed(4));
  out.agentToneSum = Number(out.agentToneSum.toFixed(4));
  const quotes = rows.flatMap((r) => r.quotes ?? []);
  if (rows.some((r) => r.quotes)) out.quotes = quotes.sort((a, b) => a.score - b.score || a.conversationId.localeCompare(b.conversationId)).slice(0, QUOTES);
  if (rows.some((r) => r.wowExamples)) out.wowExamples = rows.flatMap((r) => r.wowExamples ?? []).slice(0, WOW_EXAMPLES);
  return out;
}

/**
 * Each aggregate counted under the theme `resolve` gives its id (a merged theme's parts under the theme they were
 * merged into), aggregates that land on the same theme, day and segment added together. Aggregates whose theme
 * does not move are returned as they are.
 */
export function regroupThemeDays(rows: ThemeDayAggregate[], resolve: (id: string) => string): ThemeDayAggregate[] {
  const groups = new Map<string, ThemeDayAggregate[]>();
  let moved = false;
  for (const r of rows) {
    const id = resolve(r.themeId);
    if (id !== r.themeId) moved = true;
    const key = `${r.day}\u0000${r.segment}\u0000${id}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  if (!moved) return rows;
  const out: ThemeDayAggregate[] = [];
  for (const list of groups.values()) {
    const id = resolve(list[0]!.themeId);
    const own = list.find((r) => r.themeId === id);
    out.push(list.length === 1 && own ? own : combineThemeDays(list, id, own?.label ?? id));
  }
  return out;
}
