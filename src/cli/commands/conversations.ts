/** `voc conversations`, `voc conversation <id>`, `voc quotes`: from a number to the conversations behind it. */
import type { Command } from 'commander';
import Table from 'cli-table3';
import type { ConversationsQuery } from '../../stages/conversations';
import { CONVERSATION_SENTIMENTS, CONVERSATION_SORTS, DEFAULT_PAGE, MAX_PAGE, SLA_FILTERS } from '../../stages/conversations';
import { UsageError, withEnvironment, type GlobalOptions } from '../context';
import { info, keyValueTable, printJson } from '../output';
import { positiveInt } from './read';

const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
const minutes = (m: number | undefined) => (m === undefined ? '–' : m < 90 ? `${Math.round(m)}m` : m < 48 * 60 ? `${(m / 60).toFixed(1)}h` : `${(m / 1440).toFixed(1)}d`);
const short = (s: string | undefined, n: number) => (!s ? '' : s.length > n ? `${s.slice(0, n - 1)}…` : s);

function oneOf<T extends string>(option: string, values: readonly T[]): (v: string) => T {
  return (v) => {
    if (!(values as readonly string[]).includes(v)) throw new UsageError(`${option} must be one of ${values.join(', ')} (got "${v}")`);
    return v as T;
  };
}

interface ListOptions extends Omit<ConversationsQuery, 'offset' | 'limit' | 'sla'> {
  slaBreached?: boolean | string;
  page?: number;
  limit?: number;
  csv?: boolean;
}

