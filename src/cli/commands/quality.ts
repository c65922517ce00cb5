/** `voc kpis`, `voc qa-sample`, `voc templates`, `voc tone`, `voc wow`, `voc config`: support KPIs and quality signals. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { registerAlertsConfigCommand, showOrSetSettings } from './alerts';
import Table from 'cli-table3';
import { csvTable } from '../../core/csv';
import type { KpiDimension, KpiRow } from '../../stages/kpi-report';
import { KPI_DIMENSIONS } from '../../stages/kpi-dimensions';
import type { ThemesQuery } from '../../stages/query';
import { UsageError, withEnvironment, type GlobalOptions } from '../context';
import { info, printJson, rateCell, rateFootnote } from '../output';
import { positiveInt } from './read';
import { CSAT_DEFINITION, MIN_RATE_N } from '../../core/aggregation/sample-size';
import { KPI_SORTS, type KpiReport, type KpiSort } from '../../stages/kpi-report';
import { MIN_TEMPLATE_AGENTS, type Comparison } from '../../core/kpis/template-outcomes';
import type { TemplatesReport } from '../../stages/templates-report';

const minutes = (m: number | undefined) => (m === undefined ? '–' : m < 90 ? `${Math.round(m)}m` : m < 48 * 60 ? `${(m / 60).toFixed(1)}h` : `${(m / 1440).toFixed(1)}d`);
const pct = (x: number | undefined) => (x === undefined ? '–' : `${Math.round(x * 100)}%`);
const table = (head: string[]) => new Table({ head, style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });

function rangeOptions(cmd: Command): Command {
  return cmd
    .option('--from <day>', 'first day (YYYY-MM-DD); default: 30 days before --to')
    .option('--to <day>', 'last day; default: the newest day the last run aggregated');
}

function goodwillText(r: KpiRow): string {
  const amounts = Object.entries(r.goodwill.amounts).map(([cur, n]) => `${n} ${cur}`).join(' + ');
  return r.goodwill.conversations ? `${r.goodwill.conversations}${amounts ? ` (${amounts})` : ''}` : '–';
}

export function kpiTable(rows: KpiRow[], by = 'theme'): string {
  const t = table([by, 'conv.', '1st resp p50 (n)', 'p90', 'resolution p50 (n)', 'p90', 'SLA 1st (judged)', 'SLA res. (judged)', 'CSAT (rated)', 'reopened', 'goodwill', 'wow', 'agent tone']);
  for (const r of rows) {
    const k = r.kpis;
    t.push([
      r.label.length > 36 ? `${r.label.slice(0, 35)}…` : r.label,
      r.volume,
      k.firstResponse.count ? `${minutes(k.firstResponse.p50)} (${k.firstResponse.count})` : '–',
      minutes(k.firstResponse.p90),
      k.fullResolution.count ? `${minutes(k.fullResolution.p50)} (${k.fullResolution.count})` : '–',
      minutes(k.fullResolution.p90),
      rateCell(k.slaFirstResponseRate, k.slaFirstResponseJudged),
      rateCell(k.slaResolutionRate, k.slaResolutionJudged),
      rateCell(k.csatRate, k.csatRated),
      rateCell(k.reopenRate, r.volume),
      goodwillText(r),
      r.wow,
      r.agentTone?.toFixed(2) ?? '–',
    ]);
  }
  return t.toString();
}

/** The SLA targets in effect, in a line: what "SLA %" is measured against. */
export function targetsText(targets: KpiReport['targets']): string {
  const sla = targets?.sla;
  if (!sla || (!sla.default && !sla.rules?.length)) return 'SLA targets: none set (voc config kpis FILE), so no conversation is judged.';
  const rule = (r: { priority?: string; channel?: string; firstResponseMinutes?: number; resolutionMinutes?: number; businessHours?: boolean }) =>
    [r.priority, r.channel].filter(Boolean).join('/') + ': ' + [r.firstResponseMinutes !== undefined ? `1st ${minutes(r.firstResponseMinutes)}` : '', r.resolutionMinutes !== undefined ? `res. ${minutes(r.resolutionMinutes)}` : ''].filter(Boolean).join(', ') + (r.businessHours ? ' (business hours)' : '');
  return `SLA targets: ${[...(sla.rules ?? []).map(rule), ...(sla.default ? [rule({ ...sla.default, priority: 'default' })] : [])].join('; ')}`;
}

