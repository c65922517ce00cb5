/**
 * CSV records that cost only themselves when they are broken. CSV parsers (csv-parse included) cannot go on
 * after an unterminated quote: it swallows the rest of the file into one field. Here a quoted field may span
 * lines (RFC 4180), but only up to a bound; past it the opening quote is taken for a stray one, that row is
 * reported, and reading resumes at the next line. Quotes inside unquoted fields are literal (`he said "hi"`),
 * and a line longer than the record limit is skipped while it streams.
 */
import type { Readable } from 'node:stream';
import { formatChars, readLines } from '../jsonl';

export type CsvRow = { line: number; fields: string[]; error?: undefined } | { line: number; error: string; raw?: string; fields?: undefined };

export interface CsvLimits {
  /** Most characters one record (all its lines) may take. */
  maxRecordChars: number;
  /** Most lines one quoted field may span before its opening quote is taken for a stray one. */
  maxRecordLines: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxRecordChars: 4 * 1024 * 1024, maxRecordLines: 1000 };

const QUOTE = 34;

/** Splits one physical line into fields, continuing a quoted field left open by the previous line. */
class RecordBuilder {
  fields: string[] = [];
  field = '';
  inQuotes = false;
  /** The current field began with a quote (so a quote ends it), rather than containing one. */
  quotedField = false;
  atFieldStart = true;

  reset(): void {
    this.fields = [];
    this.field = '';
    this.inQuotes = false;
    this.quotedField = false;
    this.atFieldStart = true;
  }

  /** Consumes a line; true when the record is complete at its end. */
  feed(line: string, delimiter: number): boolean {
    if (!this.inQuotes && line.indexOf('"') < 0) {
      // The common case: no quote on the line at all.
      const parts = line.split(String.fromCharCode(delimiter));
      parts[0] = this.field + parts[0];
      this.fields.push(...parts);
      this.field = '';
      this.atFieldStart = true;
      return true;
    }
    if (this.inQuotes) this.field += '\n';
    let start = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (this.inQuotes) {
        if (c !== QUOTE) continue;
        if (line.charCodeAt(i + 1) === QUOTE) {
          this.field += line.slice(start, i + 1);
          i++;
          start = i + 1;
          continue;
        }
        this.field += line.slice(start, i);
        this.inQuotes = false;
        start = i + 1;
        continue;
      }
      if (c === delimiter) {
        this.fields.push(this.field + line.slice(start, i));
        this.field = '';
        this.atFieldStart = true;
        this.quotedField = false;
        start = i + 1;
        continue;
      }
      if (c === QUOTE && this.atFieldStart && i === start) {
        this.inQuotes = true;
        this.quotedField = true;
        this.atFieldStart = false;
        start = i + 1;
        continue;
      }
      this.atFieldStart = false;
    }
    this.field += line.slice(start);
    if (this.inQuotes) return false;
    this.fields.push(this.field);
    this.field = '';
    this.atFieldStart = true;
    this.quotedField = false;
    return true;
  }
}

/**
 * Rows of a UTF-8 CSV stream with their first line number; a row that cannot be read comes back with `error`
 * (and a short excerpt) and the rows after it are still read. Blank lines are skipped.
 */
export async function* readCsvRows(input: Readable, limits: CsvLimits = DEFAULT_CSV_LIMITS, delimiter = ','): AsyncIterable<CsvRow> {
  const delim = delimiter.charCodeAt(0);
  const builder = new RecordBuilder();
  /** Lines of a record whose quoted field is still open: replayed one by one if the quote turns out stray. */
  let pending: { line: number; text: string }[] = [];
  let pendingChars = 0;

  const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

  function* consume(line: number, text: string): Generator<CsvRow> {
    if (!pending.length && !text.trim()) return;
    pending.push({ line, text });
    pendingChars += text.length;
    if (builder.feed(text, delim)) {
      yield { line: pending[0]!.line, fields: builder.fields };
      builder.reset();
      pending = [];
      pendingChars = 0;
      return;
    }
    if (pending.length <= limits.maxRecordLines && pendingChars <= limits.maxRecordChars) return;
    yield* strayQuote();
  }

  /** The open quote never closed within the bounds: report its line and read the lines after it again as rows. */
  function* strayQuote(): Generator<CsvRow> {
    const [first, ...rest] = pending;
    builder.reset();
    pending = [];
    pendingChars = 0;
    yield { line: first!.line, error: `unterminated quoted field (no closing quote within ${limits.maxRecordLines} lines or ${formatChars(limits.maxRecordChars)} characters); this row is skipped and reading goes on at the next line`, raw: excerpt(first!.text) };
    for (const r of rest) yield* consume(r.line, r.text);
  }

  for await (const row of readLines(input, limits.maxRecordChars)) {
    if (row.tooLong === undefined) {
      yield* consume(row.line, row.text);
      continue;
    }
    // A line too long for any record: whatever was open ends here.
    if (pending.length) yield* strayQuote();
    yield { line: row.line, error: `row is ${formatChars(row.tooLong)} characters, longer than the ${formatChars(limits.maxRecordChars)} one record may take` };
  }
  if (pending.length) {
    // The file ends inside a quoted field: a truncated export, or a stray quote near the end.
    const [first, ...rest] = pending;
    if (!rest.length) {
      yield { line: first!.line, error: 'the file ends inside a quoted field (truncated export?)', raw: excerpt(first!.text) };
      return;
    }
    yield* strayQuote();
    if (pending.length) {
      const open = pending[0]!;
      pending = [];
      yield { line: open.line, error: 'the file ends inside a quoted field (truncated export?)', raw: excerpt(open.text) };
    }
  }
}
