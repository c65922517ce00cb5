/** The themes table as CSV, for spreadsheets: the export behind GET /themes?format=csv. */
import type { ThemeSummary } from '../core/aggregation/ranking';
import type { ThemesResult } from '../stages/query';
import { csvCell, csvTable } from '../core/csv';

export const THEME_CSV_COLUMNS = [
  'id',
  'label',
  'volume',
  'share',
  'negative',
  'neutral',
  'positive',
  'unscored',
  'negativeShare',
  'avgSentiment',
  'csatRate',
  'csatRated',
  'firstResponseMinutes',
  'recent',
  'baselinePerWeek',
  'risingScore',
  'emerging',
] as const satisfies readonly (keyof ThemeSummary)[];

export { csvCell };

/** The export's columns: a theme's measures, then the area it rolls up into. */
export const THEME_CSV_HEADER = [...THEME_CSV_COLUMNS, 'areaId', 'areaLabel'] as const;

export function themesCsv(themes: ThemeSummary[]): string {
  return csvTable(THEME_CSV_HEADER, themes, (t) => [...THEME_CSV_COLUMNS.map((c) => t[c]), t.area?.id, t.area?.label]);
}

/** e.g. voc-themes_2026-10-22_2026-11-20_lang-en.csv */
export function themesCsvFilename(result: Pick<ThemesResult, 'from' | 'to' | 'segment'>): string {
  return `voc-themes_${result.from}_${result.to}_${result.segment.replace(/[^A-Za-z0-9_.-]+/g, '-')}.csv`;
}
