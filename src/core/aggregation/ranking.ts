/**
 * Theme summaries over a date range and the "rising" test: is a theme's volume in the most recent
 * week above what its trailing four weeks predict? A Poisson z-score with a minimum count keeps
 * small themes from shouting.
 */
import type { ThemeDayAggregate } from './aggregate';
import { MIN_RATE_N } from './sample-size';

export type ThemeSort = 'volume' | 'negative' | 'rising';

export interface ThemeSummary {
  id: string;
  label: string;
  /** the area the theme rolls up into (absent on area summaries themselves) */
  area?: { id: string; label: string };
  /** what a non-English theme is about, in English */
  gloss?: string;
  volume: number;
  share: number;
  negative: number;
  neutral: number;
  positive: number;
  /** conversations in a language without a sentiment lexicon: not in the three counts, the shares or the average */
  unscored: number;
  /** share of the scored conversations */
  negativeShare: number;
  /** over the scored conversations */
  avgSentiment: number;
  /** CSAT (sample-size.ts): rated 4–5 ÷ rated, over `csatRated` rated conversations; undefined when none is rated. */
  csatRate?: number;
  csatRated: number;
  firstResponseMinutes?: number;
  improved: number;
  worsened: number;
  /** Rising test: last `recentDays` vs the `baselineDays` before them. */
  recent: number;
  baselinePerWeek: number;
  risingScore: number;
  /** Emerging: no conversations in the baseline weeks, and at least the minimum count recently. */
  emerging: boolean;
}

export const RISING = { recentDays: 7, baselineDays: 28, minRecent: 5 } as const;

function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

/** z-score of the recent count against the Poisson expectation from the baseline rate. */
export function risingScore(recent: number, baseline: number, recentDays: number = RISING.recentDays, baselineDays: number = RISING.baselineDays): number {
  if (recent < RISING.minRecent) return 0;
  const expected = (baseline / baselineDays) * recentDays;
  // +1 smoothing: a theme with no history is new, not infinitely rising.
  return Number(((recent - expected) / Math.sqrt(expected + 1)).toFixed(3));
}

/**
 * @param rows theme-day aggregates of one segment covering at least [from - baselineDays, to]
 */
export function summariseThemes(rows: ThemeDayAggregate[], from: string, to: string, labels: Map<string, string> = new Map()): ThemeSummary[] {
  const acc = new Map<string, ThemeSummary & { csatSatisfied: number; frtSum: number; frtCount: number; sentimentSum: number; baseline: number }>();
  let total = 0;
  for (const r of rows) {
    let s = acc.get(r.themeId);
    if (!s) {
      s = {
        id: r.themeId, label: labels.get(r.themeId) ?? r.label, volume: 0, share: 0, negative: 0, neutral: 0, positive: 0, unscored: 0, negativeShare: 0, avgSentiment: 0,
        improved: 0, worsened: 0, recent: 0, baselinePerWeek: 0, risingScore: 0, emerging: false, csatRated: 0, csatSatisfied: 0, frtSum: 0, frtCount: 0, sentimentSum: 0, baseline: 0,
      };
      acc.set(r.themeId, s);
    }
    const fromEnd = dayDiff(to, r.day);
    if (fromEnd >= 0 && fromEnd < RISING.recentDays) s.recent += r.volume;
    else if (fromEnd >= RISING.recentDays && fromEnd < RISING.recentDays + RISING.baselineDays) s.baseline += r.volume;
    if (r.day < from || r.day > to) continue;
    total += r.volume;
    s.volume += r.volume;
    s.negative += r.negative;
    s.neutral += r.neutral;
    s.positive += r.positive;
    s.unscored += r.unscored ?? 0;
    s.sentimentSum += r.sentimentSum;
    s.improved += r.improved;
    s.worsened += r.worsened;
    s.csatRated += r.kpis?.csat.rated ?? 0;
    s.csatSatisfied += r.kpis?.csat.satisfied ?? 0;
    s.frtSum += r.firstResponseMinutesSum;
    s.frtCount += r.firstResponseCount;
  }
  const round = (x: number, d = 3) => Number(x.toFixed(d));
  return [...acc.values()]
    .filter((s) => s.volume > 0 || s.recent > 0)
    .map(({ csatSatisfied, frtSum, frtCount, sentimentSum, baseline, ...s }) => ({
      ...s,
      share: total ? round(s.volume / total) : 0,
      negativeShare: s.volume > s.unscored ? round(s.negative / (s.volume - s.unscored)) : 0,
      avgSentiment: s.volume > s.unscored ? round(sentimentSum / (s.volume - s.unscored)) : 0,
      csatRate: s.csatRated ? round(csatSatisfied / s.csatRated, 4) : undefined,
      firstResponseMinutes: frtCount ? Math.round(frtSum / frtCount) : undefined,
      baselinePerWeek: round((baseline / RISING.baselineDays) * 7, 1),
      risingScore: risingScore(s.recent, baseline),
      emerging: baseline === 0 && s.recent >= RISING.minRecent,
    }));
}

/** Negative sort needs enough scored conversations to mean something: themes below MIN_RATE_N come after the rest, by volume. */
export const MIN_VOLUME_FOR_NEGATIVE_SORT = MIN_RATE_N;

export function sortThemes(themes: ThemeSummary[], sort: ThemeSort): ThemeSummary[] {
  const byVolume = (a: ThemeSummary, b: ThemeSummary) => b.volume - a.volume || a.id.localeCompare(b.id);
  const sorted = [...themes];
  if (sort === 'volume') return sorted.sort(byVolume);
  if (sort === 'negative') {
    return sorted.sort((a, b) => {
      const ra = a.volume - a.unscored >= MIN_VOLUME_FOR_NEGATIVE_SORT ? a.negativeShare : -1;
      const rb = b.volume - b.unscored >= MIN_VOLUME_FOR_NEGATIVE_SORT ? b.negativeShare : -1;
      return rb - ra || byVolume(a, b);
    });
  }
  return sorted.sort((a, b) => b.risingScore - a.risingScore || byVolume(a, b));
}
