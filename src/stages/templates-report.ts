/**
 * The canned-replies report: templates several agents share, their uses and teams, and what follows them against
 * comparable conversations without them (core/kpis/template-outcomes.ts). The nightly run computes it over the
 * discovery window and stores it as one table item, so the API and the dashboard read it without the bucket;
 * `voc templates --from … --to …` computes it over any range from the archive.
 */
import { reportKeys } from '../core/aggregation/keys';
import type { TemplateOutcomes } from '../core/kpis/template-outcomes';
import type { KeyValueTable } from '../ports';

export interface TemplatesReport extends TemplateOutcomes {
  from: string;
  to: string;
  generatedAt: string;
  runId?: string;
  /** Shared templates found beyond those kept in the stored report (it keeps the most used). */
  omitted: number;
}

/** What the stored report keeps: the most used templates, the agents with most replies, and at most ITEM_BYTES of JSON. */
export const REPORT_LIMITS = { templates: 50, agents: 100, itemBytes: 300_000 } as const;

export async function readTemplatesReport(table: KeyValueTable): Promise<TemplatesReport | undefined> {
  const item = await table.get(reportKeys.templates());
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, type: _type, ...report } = item;
  return report as unknown as TemplatesReport;
}

/** The report as an item of bounded size: templates dropped from the least used until it fits. */
export function templatesReportItem(report: TemplatesReport): Record<string, unknown> & { PK: string; SK: string } {
  const kept = { ...report, templates: report.templates.slice(0, REPORT_LIMITS.templates), agents: [...report.agents].sort((a, b) => b.messages - a.messages).slice(0, REPORT_LIMITS.agents) };
  kept.agents.sort((a, b) => b.share - a.share || b.messages - a.messages || a.agent.localeCompare(b.agent));
  const item = () => ({ ...reportKeys.templates(), type: 'templates-report', ...kept, omitted: report.omitted + report.templates.length - kept.templates.length });
  while (kept.templates.length && Buffer.byteLength(JSON.stringify(item())) > REPORT_LIMITS.itemBytes) kept.templates = kept.templates.slice(0, -1);
  return item();
}
