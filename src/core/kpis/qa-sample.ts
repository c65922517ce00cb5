/**
 * The weekly QA review sample: about `rate` of the week's conversations, reproducible for a seed.
 *
 * Stratified by week × team × channel × theme × sentiment so that every kind of conversation is
 * reviewed in proportion, and none is left out: each non-empty stratum gets at least one pick. Within
 * a stratum, negative-sentiment and long conversations are picked at `rate × multiplier` (default ×2
 * each, ×4 when both, capped at all of them): they are where coaching pays off.
 *
 * Which conversations are picked is decided by a seeded hash of (seed, id), not Math.random: the
 * same seed and candidates always give the same sample, and adding a candidate never reshuffles the
 * others' ranks.
 */
import type { SentimentLabel } from '../analysis';
import { unitHash } from './hash';

export interface QaCandidate {
  id: string;
  team?: string;
  channel: string;
  themeId: string;
  sentimentLabel: SentimentLabel;
  messageCount: number;
  /** ISO week, e.g. '2026-W47' (see isoWeek). */
  week: string;
}

export interface QaSampleOptions {
  /** Share of conversations to review, 0..1. */
  rate: number;
  seed: string;
  /** Rate multipliers for negative-sentiment and long conversations (default 2 each). */
  overSample?: { negative: number; long: number };
  /** A conversation is long from this many messages (default 10). */
  longMessageCount?: number;
  /**
   * Picks guaranteed to every non-empty stratum (default 1). With small weekly volumes and many
   * strata this floor dominates: 0 gives a purely proportional sample.
   */
  minPerStratum?: number;
}

export type QaReason = 'proportional' | 'over-sampled: negative' | 'over-sampled: long' | 'stratum minimum';

export interface QaPick {
  id: string;
  week: string;
  /** week | team | channel | theme | sentiment */
  stratum: string;
  /** The inclusion rate applied to this conversation's group. */
  rate: number;
  reasons: QaReason[];
}

export const NO_TEAM = '(no team)';
const DEFAULT_LONG_MESSAGES = 10;

export const stratumOf = (c: QaCandidate): string => [c.week, c.team ?? NO_TEAM, c.channel, c.themeId, c.sentimentLabel].join(' | ');

/** ISO-8601 week of a date or timestamp, read in UTC (the day conversations are partitioned by): '2026-W47'. */
export function isoWeek(isoDate: string): string {
  const t = Date.parse(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (!Number.isFinite(t)) throw new RangeError(`unreadable date: ${isoDate}`);
  const d = new Date(t);
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - (d.getUTCDay() || 7)));
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function qaSample(items: QaCandidate[], options: QaSampleOptions): QaPick[] {
  const { rate, seed } = options;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be in [0, 1]: ${rate}`);
  if (rate === 0) return [];
  const negativeX = options.overSample?.negative ?? 2;
  const longX = options.overSample?.long ?? 2;
  const longFrom = options.longMessageCount ?? DEFAULT_LONG_MESSAGES;
  const floor = options.minPerStratum ?? 1;

  const strata = new Map<string, QaCandidate[]>();
  for (const item of items) {
    const key = stratumOf(item);
    const members = strata.get(key);
    if (members) members.push(item);
    else strata.set(key, [item]);
  }

  // Every (stratum, long/short) group is owed groupRate × size picks. Rounding each group on its
  // own would give 0 to every small group, so quotas are floored and the remainder handed out by
  // largest fraction (ties by seeded hash): the total then matches the stated rates.
  interface Group { stratum: string; members: QaCandidate[]; rate: number; reasons: QaReason[]; expected: number; quota: number }
  const groups: Group[] = [];
  for (const stratum of [...strata.keys()].sort()) {
    const members = strata.get(stratum)!;
    const isNegative = members[0]!.sentimentLabel === 'negative';
    // The stratum fixes sentiment; length varies inside it, so long and short members are sampled as two groups.
    [members.filter((m) => m.messageCount >= longFrom), members.filter((m) => m.messageCount < longFrom)].forEach((group, g) => {
      if (!group.length) return;
      const isLong = g === 0;
      const groupRate = Math.min(1, rate * (isNegative ? negativeX : 1) * (isLong ? longX : 1));
      const reasons: QaReason[] = ['proportional'];
      if (isNegative && negativeX !== 1) reasons.push('over-sampled: negative');
      if (isLong && longX !== 1) reasons.push('over-sampled: long');
      const expected = groupRate * group.length;
      groups.push({ stratum, members: group, rate: groupRate, reasons, expected, quota: Math.floor(expected) });
    });
  }
  const owed = Math.round(groups.reduce((n, g) => n + g.expected, 0)) - groups.reduce((n, g) => n + g.quota, 0);
  [...groups]
    .sort((a, b) => b.expected - b.quota - (a.expected - a.quota) || unitHash(seed, a.stratum + a.reasons.join()) - unitHash(seed, b.stratum + b.reasons.join()))
    .slice(0, Math.max(0, owed))
    .forEach((g) => g.quota++);

  const byStratum = new Map<string, QaPick[]>();
  for (const g of groups) {
    const picked = byStratum.get(g.stratum) ?? [];
    for (const m of rankBySeed(g.members, seed).slice(0, g.quota)) picked.push({ id: m.id, week: m.week, stratum: g.stratum, rate: g.rate, reasons: g.reasons });
    byStratum.set(g.stratum, picked);
  }
  const picks: QaPick[] = [];
  for (const stratum of [...strata.keys()].sort()) {
    const picked = byStratum.get(stratum) ?? [];
    if (picked.length < floor) {
      const chosen = new Set(picked.map((p) => p.id));
      for (const m of rankBySeed(strata.get(stratum)!, seed)) {
        if (picked.length >= floor) break;
        if (!chosen.has(m.id)) picked.push({ id: m.id, week: m.week, stratum, rate, reasons: ['stratum minimum'] });
      }
    }
    picks.push(...picked);
  }
  return picks;
}

function rankBySeed(group: QaCandidate[], seed: string): QaCandidate[] {
  return group
    .map((m) => ({ m, u: unitHash(seed, m.id) }))
    .sort((a, b) => a.u - b.u || (a.m.id < b.m.id ? -1 : 1))
    .map((x) => x.m);
}