export function registerQualityCommands(program: Command): void {
  rangeOptions(program.command('kpis').description('Support KPIs per theme, team, channel, language, source or customer segment: response and resolution times (p50/p90), SLA %, CSAT, reopens, goodwill, wow moments'))
    .option('--by <dimension>', KPI_DIMENSIONS.join(' | '), 'theme')
    .option('--sort <how>', `${KPI_SORTS.join(' | ')}: rates worst first, rows with fewer than ${MIN_RATE_N} behind the rate last`, 'volume')
    .option('--lang <code>', 'with --by theme or area: only this language')
    .option('--channel <name>', 'with --by theme or area: only this channel')
    .option('--team <name>', 'with --by theme or area: only this team')
    .option('--segment <name>', 'with --by theme or area: only this customer segment')
    .option('--source <name>', 'with --by theme or area: only this source')
    .option('--limit <n>', 'rows to show (default 20; with --csv: all unless given)', positiveInt('--limit'))
    .option('--csv', 'print every row as CSV (for spreadsheets) instead of a table')
    .addHelpText('after', `
Definitions (first response, full resolution, requester wait, SLA, reopens) are in the README,
matching how Zendesk, Intercom and Freshdesk define them. Targets: voc config kpis FILE.
${CSAT_DEFINITION}. SLA % = met ÷ judged (conversations with a target that met or breached it).
Examples:
  $ voc kpis --by team --sort sla-first-response     the team that misses its first-response SLA most
  $ voc kpis --by theme --channel chat --from 2026-11-01
  $ voc kpis --by team --csv > kpis.csv`)
    .action(async (opts: Omit<ThemesQuery, 'sort' | 'limit'> & { by: KpiDimension; sort: KpiSort; limit?: number; csv?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (!KPI_DIMENSIONS.includes(opts.by)) throw new UsageError(`--by must be one of ${KPI_DIMENSIONS.join(', ')} (got "${opts.by}")`);
      if (!KPI_SORTS.includes(opts.sort)) throw new UsageError(`--sort must be one of ${KPI_SORTS.join(', ')} (got "${opts.sort}")`);
      await withEnvironment(g, async (env) => {
        const { kpiReport } = await import('../../stages/kpi-report');
        const report = await kpiReport(env.table, opts);
        const rows = report.rows.slice(0, opts.limit ?? (opts.csv ? Infinity : 20));
        if (opts.csv) {
          const { kpisCsv } = await import('../../server/exports');
          return void process.stdout.write(kpisCsv({ ...report, rows }));
        }
        if (g.json) return printJson({ ...report, rows });
        console.log(`KPIs by ${report.by} · ${report.from} → ${report.to} · ${report.segment} · sorted by ${report.sort}`);
        console.log(kpiTable(rows, report.by));
        if (rows.length < report.rows.length) console.log(`${report.rows.length - rows.length} more rows: --limit ${report.rows.length}, or --csv for all.`);
        console.log(targetsText(report.targets));
        console.log(rateFootnote('each rate'));
      });
    });

  program
    .command('qa-sample')
    .description("Pick a reproducible, stratified sample of a week's conversations for QA review, with the reason each was picked")
    .requiredOption('--week <week>', 'ISO week, e.g. 2026-W47')
    .option('--rate <share>', 'share of the week to review', (v) => Number(v), 0.1)
    .option('--seed <text>', 'same seed, same sample (default: the week)')
    .option('--min-per-stratum <n>', 'picks guaranteed to every team × channel × theme × sentiment stratum (default 0: proportional)', (v) => Number(v), 0)
    .option('--out <dir>', 'where to write qa-sample-<week>.csv and .json', '.')
    .addHelpText('after', `
Strata are week × team × channel × theme × sentiment; negative and long conversations (10+ messages)
are sampled at twice the rate, so the sample is somewhat above --rate when the week has many of them.
--min-per-stratum 1 guarantees every stratum a reviewer's look (with small weeks that lifts the sample a lot).`)
    .action(async (opts: { week: string; rate: number; seed?: string; minPerStratum: number; out: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const { weeklyQaSample } = await import('../../stages/quality');
        const sample = await weeklyQaSample(env.blobs, opts);
        fs.mkdirSync(opts.out, { recursive: true });
        const base = path.join(opts.out, `qa-sample-${sample.week}`);
        fs.writeFileSync(`${base}.json`, JSON.stringify(sample, null, 2));
        const cols = ['id', 'stratum', 'reasons', 'rate', 'theme', 'team', 'channel', 'sentiment', 'messages', 'quote'] as const;
        // Quotes are customers' words: a cell starting = + - @ is neutralised like every CSV's (core/csv.ts).
        fs.writeFileSync(`${base}.csv`, csvTable(cols, sample.picks, (p) => cols.map((c) => p[c])));
        if (g.json) return printJson({ ...sample, files: [`${base}.csv`, `${base}.json`] });
        info(`${sample.picks.length} of ${sample.population} conversations (${pct(sample.population ? sample.picks.length / sample.population : 0)}) picked for ${sample.week} → ${base}.csv, ${base}.json`);
      });
    });

  rangeOptions(program.command('templates').description('Canned replies that several agents share: uses, teams, and what follows them (sentiment change, reopens, CSAT) against comparable conversations without them'))
    .option('--limit <n>', 'templates to show', positiveInt('--limit'), 10)
    .addHelpText('after', `
Only templates at least ${MIN_TEMPLATE_AGENTS} agents sent count (one agent's habit is not a team's template).
"without" is the conversations of the same themes that did not get the template, weighted to its mix of
themes. Sentiment change: the customer's next message minus their last one before the reply.
${CSAT_DEFINITION}. (n) beside each figure; * = fewer than ${MIN_RATE_N}.
Without --from/--to: the report of the last nightly run (its discovery window); with them, computed now.`)
    .action(async (opts: { from?: string; to?: string; limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const [{ resolveRange }, { readTemplatesReport }, { computeTemplatesReport }] = await Promise.all([import('../../stages/query'), import('../../stages/templates-report'), import('../../stages/nightly-report')]);
        const stored = !opts.from && !opts.to ? await readTemplatesReport(env.table) : undefined;
        const report = stored ?? (await computeTemplatesReport(env.blobs, await resolveRange(env.table, opts)));
        if (g.json) return printJson({ ...report, templates: report.templates.slice(0, opts.limit) });
        console.log(templatesText(report, opts.limit));
      });
    });

  rangeOptions(program.command('tone').description('Agent tone (politeness, empathy) and customer sentiment per team per week'))
    .action(async (opts: { from?: string; to?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const { toneByTeamAndWeek } = await import('../../stages/kpi-report');
        const report = await toneByTeamAndWeek(env.table, opts);
        if (g.json) return printJson(report);
        const t = table(['team', 'week', 'agent messages', 'agent tone', 'customer sentiment', 'conversations']);
        for (const r of report.rows) t.push([r.team, r.week, r.messages, r.agentTone?.toFixed(2) ?? '–', r.avgCustomerSentiment.toFixed(2), r.volume]);
        console.log(report.rows.length ? t.toString() : 'No team data in this range (exports without a team field have none).');
      });
    });

  rangeOptions(program.command('wow').description('Wow moments: conversations that recovered sharply or where the customer praised the agent'))
    .option('--team <name>', 'only this team')
    .option('--limit <n>', 'how many', (v) => Number(v), 20)
    .action(async (opts: { from?: string; to?: string; team?: string; limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const [{ resolveRange }, { wowExamples }] = await Promise.all([import('../../stages/query'), import('../../stages/quality')]);
        const range = await resolveRange(env.table, opts);
        const examples = await wowExamples(env.blobs, { ...range, team: opts.team, limit: opts.limit });
        if (g.json) return printJson(examples);
        for (const e of examples) console.log(`${e.day} ${e.team ?? '–'} [${e.kind}] ${e.theme}\n   “${e.evidence}”`);
        if (!examples.length) info('No wow moments in this range.');
      });
    });

  const config = program.command('config').description('Settings the team owns, stored with the data so the nightly run uses them too');
  registerAlertsConfigCommand(config);
  config
    .command('kpis')
    .description('Show, or set from a JSON file, the SLA targets and business hours KPIs are measured against')
    .argument('[file]', 'JSON: {"sla":{"rules":[{"priority":"urgent","firstResponseMinutes":60}],"default":{"firstResponseMinutes":480}},"businessCalendar":{"timeZone":"Europe/Berlin","days":[1,2,3,4,5],"start":"09:00","end":"17:00"}}')
    .action(async (file: string | undefined, _opts: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        if (file) {
          if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
          const { parseKpiConfig, saveKpiConfig } = await import('../../stages/settings');
          await saveKpiConfig(env.blobs, parseKpiConfig(fs.readFileSync(file, 'utf8'), file));
          info('Saved. The next run re-analyses every day with these targets (voc analyze to do it now).');
        }
        const { loadKpiConfig } = await import('../../stages/settings');
        printJson(await loadKpiConfig(env.blobs));
      });
    });

  config
    .command('taxonomy')
    .description('Show, or set from a YAML/JSON file, the themes product defines (areas → themes with keywords and example messages)')
    .argument('[file]', 'e.g. data/sample/taxonomy.yaml')
    .addHelpText('after', `
Conversations that match a defined theme get it (id tax:<area>.<theme>); the rest are clustered into
discovered themes, so new topics surface instead of hiding in "other". The next run re-analyses.`)
    .action(async (file: string | undefined, _opts: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        if (file) {
          if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
          const [{ saveTaxonomy }, { parseTaxonomy }] = await Promise.all([import('../../stages/settings'), import('../../core/taxonomy-file')]);
          await saveTaxonomy(env.blobs, parseTaxonomy(fs.readFileSync(file, 'utf8'), file));
          info('Saved. The next run (voc run, or voc analyze now) assigns these themes.');
        }
        const { loadTaxonomy } = await import('../../stages/settings');
        printJson((await loadTaxonomy(env.blobs)) ?? null);
      });
    });

  config
    .command('discovery')
    .description('Show, or set from a JSON file, when a night fits the themes again instead of keeping the catalogue')
    .argument('[file]', 'JSON: {"refit":{"newConversationsShare":0.15,"windowMovedDays":7}}')
    .addHelpText('after', `
A night fits the themes again when at least newConversationsShare of the window's conversations are new
(or changed) since the last fit, when the window's newest day moved windowMovedDays or more since then,
when the taxonomy or the product team's edits changed, or with voc run --refit. Other nights keep the
catalogue, so only the days with new data are analysed. Omitted settings keep their defaults (0.15, 7 days);
{"refit":{"windowMovedDays":1}} fits every night with new data. docs/ARCHITECTURE.md explains the choice.`)
    .action(
      showOrSetSettings(async () => {
        const { loadDiscoverySettings, parseDiscoverySettings, saveDiscoverySettings } = await import('../../stages/settings');
        const { refitThresholds } = await import('../../core/theme-refit');
        return {
          load: loadDiscoverySettings,
          parse: parseDiscoverySettings,
          save: saveDiscoverySettings,
          saved: 'Saved. The next run decides with these thresholds (voc run --refit fits the themes again now).',
          show: (settings) => ({ refit: refitThresholds(settings) }),
        };
      }),
    );
}

