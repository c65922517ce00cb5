/** `voc kpis`, `voc qa-sample`, `voc templates`, `voc tone`, `voc wow`, `voc config`: support KPIs and quality signals. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { csvTable } from '../../core/csv';
import type { KpiDimension, KpiRow } from '../../stages/kpi-report';
import { KPI_DIMENSIONS } from '../../stages/kpi-dimensions';
import type { ThemesQuery } from '../../stages/query';
import { UsageError, withEnvironment, type GlobalOptions } from '../context';
import { info, printJson } from '../output';

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
  const t = table([by, 'conv.', '1st resp p50', 'p90', 'resolution p50', 'p90', 'SLA 1st', 'SLA res.', 'CSAT', 'reopened', 'goodwill', 'wow', 'agent tone']);
  for (const r of rows) {
    const k = r.kpis;
    t.push([r.label.length > 36 ? `${r.label.slice(0, 35)}…` : r.label, r.volume, minutes(k.firstResponse.p50), minutes(k.firstResponse.p90), minutes(k.fullResolution.p50), minutes(k.fullResolution.p90), pct(k.slaFirstResponseRate), pct(k.slaResolutionRate), pct(k.csatRate), pct(k.reopenRate), goodwillText(r), r.wow, r.agentTone?.toFixed(2) ?? '–']);
  }
  return t.toString();
}

export function registerQualityCommands(program: Command): void {
  rangeOptions(program.command('kpis').description('Support KPIs per theme, team, channel, language, source or customer segment: response and resolution times (p50/p90), SLA %, CSAT, reopens, goodwill, wow moments'))
    .option('--by <dimension>', KPI_DIMENSIONS.join(' | '), 'theme')
    .option('--lang <code>', 'with --by theme: only this language')
    .option('--channel <name>', 'with --by theme: only this channel')
    .option('--team <name>', 'with --by theme: only this team')
    .option('--limit <n>', 'rows to show', (v) => Number(v), 20)
    .addHelpText('after', `
Definitions (first response, full resolution, requester wait, SLA, reopens, CSAT %) are in the README,
matching how Zendesk, Intercom and Freshdesk define them. Targets: voc config kpis FILE.
Examples:
  $ voc kpis --by team
  $ voc kpis --by theme --channel chat --from 2026-11-01`)
    .action(async (opts: ThemesQuery & { by: KpiDimension; limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (!KPI_DIMENSIONS.includes(opts.by)) throw new UsageError(`--by must be one of ${KPI_DIMENSIONS.join(', ')}`);
      await withEnvironment(g, async (env) => {
        const { kpiReport } = await import('../../stages/kpi-report');
        const report = await kpiReport(env.table, opts);
        if (g.json) return printJson(report);
        console.log(`KPIs by ${report.by} · ${report.from} → ${report.to} · ${report.segment}`);
        console.log(kpiTable(report.rows.slice(0, opts.limit), report.by));
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

  rangeOptions(program.command('templates').description("Canned replies: near-duplicate agent messages, each agent's templated share, and where a template was followed by the customer's sentiment falling"))
    .option('--limit <n>', 'templates to show', (v) => Number(v), 10)
    .action(async (opts: { from?: string; to?: string; limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const [{ resolveRange }, { templateReport }] = await Promise.all([import('../../stages/query'), import('../../stages/quality')]);
        const range = await resolveRange(env.table, opts);
        const report = await templateReport(env.blobs, range);
        if (g.json) return printJson(report);
        console.log(`${report.templates.length} templates in ${report.agentMessages} agent messages · ${report.from} → ${report.to}`);
        const t = table(['template', 'sent', 'conversations', 'agents', 'example']);
        for (const tpl of report.templates.slice(0, opts.limit)) t.push([tpl.id, tpl.count, tpl.conversations, tpl.agents.length, tpl.exampleText.replace(/\s+/g, ' ').slice(0, 70)]);
        console.log(t.toString());
        const a = table(['agent', 'messages', 'templated', 'share']);
        for (const s of report.agents.slice(0, opts.limit)) a.push([s.agent, s.messages, s.templated, pct(s.share)]);
        console.log(a.toString());
        console.log(`${report.sentimentDrops.length} conversations where a template was followed by the customer's sentiment falling (see --json).`);
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
}
