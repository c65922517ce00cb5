/** `voc themes`, `voc theme <id>`, `voc runs`: reading the aggregates. */
import type { Command } from 'commander';
import { themesCsv } from '../../server/csv';
import { CONCEPT_LABELS } from '../../core/analysis/concepts';
import { areaDetail, themeDetail, topThemes, listRuns, listWatermarks, type ThemesQuery } from '../../stages/query';
import { withEnvironment, UsageError, type GlobalOptions } from '../context';
import { registerCurationCommands } from './curate';
import { areasTable, info, keyValueTable, printJson, rateFootnote, sparkline, themesTable } from '../output';
import { MIN_RATE_N } from '../../core/aggregation/sample-size';

const SORTS = ['volume', 'negative', 'rising'] as const;
/** Rows a table shows unless --limit says otherwise. */
const DEFAULT_ROWS = 20;

/** A commander parser for a whole number ≥ 1 that names the option when it is not one. */
export function positiveInt(option: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option} must be a whole number of 1 or more (got "${v}")`);
    return n;
  };
}

/** Quotes, each with the command that opens its conversation. */
export function printQuotes(quotes: Array<{ text: string; conversationId?: string }>): void {
  console.log('\nWhat customers say (redacted):');
  for (const q of quotes) console.log(`  “${q.text}”${q.conversationId ? `\n      → voc conversation ${q.conversationId}` : ''}`);
}

function filterOptions(cmd: Command): Command {
  return cmd
    .option('--from <day>', 'first day (YYYY-MM-DD); default: 30 days before --to')
    .option('--to <day>', 'last day (YYYY-MM-DD); default: the newest day the last run aggregated')
    .option('--lang <code>', 'only conversations in this language (en, es, de, ar, fa, zh, …)')
    .option('--channel <name>', 'only this channel (email, chat, social, …)')
    .option('--segment <name>', "only this customer segment (from the export's customer data)")
    .option('--team <name>', 'only this support team')
    .option('--source <name>', 'only this help desk / source');
}

export function registerReadCommands(program: Command): void {
  filterOptions(
    program
      .command('themes')
      .description('Top areas and their themes in a date range: volume, share, negative share, sentiment, last-7-day trend')
      .option('--sort <how>', `volume | negative (share of negative conversations; themes with fewer than ${MIN_RATE_N} scored conversations last) | rising (last 7 days vs the 4 weeks before)`, 'volume')
      .option('--limit <n>', 'how many areas (default 20; with --flat: themes, default 20; with --csv: themes, default all)', positiveInt('--limit'))
      .option('--flat', 'one row per theme, without areas')
      .option('--csv', 'print CSV (for spreadsheets), every theme with its area (unless --limit), instead of a table'),
  )
    .addHelpText('after', `
Themes roll up into areas ("Delivery" → track my package, delivery period …): discovered from what
conversations mean, with the areas of your taxonomy (voc config taxonomy) taking precedence. Each area
shows its largest themes; voc area ID lists all of them.
Filters take one dimension at a time (aggregates are kept per theme × day × one segment).
Examples:
  $ voc themes --sort rising
  $ voc themes --lang de --from 2026-11-01 --to 2026-11-20
  $ voc themes --flat --limit 50
  $ voc themes --csv > themes.csv      every theme
