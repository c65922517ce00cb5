/**
 * Turns one day's analysed conversations into theme × segment × day aggregate rows. The rows are
 * complete values (not increments), so writing them again after a re-run replaces them exactly:
 * that is what makes aggregation idempotent without transactions.
 */
import type { AnalysedConversation } from '../conversation-analysis';
import type { GoodwillKind } from '../kpis/goodwill';
import { addKpis, emptyKpiAggregate, type KpiAggregate } from '../kpis/kpi-aggregate';
import { ALL_SEGMENT } from './keys';

export interface GoodwillTotals {
  /** Conversations with at least one gesture. */
  conversations: number;
  byKind: Partial<Record<GoodwillKind, number>>;
  /** Stated amounts per currency (ISO code), e.g. { EUR: 42.5 }. */
  amounts: Record<string, number>;
}

export interface WowExample {
  conversationId: string;
  kind: 'recovery' | 'praise';
  evidence: string;
}

export interface Quote {
  conversationId: string;
  text: string;
  score: number;
}

export interface ThemeDayAggregate {
  themeId: string;
  label: string;
  day: string;
  segment: string;
  volume: number;
  negative: number;
  neutral: number;
  positive: number;
  /**
   * Conversations in a language without a sentiment lexicon: counted here, not in negative / neutral / positive (their
   * neutral label is the contract's placeholder, not a reading). Absent on items written before it existed.
   */
  unscored?: number;
  sentimentSum: number;
  improved: number;
  worsened: number;
  csatSum: number;
  csatCount: number;
  firstResponseMinutesSum: number;
  firstResponseCount: number;
  resolutionMinutesSum: number;
  resolutionCount: number;
  /** Only on the `all` segment: a few redacted quotes, most negative first. */
  quotes?: Quote[];
  /** Response times as mergeable histograms, SLA, CSAT, reopens (src/core/kpis). */
  kpis: KpiAggregate;
  goodwill: GoodwillTotals;
  /** Conversations with a wow moment (sharp recovery or praise for the agent). */
  wow: number;
  /** Only on `team:` segments: a couple of wow examples to learn from. */
  wowExamples?: WowExample[];
  agentToneSum: number;
  agentToneCount: number;
}

const QUOTES_PER_THEME_DAY = 3;
const WOW_EXAMPLES_PER_TEAM_DAY = 2;
const money = (x: number) => Math.round(x * 100) / 100;

/** The segments a conversation counts in: everything, plus one per dimension it has. */
export function segmentsOf(a: AnalysedConversation): string[] {
  const segs = [ALL_SEGMENT, `lang:${a.language}`, `channel:${a.channel}`, `source:${a.source}`];
  if (a.segment) segs.push(`segment:${a.segment}`);
  if (a.team) segs.push(`team:${a.team}`);
  return segs;
}

export function aggregateDay(day: string, rows: AnalysedConversation[]): ThemeDayAggregate[] {
  const byKey = new Map<string, ThemeDayAggregate & { candidates?: Quote[] }>();
  for (const a of rows) {
    if (a.day !== day) throw new Error(`conversation ${a.id} belongs to ${a.day}, not ${day}`);
    for (const segment of segmentsOf(a)) {
      const k = `${a.theme.id}\u0000${segment}`;
      let agg = byKey.get(k);
      if (!agg) {
        agg = {
          themeId: a.theme.id, label: a.theme.label, day, segment, volume: 0, negative: 0, neutral: 0, positive: 0, unscored: 0, sentimentSum: 0,
          improved: 0, worsened: 0, csatSum: 0, csatCount: 0, firstResponseMinutesSum: 0, firstResponseCount: 0, resolutionMinutesSum: 0, resolutionCount: 0,
          kpis: emptyKpiAggregate(), goodwill: { conversations: 0, byKind: {}, amounts: {} }, wow: 0, agentToneSum: 0, agentToneCount: 0,
        };
        if (segment === ALL_SEGMENT) agg.candidates = [];
        if (segment.startsWith('team:')) agg.wowExamples = [];
        byKey.set(k, agg);
      }
      addKpis(agg.kpis, a.kpis);
      if (a.goodwill.length) {
        agg.goodwill.conversations++;
        for (const g of a.goodwill) {
          agg.goodwill.byKind[g.kind] = (agg.goodwill.byKind[g.kind] ?? 0) + 1;
          if (g.amount !== undefined && g.currency) agg.goodwill.amounts[g.currency] = money((agg.goodwill.amounts[g.currency] ?? 0) + g.amount);
        }
      }
      if (a.wow.length) {
        agg.wow++;
        if (agg.wowExamples && agg.wowExamples.length < WOW_EXAMPLES_PER_TEAM_DAY) agg.wowExamples.push({ conversationId: a.id, kind: a.wow[0]!.kind, evidence: a.wow[0]!.evidence.slice(0, 280) });
      }
      if (a.agentTone !== undefined) {
        agg.agentToneSum += a.agentTone;
        agg.agentToneCount++;
      }
      agg.volume++;
      if (a.sentiment.unscored) agg.unscored!++;
      else agg[a.sentiment.label]++;
      agg.sentimentSum += a.sentiment.score;
      if (a.trajectory === 'improved') agg.improved++;
      if (a.trajectory === 'worsened') agg.worsened++;
      if (a.csat !== undefined) {
        agg.csatSum += a.csat;
        agg.csatCount++;
      }
      if (a.firstResponseMinutes !== undefined) {
        agg.firstResponseMinutesSum += a.firstResponseMinutes;
        agg.firstResponseCount++;
      }
      if (a.resolutionMinutes !== undefined) {
        agg.resolutionMinutesSum += a.resolutionMinutes;
        agg.resolutionCount++;
      }
      if (agg.candidates && a.quote) agg.candidates.push({ conversationId: a.id, text: a.quote, score: a.quoteScore ?? a.sentiment.score });
    }
  }
  return [...byKey.values()]
    .map(({ candidates, ...agg }) => {
      agg.sentimentSum = Number(agg.sentimentSum.toFixed(4));
      agg.agentToneSum = Number(agg.agentToneSum.toFixed(4));
      if (candidates) {
        agg.quotes = candidates.sort((x, y) => x.score - y.score || x.conversationId.localeCompare(y.conversationId)).slice(0, QUOTES_PER_THEME_DAY);
      }
      return agg;
    })
    .sort((a, b) => a.themeId.localeCompare(b.themeId) || a.segment.localeCompare(b.segment));
}
