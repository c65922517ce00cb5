/**
 * CSV for spreadsheets, the one way every export writes it (themes CSV, qa-sample, …): a cell is quoted when it
 * holds a comma, quote or line break, and a text a spreadsheet would run as a formula (=, +, -, @, tab, CR first:
 * CSV injection) is prefixed with an apostrophe. Numbers stay numbers; lists are joined with "; ".
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = Array.isArray(value) ? value.join('; ') : value;
  let s = String(text);
  if (typeof text === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole table: a header row, then one row per record (CRLF line ends, as RFC 4180 and spreadsheets expect). */
export function csvTable<T>(columns: readonly string[], rows: readonly T[], cells: (row: T) => unknown[]): string {
  return `${[columns.join(','), ...rows.map((r) => cells(r).map(csvCell).join(','))].join('\r\n')}\r\n`;
}