export function registerConversationCommands(program: Command): void {
  program
    .command('conversations')
    .description('The conversations behind a number: of a theme or area × language/channel/team/segment/source × days, filtered by sentiment, CSAT, SLA breach and words; a page at a time, or all of them as CSV')
    .option('--theme <id>', 'only this theme (ids from voc themes)')
    .option('--area <id>', 'only the themes of this area')
    .option('--from <day>', 'first day (YYYY-MM-DD); default: 30 days before --to')
    .option('--to <day>', 'last day (YYYY-MM-DD); default: the newest day the last run aggregated')
    .option('--lang <code>', 'only this language (en, es, de, …: an unknown value lists those in the data)')
    .option('--channel <name>', 'only this channel')
    .option('--team <name>', 'only this team')
    .option('--segment <name>', 'only this customer segment')
    .option('--source <name>', 'only this help desk / source')
    .option('--sentiment <label>', CONVERSATION_SENTIMENTS.join(' | '), oneOf('--sentiment', CONVERSATION_SENTIMENTS))
    .option('--csat <ratings>', 'a rating (1–5), a range (1-2), a list (1,2), rated or unrated')
    .option('--sla-breached [which]', `a breached SLA: any (the default), first-response or resolution; --sla-breached no: judged and met`)
    .option('--q <words>', 'words the customer used, all of them (each as the start of a word: refund finds refunded)')
    .option('--sort <how>', CONVERSATION_SORTS.join(' | '), oneOf('--sort', CONVERSATION_SORTS))
    .option('--page <n>', 'which page (from 1)', positiveInt('--page'), 1)
    .option('--limit <n>', `conversations per page (default ${DEFAULT_PAGE}, at most ${MAX_PAGE}; with --csv: all unless given)`, positiveInt('--limit'))
    .option('--csv', 'print every match as CSV (for spreadsheets) instead of a page')
    .addHelpText('after', `
What is searched and shown is the redacted thread, with the words fewer than 3 customers used masked
('…'), as in quotes. The list reads one partition per day of the range (at most a year).
Examples:
  $ voc conversations --theme <id> --sentiment negative
  $ voc conversations --lang es --sla-breached --sort negative
  $ voc conversations --team billing --csat 1-2 --q refund
  $ voc conversations --area <id> --csv > conversations.csv
  $ voc conversation <id>          one conversation's thread`)
    .action(async (opts: ListOptions, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const sla = slaFilter(opts.slaBreached);
      if (!opts.csv && opts.limit !== undefined && opts.limit > MAX_PAGE) throw new UsageError(`--limit is at most ${MAX_PAGE} a page (use --page for more, or --csv for all)`);
      const limit = opts.csv ? (opts.limit ?? Infinity) : (opts.limit ?? DEFAULT_PAGE);
      const offset = opts.csv && opts.limit === undefined ? 0 : ((opts.page ?? 1) - 1) * limit;
      const { page: _p, limit: _l, csv: _c, slaBreached: _s, ...filters } = opts;
      await withEnvironment(g, async (env) => {
        const { listConversations } = await import('../../stages/conversations');
        const page = await listConversations(env.table, { ...filters, sla, offset, limit });
        if (opts.csv) {
          const { conversationsCsv } = await import('../../server/exports');
          return void process.stdout.write(conversationsCsv(page));
        }
        if (g.json) return printJson(page);
        if (!page.total) return info(`No conversations match between ${page.from} and ${page.to}.`);
        const pages = Math.ceil(page.total / page.limit);
        console.log(`${page.total} conversations ${page.from} → ${page.to} · page ${opts.page ?? 1} of ${pages} · sorted by ${page.sort}`);
        const t = new Table({ head: ['id', 'day', 'theme', 'lang', 'team', 'sentiment', 'CSAT', 'SLA', '1st resp', 'quote'], style: { head: [], border: [] }, chars: COMPACT });
        for (const r of page.rows) {
          const slaText = r.slaFirst === 'breached' || r.slaResolution === 'breached' ? 'breached' : r.slaFirst || r.slaResolution ? 'met' : '–';
          t.push([r.id, r.day, short(r.theme.label, 28), r.lang, r.team ?? '–', `${r.sentiment} ${r.score.toFixed(2)}`, r.csat?.toFixed(0) ?? '–', slaText, minutes(r.firstResponse), short(r.quote, 50)]);
        }
        console.log(t.toString());
        if ((opts.page ?? 1) < pages) console.log(`Next: add --page ${(opts.page ?? 1) + 1}. Read one: voc conversation <id>. All as CSV: add --csv.`);
      });
    });

  program
    .command('conversation')
    .description("One conversation as a product manager may read it: the redacted thread with each customer message's sentiment, its theme, area and KPIs")
    .argument('<id>', 'conversation id, as voc conversations and quotes show it (e.g. zendesk:4101)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const { conversationDetail } = await import('../../stages/conversations');
        const c = await conversationDetail(env.table, id);
        if (!c) throw new UsageError(`no conversation "${id}" in the index (ids as voc conversations lists them; the index holds conversations analysed since the last catalogue)`);
        if (g.json) return printJson(c);
        const k = c.kpis;
        const sla = (o: { met?: boolean; targetMinutes: number } | undefined) => (!o ? '–' : `${o.met === true ? 'met' : o.met === false ? 'breached' : 'running'} (target ${minutes(o.targetMinutes)})`);
        console.log(`${c.id}  ${c.day} · ${c.source} · ${c.channel} · ${c.language}${c.team ? ` · team ${c.team}` : ''}${c.segment ? ` · ${c.segment}` : ''}`);
        console.log(
          keyValueTable([
            ['theme', `${c.theme.label} (${c.theme.id})`],
            ['area', `${c.area.label} (${c.area.id})`],
            ['sentiment', `${c.sentiment.label} ${c.sentiment.score.toFixed(2)} · ${c.trajectory}`],
            ['CSAT', c.csat === undefined ? 'not rated' : `${c.csat.toFixed(1)} of 5`],
            ['first response', `${minutes(k.firstResponse?.calendarMinutes)} · SLA ${sla(k.sla.firstResponse)}`],
            ['resolution', `${minutes(k.fullResolution?.calendarMinutes)} · SLA ${sla(k.sla.resolution)}`],
            ['reopens', k.reopens],
            ['agent replies', k.agentReplies],
          ]),
        );
        console.log('');
        for (const m of c.messages) {
          const score = m.score === undefined ? '' : `  [${m.label} ${m.score.toFixed(2)}]`;
          console.log(`${m.at.slice(0, 16).replace('T', ' ')}  ${m.role.padEnd(8)}${score}\n  ${m.text.replace(/\n+/g, '\n  ')}`);
        }
        if (c.omitted) console.log(`(${c.omitted} messages in the middle of the thread not kept)`);
        console.log("\nRedacted at ingest; words fewer than 3 customers used are shown as '…'.");
      });
    });

  program
    .command('quotes')
    .description('Every customer quote of a theme, an area or all themes in a range (redacted), each with its conversation')
    .option('--theme <id>', 'only this theme')
    .option('--area <id>', 'only the themes of this area')
    .option('--from <day>', 'first day (YYYY-MM-DD)')
    .option('--to <day>', 'last day (YYYY-MM-DD)')
    .option('--lang <code>', 'only this language')
    .option('--channel <name>', 'only this channel')
    .option('--team <name>', 'only this team')
    .option('--segment <name>', 'only this customer segment')
    .option('--source <name>', 'only this source')
    .option('--limit <n>', 'quotes to show (default 20; with --csv: all unless given)', positiveInt('--limit'))
    .option('--csv', 'print every quote as CSV')
    .action(async (opts: Omit<ConversationsQuery, 'limit'> & { limit?: number; csv?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const { limit, csv, ...q } = opts;
      await withEnvironment(g, async (env) => {
        const { quotesOf } = await import('../../stages/quotes');
        const result = await quotesOf(env.table, q);
        const quotes = result.quotes.slice(0, limit ?? (csv ? Infinity : 20));
        if (csv) {
          const { quotesCsv } = await import('../../server/exports');
          return void process.stdout.write(quotesCsv(quotes));
        }
        if (g.json) return printJson({ ...result, quotes });
        if (!quotes.length) return info(`No quotes between ${result.from} and ${result.to}.`);
        for (const x of quotes) console.log(`${x.theme}: “${x.text}”${x.conversationId ? `\n      → voc conversation ${x.conversationId}` : ''}`);
        if (quotes.length < result.quotes.length) console.log(`${result.quotes.length - quotes.length} more: --limit ${result.quotes.length}, or --csv for all.`);
      });
    });
}

/** --sla-breached [which] as the list's SLA filter. */
function slaFilter(value: boolean | string | undefined): ConversationsQuery['sla'] {
  if (value === undefined || value === false) return undefined;
  if (value === true || value === 'any' || value === 'yes') return 'breached';
  if (value === 'first-response') return 'first-response-breached';
  if (value === 'resolution') return 'resolution-breached';
  if (value === 'no') return 'met';
  throw new UsageError(`--sla-breached takes any, first-response, resolution or no (got "${value}"); valid filters: ${SLA_FILTERS.join(', ')}`);
}
