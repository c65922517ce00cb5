/**
 * REPORT (after every day is analysed and aggregated, before finalize): what readers need that the daily
 * aggregates cannot give, stored as table items of bounded size so the query Lambda reads only the table —
 * the canned-replies report over the discovery window (templates-report.ts) and the KPI targets the
 * aggregates were judged against (shown beside SLA %).
 */
import { reportKeys } from '../core/aggregation/keys';
import { detectTemplates, messageKey, type AgentMessage } from '../core/kpis/templates';
import { sharedTemplateMessages, slimForOutcomes, templateOutcomes, type OutcomeConversation } from '../core/kpis/template-outcomes';
import { addDays, layout } from '../core/storage-layout';
import type { BlobStore, Stores } from '../ports';
import { readAnalysis } from './analysis-file';
import { readAnalysisManifest } from './analysis-manifest';
import type { DiscoverResult } from './discover';
import { readDay } from './read-day';
import { withRetries } from './retry';
import { loadKpiConfig } from './settings';
import { templatesReportItem, type TemplatesReport } from './templates-report';

/** Tries per day of the window: a read that fails now and then (throttling, a dropped connection) costs a retry, not the night. */
const DAY_READ_ATTEMPTS = 3;
const DAY_READ_DELAY_MS = 100;

/**
 * Over a range of days, in two passes so memory follows the range's agent messages, not its analysed rows: the
 * conversations' agent replies first (template detection needs all of them at once), then each day's analysis cut
 * to what the outcomes read, threads kept only for conversations that use a shared template.
 */
export async function computeTemplatesReport(blobs: BlobStore, range: { from: string; to: string }, now: () => Date = () => new Date()): Promise<TemplatesReport> {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(day);
  const read = <T>(work: () => Promise<T>) => withRetries(work, DAY_READ_ATTEMPTS, DAY_READ_DELAY_MS);
  const messages: AgentMessage[] = [];
  for (const day of days) {
    for (const c of await read(() => readDay(blobs, day))) {
      for (const m of c.messages) {
        if (m.role === 'agent' && m.public && m.text.trim()) messages.push({ conversationId: c.id, messageId: m.id, agent: m.authorId ?? c.assignee, text: m.text, lang: c.language ?? 'en' });
      }
    }
  }
  const detection = detectTemplates(messages);
  const templated = sharedTemplateMessages(detection);
  const analysed: OutcomeConversation[] = [];
  for (const day of days) {
    for (const row of await read(() => readAnalysis(blobs, day))) {
      analysed.push(slimForOutcomes(row, row.messages.some((m) => m.role === 'agent' && templated.has(messageKey(row.id, m.id)))));
    }
  }
  const outcomes = templateOutcomes(messages, detection, analysed);
  return { from: range.from, to: range.to, generatedAt: now().toISOString(), ...outcomes, omitted: 0 };
}

/**
 * Conversations the nightly templates report reads at most: detection holds every agent reply of its range, so a
 * busy month (≈ 85,000 conversations at a million a year) would take the night past 500 MB. Templates are what
 * agents send often, so the newest days up to this many show the same ones; the report says the range it covers.
 */
export const MAX_REPORT_CONVERSATIONS = 25_000;

/** The newest whole days of the range whose conversations (as their analysis counted them) stay within `max`; at least the last day. */
async function newestDaysUpTo(blobs: BlobStore, range: { from: string; to: string }, max: number): Promise<{ from: string; to: string }> {
  let total = 0;
  let from = range.to;
  for (let day = range.to; day >= range.from; day = addDays(day, -1)) {
    total += (await readAnalysisManifest(blobs, day))?.conversations ?? 0;
    if (total > max && day !== range.to) break;
    from = day;
  }
  return { from, to: range.to };
}

export interface ReportResult {
  window: { from: string; to: string } | null;
  templates: number;
}

/**
 * Idempotent: a night that re-analysed no day over the same window keeps the stored report (it would be the same,
 * bar its time stamp), and items are written only when they differ from what is stored.
 */
export async function nightlyReportStage(stores: Stores, options: { runId: string; now?: () => Date; maxConversations?: number }): Promise<ReportResult> {
  const { blobs, table } = stores;
  const bytes = await blobs.get(layout.runDiscover(options.runId));
  const discovered = bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as DiscoverResult) : undefined;
  const window = discovered?.window ?? null;
  const kpiConfig = await loadKpiConfig(blobs);
  const [storedTargets, storedReport] = await table.getMany([reportKeys.kpiTargets(), reportKeys.templates()]);
  const items: Array<Record<string, unknown> & { PK: string; SK: string }> = [];
  const targets = { ...reportKeys.kpiTargets(), type: 'kpi-targets', sla: kpiConfig.sla ?? null, businessCalendar: kpiConfig.businessCalendar ?? null };
  if (!storedTargets || JSON.stringify(storedTargets) !== JSON.stringify(targets)) items.push(targets);
  let templates = Array.isArray(storedReport?.templates) ? storedReport.templates.length : 0;
  const range = window && (await newestDaysUpTo(blobs, window, options.maxConversations ?? MAX_REPORT_CONVERSATIONS));
  const unchanged = storedReport && range && storedReport.from === range.from && storedReport.to === range.to && !discovered?.partitions.length;
  if (range && !unchanged) {
    const report = { ...(await computeTemplatesReport(blobs, range, options.now)), runId: options.runId };
    templates = report.templates.length;
    items.push(templatesReportItem(report));
  }
  await table.putMany(items);
  return { window, templates };
}