${rateFootnote('negative share and CSAT')}`)
    .action(async (opts: ThemesQuery & { csv?: boolean; flat?: boolean; limit?: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (opts.sort && !SORTS.includes(opts.sort)) throw new UsageError(`--sort must be one of ${SORTS.join(', ')} (got "${opts.sort}")`);
      const grouped = !opts.flat && !opts.csv;
      await withEnvironment(g, async (env) => {
        // Grouped: every theme, so that each shown area lists its own; --limit counts areas. CSV: every theme unless --limit.
        const result = await topThemes(env.table, { ...opts, limit: grouped || (opts.csv && !opts.limit) ? Infinity : (opts.limit ?? DEFAULT_ROWS) });
        if (grouped) result.areas = result.areas.slice(0, opts.limit ?? DEFAULT_ROWS);
        if (g.json) return printJson(result);
        if (opts.csv) return void process.stdout.write(themesCsv(result.themes));
        if (!result.themes.length) return info(`No themes between ${result.from} and ${result.to} for ${result.segment}. Has \`voc run\` run?`);
        console.log(`${grouped ? 'Areas and themes' : 'Themes'} ${result.from} → ${result.to} · ${result.segment} · sorted by ${result.sort} · ${result.total} conversations`);
        console.log(grouped ? areasTable(result.areas, result.themes, { rising: result.sort === 'rising' }) : themesTable(result.themes, { rising: result.sort === 'rising' }));
        console.log(rateFootnote('negative share and CSAT'));
        if (result.sort === 'negative') console.log(`--sort negative ranks themes with at least ${MIN_RATE_N} scored conversations by negative share; smaller ones follow, by volume.`);
      });
    });

  filterOptions(program.command('area').description('One area: its measures, all its themes, and what customers say').argument('<id>', 'area id, as shown by voc themes'))
    .action(async (id: string, opts: ThemesQuery, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const detail = await areaDetail(env.table, id, opts);
        if (!detail) throw new UsageError(`no area "${id}" (see voc themes for ids)`);
        if (g.json) return printJson(detail);
        const s = detail.summary;
        console.log(`${detail.label}  (${detail.id})`);
        console.log(
          keyValueTable([
            ['range', `${detail.from} → ${detail.to} · ${detail.segment}`],
            ['volume', s ? `${s.volume} (${s.negative} negative, ${s.neutral} neutral, ${s.positive} positive${s.unscored ? `, ${s.unscored} unscored` : ''})` : '0'],
            ['avg sentiment', s ? s.avgSentiment.toFixed(2) : '–'],
            ['daily volume', sparkline(detail.timeline.map((t) => t.volume)) || '–'],
            ['last 7 days', s ? `${s.recent} vs ${s.baselinePerWeek}/week before (z ${s.risingScore.toFixed(1)})` : '–'],
          ]),
        );
        if (detail.themes.length) console.log(themesTable(detail.themes));
        if (detail.quotes.length) printQuotes(detail.quotes);
      });
    });

  const theme = filterOptions(program.command('theme').description("One theme: keyphrases, the support concepts it is about, the same topic in other languages, daily timeline, sentiment and redacted quotes; rename, merge, split, move, hide (voc theme --help)").argument('<id>', 'theme id, as shown by voc themes'));
  registerCurationCommands(theme);
  theme.action(async (id: string, opts: ThemesQuery, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const detail = await themeDetail(env.table, id, opts);
        if (!detail) throw new UsageError(`no theme "${id}" (see voc themes for ids)`);
        if (g.json) return printJson(detail);
        const s = detail.summary;
        console.log(`${detail.label}${detail.gloss ? ` — ${detail.gloss}` : ''}  (${detail.id}${detail.lang ? `, ${detail.lang}` : ''})`);
        console.log(
          keyValueTable([
            ['area', detail.area && detail.area.id !== detail.id ? `${detail.area.label} (${detail.area.id})` : '–'],
            ...(detail.mergedInto || detail.hidden || detail.discoveredLabel
              ? [['curated', [detail.discoveredLabel ? `discovered as «${detail.discoveredLabel}»` : '', detail.mergedInto ? `merged into ${detail.mergedInto}` : '', detail.hidden ? 'hidden (counts under «other»)' : '', detail.edits?.length ? `edits ${detail.edits.join(', ')}` : ''].filter(Boolean).join('; ')] as [string, string]]
              : []),
            ['keyphrases', detail.keyphrases.join(', ') || '–'],
            ['about', detail.concepts.map((c) => CONCEPT_LABELS.get(c) ?? c).join(', ') || '–'],
            ['other languages', detail.related.map((r) => `${r.label} (${r.lang === '*' ? 'defined' : r.lang}, ${r.id})`).join('; ') || '–'],
            ['range', `${detail.from} → ${detail.to} · ${detail.segment}`],
            ['volume', s ? `${s.volume} (${s.negative} negative, ${s.neutral} neutral, ${s.positive} positive${s.unscored ? `, ${s.unscored} unscored` : ''})` : '0'],
            ['avg sentiment', s ? s.avgSentiment.toFixed(2) : '–'],
            ['daily volume', sparkline(detail.timeline.map((t) => t.volume)) || '–'],
            ['last 7 days', s ? `${s.recent} vs ${s.baselinePerWeek}/week before (z ${s.risingScore.toFixed(1)})` : '–'],
          ]),
        );
        if (detail.quotes.length) printQuotes(detail.quotes);
      });
    });

  program
    .command('runs')
    .description('Recent pipeline runs and their outcome')
    .option('--limit <n>', 'how many', (v) => Number(v), 10)
    .action(async (opts: { limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const runs = await listRuns(env.table, opts.limit);
        if (g.json) return printJson(runs);
        if (!runs.length) return info('No runs yet: try voc run --sample');
        for (const r of runs) console.log(`${r.runId}  ${r.status.padEnd(9)} ${r.startedAt} → ${r.finishedAt}  latest day ${r.latestDay ?? '–'}  themes ${r.themes ?? 0}${r.themeFit ? (r.themeFit.refit ? ` (fitted: ${r.themeFit.reason})` : ` (kept, fitted ${r.themeFit.fittedAt?.slice(0, 10) ?? 'earlier'})`) : ''}${r.error ? `  error: ${r.error}` : ''}`);
      });
    });

  program
    .command('sources')
    .description("Each source's watermark: the newest updatedAt ingested, where its next incremental export should start")
    .action(async (_opts: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const marks = await listWatermarks(env.table);
        if (g.json) return printJson(marks);
        if (!marks.length) return info('No sources yet: run voc run or voc ingest first.');
        for (const m of marks) console.log(`${m.source.padEnd(16)} ${m.updatedAt}`);
      });
    });
}
