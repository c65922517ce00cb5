/**
 * REPORT (after every day is analysed and aggregated, before finalize): what readers need that the daily
 * aggregates cannot give, stored as table items of bounded size so the query Lambda reads only the table —
 * the canned-replies report over the discovery window (templates-report.ts) and the KPI targets the
 * aggregates were judged against (shown beside SLA %).
 */
import { reportKeys } from '../core/aggregation/keys';
import { detectTemplates, type AgentMessage } from '../core/kpis';
import { templateOutcomes } from '../core/kpis/template-outcomes';
import { addDays, layout } from '../core/storage-layout';
import type { BlobStore, Stores } from '../ports';
import { readAnalysis } from './analysis-file';
import type { DiscoverResult } from './discover';
import { readDay } from './read-day';
import { loadKpiConfig } from './settings';
import { templatesReportItem, type TemplatesReport } from './templates-report';

export async function computeTemplatesReport(blobs: BlobStore, range: { from: string; to: string }, now: () => Date = () => new Date()): Promise<TemplatesReport> {
  const messages: AgentMessage[] = [];
  const analysed = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    for (const c of await readDay(blobs, day)) {
      for (const m of c.messages) {
        if (m.role === 'agent' && m.public && m.text.trim()) messages.push({ conversationId: c.id, messageId: m.id, agent: m.authorId ?? c.assignee, text: m.text, lang: c.language ?? 'en' });
      }
    }
    analysed.push(...(await readAnalysis(blobs, day)));
  }
  const outcomes = templateOutcomes(messages, detectTemplates(messages), analysed);
  return { from: range.from, to: range.to, generatedAt: now().toISOString(), ...outcomes, omitted: 0 };
}

export interface ReportResult {
  window: { from: string; to: string } | null;
  templates: number;
}

export async function nightlyReportStage(stores: Stores, options: { runId: string; now?: () => Date }): Promise<ReportResult> {
  const { blobs, table } = stores;
  const discovered = await blobs.get(layout.runDiscover(options.runId));
  const window = discovered ? (JSON.parse(Buffer.from(discovered).toString('utf8')) as DiscoverResult).window : null;
  const kpiConfig = await loadKpiConfig(blobs);
  const items: Array<Record<string, unknown> & { PK: string; SK: string }> = [{ ...reportKeys.kpiTargets(), type: 'kpi-targets', sla: kpiConfig.sla ?? null, businessCalendar: kpiConfig.businessCalendar ?? null }];
  let templates = 0;
  if (window) {
    const report = { ...(await computeTemplatesReport(blobs, window, options.now)), runId: options.runId };
    templates = report.templates.length;
    items.push(templatesReportItem(report));
  }
  await table.putMany(items);
  return { window, templates };
}
