/** Terminal output: tables for people, JSON for programs, progress bars only where someone watches. */
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { ThemeSummary } from '../core/aggregation/ranking';
import type { AreaSummary } from '../stages/query';
import { CSAT_DEFINITION, MIN_RATE_N } from '../core/aggregation/sample-size';

export const interactive = () => Boolean(process.stderr.isTTY) && !process.env.CI;

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function info(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** A progress bar on a terminal; a single summary line per task elsewhere (CI logs, pipes). */
export class Progress {
  private bar?: cliProgress.SingleBar;
  private label = '';
  private last = 0;

  constructor(private readonly quiet = false) {}

  start(label: string, total: number, unit = 'items'): void {
    this.stop();
    this.label = label;
    this.last = 0;
    if (this.quiet) return;
    if (interactive()) {
      this.bar = new cliProgress.SingleBar(
        { format: `${label.padEnd(10)} {bar} {value}/{total} ${unit} {detail}`, hideCursor: true, clearOnComplete: false, stream: process.stderr, etaBuffer: 20 },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(Math.max(total, 1), 0, { detail: '' });
    }
  }

  update(value: number, detail = '', total?: number): void {
    this.last = value;
    if (total !== undefined) this.bar?.setTotal(Math.max(total, 1));
    this.bar?.update(value, { detail });
  }

  /** A line of its own while a bar may be drawing: clears the bar's line first; the bar redraws on its next update. */
  log(line: string): void {
    if (this.quiet) return;
    info(`${this.bar ? '\r\x1b[2K' : ''}${line}`);
  }

  stop(summary?: string): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = undefined;
    }
    if (!this.quiet && summary) info(`${this.label ? `${this.label}: ` : ''}${summary}`);
    this.label = '';
    void this.last;
  }
}

/** Borders without a rule between every row: easier to scan. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A rate with its n; '*' marks one from fewer than MIN_RATE_N observations (see rateFootnote). */
export function rateCell(rate: number | undefined, n: number): string {
  if (rate === undefined || n === 0) return '–';
  return `${pct(rate)} (${n})${n < MIN_RATE_N ? '*' : ''}`;
}

/** What the CLI prints under a table with rates: the CSAT definition and what '*' means. */
export const rateFootnote = (what = 'rates') =>
  `${CSAT_DEFINITION}. (n) beside ${what}; * = fewer than ${MIN_RATE_N}, too few to repeat.`;
const signed = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

export function themesTable(themes: ThemeSummary[], options: { rising?: boolean } = {}): string {
  const table = new Table({
    head: ['#', 'theme', 'volume', 'share', 'negative (n)', 'sentiment', options.rising ? 'last 7d (z)' : 'last 7d', 'CSAT (n)', 'id'],
    style: { head: [], border: [] },
    chars: COMPACT,
    colAligns: ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  themes.forEach((t, i) => {
    const glossed = t.gloss ? `${t.label} — ${t.gloss}` : t.label;
    const full = t.emerging ? `${glossed} (new)` : glossed;
    const label = full.length > 48 ? `${full.slice(0, 47)}…` : full;
    const recent = options.rising ? `${t.recent} (${t.risingScore.toFixed(1)})` : String(t.recent);
    table.push([i + 1, label, t.volume, pct(t.share), rateCell(t.negativeShare, t.volume - t.unscored), signed(t.avgSentiment), recent, rateCell(t.csatRate, t.csatRated), t.id]);
  });
  return table.toString();
}

/**
 * Areas first, each with its largest themes indented below it: what a product manager reads first, then
 * what is inside. `themesPerArea` themes are shown per area; the rest are counted on one line.
 */
export function areasTable(areas: AreaSummary[], themes: ThemeSummary[], options: { rising?: boolean; themesPerArea?: number } = {}): string {
  const table = new Table({
    head: ['#', 'area › theme', 'volume', 'share', 'negative (n)', 'sentiment', options.rising ? 'last 7d (z)' : 'last 7d', 'CSAT (n)', 'id'],
    style: { head: [], border: [] },
    chars: COMPACT,
    colAligns: ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  const byId = new Map(themes.map((t) => [t.id, t]));
  const per = options.themesPerArea ?? 4;
  const row = (n: string | number, label: string, t: ThemeSummary) => {
    const glossed = t.gloss ? `${label} — ${t.gloss}` : label;
    const full = t.emerging ? `${glossed} (new)` : glossed;
    const shown = full.length > 52 ? `${full.slice(0, 51)}…` : full;
    const recent = options.rising ? `${t.recent} (${t.risingScore.toFixed(1)})` : String(t.recent);
    return [n, shown, t.volume, pct(t.share), rateCell(t.negativeShare, t.volume - t.unscored), signed(t.avgSentiment), recent, rateCell(t.csatRate, t.csatRated), t.id];
  };
  areas.forEach((a, i) => {
    const own = a.themeIds.map((id) => byId.get(id)).filter((t): t is ThemeSummary => !!t);
    // An area that is one theme under the same name is shown once.
    const single = own.length === 1 && own[0]!.label === a.label;
    table.push(row(i + 1, a.label, single ? own[0]! : a));
    if (single) return;
    for (const t of own.slice(0, per)) table.push(row('', `  · ${t.label.startsWith(`${a.label} › `) ? t.label.slice(a.label.length + 3) : t.label}`, t));
    if (own.length > per) table.push(['', `  · … ${own.length - per} more (voc area ${a.id})`, '', '', '', '', '', '', '']);
  });
  return table.toString();
}

export function keyValueTable(rows: [string, string | number][]): string {
  const table = new Table({ style: { head: [], border: [] }, chars: COMPACT });
  for (const [k, v] of rows) table.push({ [k]: String(v) });
  return table.toString();
}

export function sparkline(values: number[]): string {
  const ticks = '▁▂▃▄▅▆▇█';
  const max = Math.max(...values, 1);
  return values.map((v) => ticks[Math.min(ticks.length - 1, Math.round((v / max) * (ticks.length - 1)))]).join('');
}