const signed = (x: number | undefined) => (x === undefined ? '–' : x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));
const versus = (c: Comparison, cell: (value: number | undefined, n: number) => string) => `${cell(c.with.value, c.with.n)} vs ${cell(c.without.value, c.without.n)}`;
const meanCell = (value: number | undefined, n: number) => (value === undefined || !n ? '–' : `${signed(value)} (${n})${n < MIN_RATE_N ? '*' : ''}`);

/** The templates report as a person reads it: the table, then each template's before/after. */
export function templatesText(report: TemplatesReport, limit: number): string {
  const lines = [
    `${report.templates.length + report.omitted} shared templates (sent by ${report.minAgents}+ agents) in ${report.agentMessages} agent messages · ${report.from} → ${report.to}; ${report.templatedMessages} messages (${pct(report.agentMessages ? report.templatedMessages / report.agentMessages : undefined)}) are one of them`,
  ];
  const t = table(['template', 'uses', 'conv.', 'agents', 'teams', 'sentiment change: with vs without', 'reopened: with vs without', 'CSAT: with vs without', 'example']);
  for (const tpl of report.templates.slice(0, limit)) {
    t.push([
      tpl.id,
      tpl.uses,
      tpl.conversations,
      tpl.agents,
      tpl.teams.map((x) => `${x.team} ${x.conversations}`).join(', ').slice(0, 30) || '–',
      versus(tpl.sentimentChange, meanCell),
      versus(tpl.reopened, rateCell),
      versus(tpl.csat, rateCell),
      tpl.example.slice(0, 50),
    ]);
  }
  lines.push(t.toString());
  const drops = report.templates.slice(0, limit).filter((x) => x.beforeAfter);
  for (const tpl of drops) {
    const ba = tpl.beforeAfter!;
    lines.push(`${tpl.id}, before → after (${signed(ba.beforeScore)} → ${signed(ba.afterScore)}):\n  “${ba.before.replace(/\s+/g, ' ').slice(0, 140)}”\n  “${ba.after.replace(/\s+/g, ' ').slice(0, 140)}”\n      → voc conversation ${ba.conversationId}`);
  }
  lines.push(`${report.followedByDrop} replies with a shared template were followed by the customer's sentiment falling by 0.25 or more.`);
  const agents = table(['agent', 'messages', 'shared-template share']);
  for (const a of report.agents.slice(0, limit)) agents.push([a.agent, a.messages, rateCell(a.share, a.messages)]);
  lines.push(agents.toString(), `${CSAT_DEFINITION}. * = fewer than ${MIN_RATE_N}, too few to repeat.`);
  return lines.join('\n');
}
