/**
 * Alerts: what changed enough after a night to tell someone (docs/ALERTS.md). Pure: from the stored theme × day
 * aggregates to a list of events, each with a dedupe key that names the event, not the run, so the same event
 * found again (a re-run of the night, the next night while it lasts the same week) is published once.
 *
 * Kinds: a theme rising (Poisson z of its last week against the four before, as `voc themes --sort rising`), a
 * theme emerging (no conversations in the four weeks before), a theme's negative share shifting, and the
 * first-response SLA met share of a team (or of everyone) falling. Shifts use a two-proportion z test and a
 * minimum size, so small samples do not shout.
 */
import * as z from 'zod';
import type { ThemeDayAggregate } from '../aggregation/aggregate';
import { RISING, summariseThemes } from '../aggregation/ranking';
import { isoWeek } from '../kpis/qa-sample';
import { addDays } from '../storage-layout';

export const AlertsConfig = z
  .object({
    /** a theme rising: z at least this, and at least minRecent conversations in the last week */
    rising: z.object({ minZ: z.number().positive().default(3), minRecent: z.number().int().positive().default(RISING.minRecent) }).strict().default({ minZ: 3, minRecent: RISING.minRecent }),
    /** a theme emerging: none in the four weeks before, at least minRecent in the last week */
    emerging: z.object({ minRecent: z.number().int().positive().default(RISING.minRecent) }).strict().default({ minRecent: RISING.minRecent }),
    /** a theme's negative share moving by at least minShift (0.2 = 20 points), z at least minZ, both weeks with at least minConversations scored */
    sentiment: z
      .object({ minShift: z.number().positive().max(1).default(0.2), minZ: z.number().positive().default(2.5), minConversations: z.number().int().positive().default(10) })
      .strict()
      .default({ minShift: 0.2, minZ: 2.5, minConversations: 10 }),
    /** a team's (or everyone's) first-response SLA met share falling by at least minDrop, z at least minZ, at least minJudged tickets judged in each period */
    sla: z
      .object({ minDrop: z.number().positive().max(1).default(0.15), minZ: z.number().positive().default(2.5), minJudged: z.number().int().positive().default(10) })
      .strict()
      .default({ minDrop: 0.15, minZ: 2.5, minJudged: 10 }),
    /** themes never alerted on (ids as voc themes shows them); «other» is quiet unless listed in loudThemes */
    quietThemes: z.array(z.string().min(1)).default([]),
    /** where alerts go besides the store: a webhook (the signing secret comes from VOC_ALERT_WEBHOOK_SECRET, never from this file) */
    webhook: z.object({ url: z.string().url() }).strict().optional(),
  })
  .strict();
export type AlertsConfig = z.infer<typeof AlertsConfig>;

export type AlertKind = 'rising' | 'emerging' | 'sentiment' | 'sla';

