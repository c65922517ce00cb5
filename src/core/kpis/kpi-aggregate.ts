/**
 * Per-day (or per-team, per-theme…) KPI aggregates that merge exactly, so a dashboard can report any
 * date range from stored daily items: durations as histograms (percentiles), everything else as
 * counts (rates are computed only when summarising, never averaged).
 */
import type { ConversationKpis, Duration } from './conversation-kpis';
import { addSample, emptyHistogram, histogramMean, mergeHistograms, percentile, type Histogram } from './histogram';

export interface SlaCounts {
  met: number;
  breached: number;
}

export interface KpiAggregate {
  v: 1;
  conversations: number;
  firstResponse: Histogram;
  firstResponseBusiness: Histogram;
  fullResolution: Histogram;
  fullResolutionBusiness: Histogram;
  requesterWait: Histogram;
  requesterWaitBusiness: Histogram;
  sla: { firstResponse: SlaCounts; resolution: SlaCounts };
  csat: { rated: number; satisfied: number; sum: number };
  resolved: number;
  oneTouch: number;
  /** Conversations with at least one reopen, and reopens in total. */
  reopened: number;
  reopens: number;
}

export function emptyKpiAggregate(): KpiAggregate {
  return {
    v: 1,
    conversations: 0,
    firstResponse: emptyHistogram(),
    firstResponseBusiness: emptyHistogram(),
    fullResolution: emptyHistogram(),
    fullResolutionBusiness: emptyHistogram(),
    requesterWait: emptyHistogram(),
    requesterWaitBusiness: emptyHistogram(),
    sla: { firstResponse: { met: 0, breached: 0 }, resolution: { met: 0, breached: 0 } },
    csat: { rated: 0, satisfied: 0, sum: 0 },
    resolved: 0,
    oneTouch: 0,
    reopened: 0,
    reopens: 0,
  };
}

function addDuration(calendar: Histogram, business: Histogram, d: Duration | undefined): void {
  if (!d) return;
  addSample(calendar, d.calendarMinutes);
  if (d.businessMinutes !== undefined) addSample(business, d.businessMinutes);
}

function countSla(counts: SlaCounts, met: boolean | undefined): void {
  if (met === true) counts.met++;
  else if (met === false) counts.breached++;
}

/** Adds one conversation's KPIs, in place; returns the aggregate. */
export function addKpis(agg: KpiAggregate, k: ConversationKpis): KpiAggregate {
  agg.conversations++;
  addDuration(agg.firstResponse, agg.firstResponseBusiness, k.firstResponse);
  addDuration(agg.fullResolution, agg.fullResolutionBusiness, k.fullResolution);
  addDuration(agg.requesterWait, agg.requesterWaitBusiness, k.requesterWait);
  countSla(agg.sla.firstResponse, k.sla.firstResponse?.met);
  countSla(agg.sla.resolution, k.sla.resolution?.met);
  if (k.csat !== undefined) {
    agg.csat.rated++;
    agg.csat.sum += k.csat;
    if (k.csatSatisfied) agg.csat.satisfied++;
  }
  if (k.fullResolution) agg.resolved++;
  if (k.oneTouch) agg.oneTouch++;
  if (k.reopens > 0) agg.reopened++;
  agg.reopens += k.reopens;
  return agg;
}

/** A new aggregate of all inputs (inputs untouched). */
export function mergeKpiAggregates(...aggs: KpiAggregate[]): KpiAggregate {
  const out = emptyKpiAggregate();
  const histogramKeys = ['firstResponse', 'firstResponseBusiness', 'fullResolution', 'fullResolutionBusiness', 'requesterWait', 'requesterWaitBusiness'] as const;
  for (const key of histogramKeys) out[key] = mergeHistograms(...aggs.map((a) => a[key]));
  for (const a of aggs) {
    out.conversations += a.conversations;
    for (const s of ['firstResponse', 'resolution'] as const) {
      out.sla[s].met += a.sla[s].met;
      out.sla[s].breached += a.sla[s].breached;
    }
    out.csat.rated += a.csat.rated;
    out.csat.satisfied += a.csat.satisfied;
    out.csat.sum += a.csat.sum;
    out.resolved += a.resolved;
    out.oneTouch += a.oneTouch;
    out.reopened += a.reopened;
    out.reopens += a.reopens;
  }
  return out;
}

export interface DurationSummary {
  count: number;
  p50?: number;
  p90?: number;
  mean?: number;
}

export interface KpiSummary {
  conversations: number;
  firstResponse: DurationSummary;
  firstResponseBusiness: DurationSummary;
  fullResolution: DurationSummary;
  fullResolutionBusiness: DurationSummary;
  requesterWait: DurationSummary;
  requesterWaitBusiness: DurationSummary;
  /** met ÷ (met + breached); undefined when no conversation was judged. */
  slaFirstResponseRate?: number;
  slaResolutionRate?: number;
  /** Conversations judged against each SLA target (met + breached): the n of the rates above. */
  slaFirstResponseJudged: number;
  slaResolutionJudged: number;
  /** CSAT, the one definition used everywhere: satisfied (rating 4–5 of 5) ÷ rated. */
  csatRate?: number;
  /** Conversations with a rating: the n of csatRate and csatMean. */
  csatRated: number;
  csatMean?: number;
  /** Share of conversations with a rating. */
  csatResponseRate?: number;
  /** Conversations reopened at least once ÷ all conversations (a reopened one may be open again, so not ÷ resolved). */
  reopenRate?: number;
  /** One-touch ÷ resolved. */
  oneTouchRate?: number;
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : undefined);
const round2 = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 100) / 100);
const summarise = (h: Histogram): DurationSummary => ({ count: h.count, p50: round2(percentile(h, 0.5)), p90: round2(percentile(h, 0.9)), mean: round2(histogramMean(h)) });

export function summariseKpis(agg: KpiAggregate): KpiSummary {
  return {
    conversations: agg.conversations,
    firstResponse: summarise(agg.firstResponse),
    firstResponseBusiness: summarise(agg.firstResponseBusiness),
    fullResolution: summarise(agg.fullResolution),
    fullResolutionBusiness: summarise(agg.fullResolutionBusiness),
    requesterWait: summarise(agg.requesterWait),
    requesterWaitBusiness: summarise(agg.requesterWaitBusiness),
    slaFirstResponseRate: ratio(agg.sla.firstResponse.met, agg.sla.firstResponse.met + agg.sla.firstResponse.breached),
    slaResolutionRate: ratio(agg.sla.resolution.met, agg.sla.resolution.met + agg.sla.resolution.breached),
    slaFirstResponseJudged: agg.sla.firstResponse.met + agg.sla.firstResponse.breached,
    slaResolutionJudged: agg.sla.resolution.met + agg.sla.resolution.breached,
    csatRated: agg.csat.rated,
    csatRate: ratio(agg.csat.satisfied, agg.csat.rated),
    csatMean: agg.csat.rated ? round2(agg.csat.sum / agg.csat.rated) : undefined,
    csatResponseRate: ratio(agg.csat.rated, agg.conversations),
    reopenRate: ratio(agg.reopened, agg.conversations),
    oneTouchRate: ratio(agg.oneTouch, agg.resolved),
  };
}
