/** The themes table as CSV, for spreadsheets: the export behind GET /themes?format=csv. */
import type { ThemeSummary } from '../core/aggregation/ranking';
import type { ThemesResult } from '../stages/query';

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
  'csat',
  'firstResponseMinutes',
  'recent',
  'baselinePerWeek',
  'risingScore',
  'emerging',
] as const satisfies readonly (keyof ThemeSummary)[];

/**
 * One cell: quoted when it holds a comma, quote or line break; a text that a spreadsheet would run
 * as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe. Numbers stay numbers.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The export's columns: a theme's measures, then the area it rolls up into. */
export const THEME_CSV_HEADER = [...THEME_CSV_COLUMNS, 'areaId', 'areaLabel'] as const;

export function themesCsv(themes: ThemeSummary[]): string {
  const lines = [
    THEME_CSV_HEADER.join(','),
    ...themes.map((t) => [...THEME_CSV_COLUMNS.map((c) => csvCell(t[c])), csvCell(t.area?.id), csvCell(t.area?.label)].join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** e.g. voc-themes_2026-10-22_2026-11-20_lang-en.csv */
export function themesCsvFilename(result: Pick<ThemesResult, 'from' | 'to' | 'segment'>): string {
  return `voc-themes_${result.from}_${result.to}_${result.segment.replace(/[^A-Za-z0-9_.-]+/g, '-')}.csv`;
}