export interface Alert {
  /** names the event (kind, subject, ISO week): the same event is stored and published once */
  dedupeKey: string;
  kind: AlertKind;
  /** the theme, or for SLA the team (`all` = every team) */
  subject: { type: 'theme' | 'team'; id: string; label: string };
  /** the newest day the night aggregated */
  day: string;
  week: string;
  recent: { from: string; to: string };
  baseline: { from: string; to: string };
  /** the numbers behind it */
  measures: Record<string, number>;
  /** one sentence a person reads in an e-mail or Slack */
  summary: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Two-proportion z score of a1/n1 against a2/n2 (0 when either is empty or both shares are 0 or 1). */
export function twoProportionZ(a1: number, n1: number, a2: number, n2: number): number {
  if (!n1 || !n2) return 0;
  const p = (a1 + a2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se ? (a1 / n1 - a2 / n2) / se : 0;
}

interface Periods {
  recent: { from: string; to: string };
  baseline: { from: string; to: string };
}

export function alertPeriods(day: string): Periods {
  return {
    recent: { from: addDays(day, -(RISING.recentDays - 1)), to: day },
    baseline: { from: addDays(day, -(RISING.recentDays + RISING.baselineDays - 1)), to: addDays(day, -RISING.recentDays) },
  };
}

/** The first day alerts read: the baseline's start. */
export function alertsReadFrom(day: string): string {
  return alertPeriods(day).baseline.from;
}

function split<T extends { day: string }>(rows: T[], p: Periods): { recent: T[]; baseline: T[] } {
  return {
    recent: rows.filter((r) => r.day >= p.recent.from && r.day <= p.recent.to),
    baseline: rows.filter((r) => r.day >= p.baseline.from && r.day <= p.baseline.to),
  };
}

const round = (x: number, d = 3) => Number(x.toFixed(d));

/**
 * The events of the night that ended on `day`.
 * @param themeRows every theme's aggregates on segment `all`, from alertsReadFrom(day) to day
 * @param teamRows per team (`all` included), its aggregates (any themes) over the same days
 */
export function detectAlerts(day: string, themeRows: ThemeDayAggregate[], teamRows: Map<string, ThemeDayAggregate[]>, config: AlertsConfig, labels: Map<string, string> = new Map()): Alert[] {
  const p = alertPeriods(day);
  const week = isoWeek(day);
  const quiet = new Set([...config.quietThemes, 'other']);
  const base = { day, week, recent: p.recent, baseline: p.baseline };
  const alerts: Alert[] = [];
  const labelOf = (id: string, fallback: string) => labels.get(id) ?? fallback;

  for (const s of summariseThemes(themeRows, p.recent.from, day, labels)) {
    if (quiet.has(s.id)) continue;
    const subject = { type: 'theme' as const, id: s.id, label: labelOf(s.id, s.label) };
    if (s.emerging && s.recent >= config.emerging.minRecent) {
      alerts.push({ ...base, dedupeKey: `emerging|${s.id}|${week}`, kind: 'emerging', subject, measures: { recent: s.recent, baselinePerWeek: 0 }, summary: `New theme «${subject.label}»: ${s.recent} conversations in the last 7 days, none in the 4 weeks before.` });
    } else if (!s.emerging && s.risingScore >= config.rising.minZ && s.recent >= config.rising.minRecent) {
      alerts.push({
        ...base,
        dedupeKey: `rising|${s.id}|${week}`,
        kind: 'rising',
        subject,
        measures: { recent: s.recent, baselinePerWeek: s.baselinePerWeek, z: s.risingScore },
        summary: `«${subject.label}» is rising: ${s.recent} conversations in the last 7 days against ${s.baselinePerWeek} a week before (z ${s.risingScore.toFixed(1)}).`,
      });
    }
  }

  // Negative share per theme, last week against the four before.
  const byTheme = new Map<string, ThemeDayAggregate[]>();
  for (const r of themeRows) byTheme.set(r.themeId, [...(byTheme.get(r.themeId) ?? []), r]);
  for (const [id, rows] of byTheme) {
    if (quiet.has(id)) continue;
    const { recent, baseline } = split(rows, p);
    const scored = (list: ThemeDayAggregate[]) => list.reduce((n, r) => n + r.volume - (r.unscored ?? 0), 0);
    const negative = (list: ThemeDayAggregate[]) => list.reduce((n, r) => n + r.negative, 0);
    const [n1, n2] = [scored(recent), scored(baseline)];
    if (n1 < config.sentiment.minConversations || n2 < config.sentiment.minConversations) continue;
    const [a1, a2] = [negative(recent), negative(baseline)];
    const shift = a1 / n1 - a2 / n2;
    const zScore = twoProportionZ(a1, n1, a2, n2);
    if (Math.abs(shift) < config.sentiment.minShift || Math.abs(zScore) < config.sentiment.minZ) continue;
    const label = labelOf(id, rows[rows.length - 1]!.label);
    const direction = shift > 0 ? 'worse' : 'better';
    alerts.push({
      ...base,
      dedupeKey: `sentiment-${direction}|${id}|${week}`,
      kind: 'sentiment',
      subject: { type: 'theme', id, label },
      measures: { negativeShareRecent: round(a1 / n1), negativeShareBaseline: round(a2 / n2), recentScored: n1, baselineScored: n2, z: round(zScore, 2) },
      summary: `«${label}»: ${pct(a1 / n1)} negative in the last 7 days (n=${n1}) against ${pct(a2 / n2)} in the 4 weeks before (n=${n2}): ${direction}.`,
    });
  }

  // First-response SLA per team (and everyone): only drops alert.
  for (const [team, rows] of [...teamRows].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { recent, baseline } = split(rows, p);
    const sla = (list: ThemeDayAggregate[]) =>
      list.reduce((t, r) => ({ met: t.met + (r.kpis?.sla.firstResponse.met ?? 0), judged: t.judged + (r.kpis?.sla.firstResponse.met ?? 0) + (r.kpis?.sla.firstResponse.breached ?? 0) }), { met: 0, judged: 0 });
    const [r, b] = [sla(recent), sla(baseline)];
    if (r.judged < config.sla.minJudged || b.judged < config.sla.minJudged) continue;
    const drop = b.met / b.judged - r.met / r.judged;
    const zScore = -twoProportionZ(r.met, r.judged, b.met, b.judged);
    if (drop < config.sla.minDrop || zScore < config.sla.minZ) continue;
    const label = team === 'all' ? 'every team' : team;
    alerts.push({
      ...base,
      dedupeKey: `sla|${team}|${week}`,
      kind: 'sla',
      subject: { type: 'team', id: team, label },
      measures: { metShareRecent: round(r.met / r.judged), metShareBaseline: round(b.met / b.judged), recentJudged: r.judged, baselineJudged: b.judged, z: round(zScore, 2) },
      summary: `First-response SLA for ${label}: ${pct(r.met / r.judged)} met in the last 7 days (${r.judged} judged) against ${pct(b.met / b.judged)} in the 4 weeks before (${b.judged} judged).`,
    });
  }
  return alerts.sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
}
