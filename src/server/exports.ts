/**
 * CSV exports besides the themes table (csv.ts): conversations, KPIs and quotes. Each is complete (every row that
 * matches, unless a limit is asked for) and every cell goes through csvCell (formula-looking text neutralised).
 */
import type { KpiReport } from '../stages/kpi-report';
import type { ConversationEntry, ConversationsPage } from '../stages/conversations';
import { csvCell } from './csv';

/** A column: its header and how to read it off a row. */
export type CsvColumn<T> = readonly [header: string, value: (row: T) => unknown];

export function csvOf<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map(([h]) => csvCell(h)).join(','), ...rows.map((r) => columns.map(([, v]) => csvCell(v(r))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name from what the export holds, e.g. voc-conversations_2026-10-22_2026-11-20_theme-t-1a2b_lang-es.csv */
export function exportFilename(kind: string, from: string, to: string, parts: Record<string, unknown> = {}): string {
  const tail = Object.entries(parts)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `_${k}-${String(v)}`)
    .join('');
  return `voc-${kind}_${from}_${to}${tail}`.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 150) + '.csv';
}

export const CONVERSATION_CSV_COLUMNS: readonly CsvColumn<ConversationEntry>[] = [
  ['id', (r) => r.id],
  ['day', (r) => r.day],
  ['startedAt', (r) => r.at],
  ['themeId', (r) => r.theme.id],
  ['theme', (r) => r.theme.label],
  ['areaId', (r) => r.area.id],
  ['area', (r) => r.area.label],
  ['lang', (r) => r.lang],
  ['channel', (r) => r.channel],
  ['source', (r) => r.source],
  ['team', (r) => r.team],
  ['segment', (r) => r.segment],
  ['sentiment', (r) => r.sentiment],
  ['score', (r) => r.score],
  ['csat', (r) => r.csat],
  ['slaFirstResponse', (r) => r.slaFirst],
  ['slaResolution', (r) => r.slaResolution],
  ['firstResponseMinutes', (r) => r.firstResponse],
  ['reopened', (r) => (r.reopened ? 'yes' : '')],
  ['quote', (r) => r.quote],
];

export const conversationsCsv = (page: ConversationsPage) => csvOf(CONVERSATION_CSV_COLUMNS, page.rows);

type KpiRow = KpiReport['rows'][number];
export const KPI_CSV_COLUMNS: readonly CsvColumn<KpiRow>[] = [
  ['key', (r) => r.key],
  ['label', (r) => r.label],
  ['conversations', (r) => r.volume],
  ['firstResponseP50Minutes', (r) => r.kpis.firstResponse.p50],
  ['firstResponseP90Minutes', (r) => r.kpis.firstResponse.p90],
  ['firstResponseMeasured', (r) => r.kpis.firstResponse.count],
  ['resolutionP50Minutes', (r) => r.kpis.fullResolution.p50],
  ['resolutionP90Minutes', (r) => r.kpis.fullResolution.p90],
  ['resolutionMeasured', (r) => r.kpis.fullResolution.count],
  ['slaFirstResponseRate', (r) => r.kpis.slaFirstResponseRate],
  ['slaFirstResponseJudged', (r) => r.kpis.slaFirstResponseJudged],
  ['slaResolutionRate', (r) => r.kpis.slaResolutionRate],
  ['slaResolutionJudged', (r) => r.kpis.slaResolutionJudged],
  ['csatRate', (r) => r.kpis.csatRate],
  ['csatRated', (r) => r.kpis.csatRated],
  ['csatMeanRating', (r) => r.kpis.csatMean],
  ['reopenRate', (r) => r.kpis.reopenRate],
  ['goodwillConversations', (r) => r.goodwill.conversations],
  ['wow', (r) => r.wow],
  ['agentTone', (r) => r.agentTone],
  ['avgSentiment', (r) => r.avgSentiment],
];

export const kpisCsv = (report: KpiReport) => csvOf(KPI_CSV_COLUMNS, report.rows);

export interface QuoteRow {
  themeId: string;
  theme: string;
  conversationId?: string;
  text: string;
  score?: number;
  kind: 'representative' | 'negative';
}

export const QUOTE_CSV_COLUMNS: readonly CsvColumn<QuoteRow>[] = [
  ['themeId', (r) => r.themeId],
  ['theme', (r) => r.theme],
  ['conversationId', (r) => r.conversationId],
  ['kind', (r) => r.kind],
  ['score', (r) => r.score],
  ['quote', (r) => r.text],
];

export const quotesCsv = (rows: QuoteRow[]) => csvOf(QUOTE_CSV_COLUMNS, rows);
