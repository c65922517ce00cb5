/** `voc run`, `voc ingest`, `voc analyze`: the nightly pipeline, whole or stage by stage. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { VocEnvironment } from '../../adapters/environment';
import { connectorRegistry, describeFormats } from '../../core/connectors';
import { layout } from '../../core/storage-layout';
import type { BlobStore } from '../../ports';
import { aggregateDayStage } from '../../stages/aggregate';
import { analyzeDay, loadAnalysisContext } from '../../stages/analyze';
import { learnSentimentStage } from '../../stages/sentiment-model';
import { discover } from '../../stages/discover';
import { finalizeRun } from '../../stages/finalize';
import { ingestObject, UnreadableInputError, type IngestFileResult } from '../../stages/ingest';
import { buildIngestContext, parseCsvColumns } from '../../stages/ingest-setup';
import { topThemes } from '../../stages/query';
import { kpiReport } from '../../stages/kpi-report';
import { kpiTable } from './quality';
import { loadTaxonomy, parseKpiConfig, saveKpiConfig, saveTaxonomy } from '../../stages/settings';
import { parseTaxonomy } from '../../core/taxonomy';
import { runPipeline, type PipelineEvents } from '../../stages/run';
import { RATING_LAG_DAYS } from '../../stages/ratings';
import { newRunId, UsageError, withEnvironment, type GlobalOptions } from '../context';
import { areasTable, info, keyValueTable, printJson, Progress } from '../output';

export const SAMPLE_DIR = fileURLToPath(new URL('../../../data/sample/archive/', import.meta.url));
const SAMPLE_TAXONOMY = fileURLToPath(new URL('../../../data/sample/taxonomy.yaml', import.meta.url));
const SAMPLE_KPIS = fileURLToPath(new URL('../../../data/sample/kpis.json', import.meta.url));
const today = () => new Date().toISOString().slice(0, 10);

function sampleFiles(): string[] {
  if (!fs.existsSync(SAMPLE_DIR)) throw new UsageError(`the bundled sample archive is missing (${SAMPLE_DIR})`);
  return fs.readdirSync(SAMPLE_DIR).filter((f) => /\.(jsonl|csv)(\.gz)?$/.test(f)).sort().map((f) => path.join(SAMPLE_DIR, f));
}

/** Streams local files into inbox/, as a help-desk export job or the S3 console would. */
async function uploadToInbox(blobs: BlobStore, files: string[], progress: Progress): Promise<string[]> {
  const keys: string[] = [];
  progress.start('upload', files.length, 'files');
  for (const [i, file] of files.entries()) {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file}: no such file`);
    const key = layout.inboxKey(path.basename(file));
    await blobs.put(key, fs.createReadStream(file));
    keys.push(key);
    progress.update(i + 1, path.basename(file));
  }
  progress.stop(`${files.length} file(s) uploaded to inbox/`);
  return keys;
}

function reconciliation(r: IngestFileResult): string {
  const file = r.key.slice(r.key.lastIndexOf('/') + 1);
  if (r.skipped) return `${file}: already ingested (same name and content) — skipped; use --force to re-ingest`;
  const ratings = r.ratings ? ` + ratings ${r.ratings}` : '';
  const conflicts = r.conflicts ? ` (${r.conflicts} quarantined as conflicting versions: same id and time, other content)` : '';
  const notes: string[] = [];
  // Say what was assumed about the file whenever it was not plain UTF-8 read to its end.
  if (r.reading && (r.reading.encoding !== 'utf-8' || r.reading.invalidSequences)) {
    notes.push(`read as ${r.reading.encoding} (${r.reading.encodingEvidence})${r.reading.invalidSequences ? `; ${r.reading.invalidSequences} undecodable byte sequence(s), their records quarantined` : ''}`);
  }
  if (r.reading?.stoppedEarly) notes.push(`reading stopped early: ${r.reading.stoppedEarly}`);
  return `${file} [${r.format}]: read ${r.read} = normalised ${r.normalised}${ratings} + quarantined ${r.quarantined} + duplicates ${r.duplicates}${conflicts}${notes.map((n) => `\n    ${n}`).join('')}`;
}

function pipelineEvents(progress: Progress, json: boolean): PipelineEvents {
  return {
    stage: (name, d) => {
      if (name === 'ingest') progress.start('ingest', d.total ?? 0, 'files');
      if (name === 'analyze') progress.start('analyze', d.total ?? 0, 'days');
    },
    ingestProgress: (p) => progress.update(p.fileIndex, `${p.key.slice(p.key.lastIndexOf('/') + 1)} · ${p.records} records · ${(p.bytes / 1e6).toFixed(1)} MB`),
    ingested: (r) => {
      if (!json) progress.log(`  ${reconciliation(r)}`);
    },
    discoverProgress: (p) => {
      if (p.done === 1) progress.start('discover', p.total, 'days');
      progress.update(p.done, p.day);
    },
    partitionDone: (p) => progress.update(p.done, `${p.date} · ${p.conversations} conversations`),
  };
}

export function registerPipelineCommands(program: Command): void {
  program
    .command('run')
    .description('Run the nightly pipeline: ingest everything in inbox/ (plus FILES), discover themes, analyse and aggregate, then show the top themes')
    .argument('[files...]', 'exports to upload to inbox/ first (any format voc ingest reads; gzip ok)')
    .option('--sample', 'upload the bundled sample archive first (data/sample/archive), and its taxonomy and SLA targets if none are set')
    .option('--as-of <day>', 'the night to run for (YYYY-MM-DD); themes use the 30 days up to the newest data on or before it', today())
    .option('--window-days <n>', 'days of conversations theme discovery looks at', (v) => Number(v), 30)
    .option('--force', 're-ingest files that were ingested before')
    .option('--limit <n>', 'themes to show', (v) => Number(v), 15)
    .addHelpText('after', `
Examples:
  $ voc run --sample                 ingest the bundled archive and show its themes (what npm start does)
  $ voc run exports/zendesk.jsonl    add an export, re-run the night
  $ voc run --aws --as-of 2026-11-20 run against the deployed stack (see README: Deploy)

Running twice on the same data changes nothing: files already ingested are skipped, days whose
conversations and theme catalogue are unchanged are not re-analysed, and aggregates are replaced, never added to.`)
    .action(async (files: string[], opts: { sample?: boolean; asOf: string; windowDays: number; force?: boolean; limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const progress = new Progress(g.json);
      await withEnvironment(g, async (env) => {
        if (!g.json) info(`voc-insights · ${env.mode === 'local' ? `embedded S3 + DynamoDB, data in ${env.location}` : env.location}`);
        const toUpload = [...(opts.sample ? sampleFiles() : []), ...files];
        if (opts.sample && !(await loadTaxonomy(env.blobs))) {
          // The demo shows defined and discovered themes side by side…
          await saveTaxonomy(env.blobs, parseTaxonomy(fs.readFileSync(SAMPLE_TAXONOMY, 'utf8'), SAMPLE_TAXONOMY));
        }
        if (opts.sample && !(await env.blobs.head(layout.kpiConfig()))) {
          // …and SLA % against targets a support lead might set.
          await saveKpiConfig(env.blobs, parseKpiConfig(fs.readFileSync(SAMPLE_KPIS, 'utf8'), SAMPLE_KPIS));
        }
        if (toUpload.length) await uploadToInbox(env.blobs, toUpload, progress);
        const runId = newRunId();
        const result = await runPipeline(env, {
          runId,
          asOf: opts.asOf,
          windowDays: opts.windowDays,
          ingest: buildIngestContext({ pseudonymKey: await env.pseudonymKey(), force: opts.force }),
          events: pipelineEvents(progress, Boolean(g.json)),
        });
        progress.stop();
        const themes = await topThemes(env.table, { to: result.summary.latestDay, sort: 'volume', limit: 500 });
        if (g.json) return printJson({ run: result.summary, ingested: result.ingested, themes });
        const s = result.summary;
        info(
          keyValueTable([
            ['run', `${s.runId} (${s.status})`],
            ['files ingested', `${result.ingested.filter((r) => !r.skipped).length} new, ${result.ingested.filter((r) => r.skipped).length} already done`],
            ['records', `${s.read} read = ${s.normalised} normalised${s.ratings ? ` + ${s.ratings} ratings` : ''} + ${s.quarantined} quarantined + ${s.duplicates} duplicates`],
            ...(s.ratings || s.ratingsJoined ? [['ratings joined', `${s.ratingsJoined ?? 0} conversation(s) in the days analysed (${s.ratings ?? 0} ratings ingested this run)`] as [string, string]] : []),
            ...(s.unscored ? [['unscored', `${s.unscored} conversation(s) in a language without a sentiment lexicon (labelled neutral, not read; kept out of the sentiment shares)`] as [string, string]] : []),
            ['theme window', s.window ? `${s.window.from} → ${s.window.to} (${result.discovered.conversations} conversations)` : 'no conversations yet'],
            ['themes', String(s.themes ?? 0)],
            ['days re-analysed', `${result.discovered.partitions.length}`],
          ]),
        );
        if (!themes.themes.length) return info('No themes yet: put exports in inbox/ or pass files (voc run --help).');
        console.log(`\nTop areas and themes ${themes.from} → ${themes.to} (${themes.total} conversations)`);
        console.log(areasTable(themes.areas.slice(0, opts.limit), themes.themes, { themesPerArea: 3 }));
        const kpis = await kpiReport(env.table, { to: result.summary.latestDay, by: 'theme' });
        const top = new Set(themes.themes.slice(0, 8).map((t) => t.id));
        console.log(`\nSupport KPIs for the top themes (docs/KPIS.md)`);
        console.log(kpiTable(kpis.rows.filter((r) => top.has(r.key))));
        console.log('\nMore: voc themes --sort rising · voc theme <id> · voc kpis --by team · voc qa-sample --week <YYYY-Www> · voc templates');
      });
    });

  program
    .command('ingest')
    .description('Upload exports to inbox/ and ingest them now (normalise, redact PII, quarantine bad records); no analysis')
    .argument('<files...>', 'help-desk exports (formats below), optionally gzipped')
    .option('--force', 're-ingest even if this exact file was ingested before')
    .option('--csv-columns <mapping>', 'CSV column names for fields, e.g. "conversation_id=Ticket,text=Body,created_at=Date"')
    .option('--redact <kind=regex...>', 'extra PII patterns to redact, e.g. "ORDER=\\bORD-\\d{6}\\b"')
    .addHelpText('after', () => `
Formats, detected from each file's name and content (its first 1 MB, long JSON values shortened):
${describeFormats(connectorRegistry())}

Each file ends with a reconciliation line: read = normalised (+ ratings) + quarantined + duplicates.
A ratings export (CSAT given apart from the tickets) is joined to the conversations it rates at analysis,
when the rating came within ${RATING_LAG_DAYS} days of the conversation's start; ingest it any time, before or after them.
Quarantined records are kept under quarantine/ with the file, position and reason and a redacted excerpt;
the record as received stays only in raw/ (which expires). A file whose encoding is not plain UTF-8, or
whose reading stopped early (damaged gzip, the decompression limit), says so under its line.
The exit code is non-zero only when a file cannot be read at all (empty, unknown format, nothing decompressible).`)
    .action(async (files: string[], opts: { force?: boolean; csvColumns?: string; redact?: string[] }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const progress = new Progress(g.json);
      let unreadable = 0;
      await withEnvironment(g, async (env) => {
        const keys = await uploadToInbox(env.blobs, files, progress);
        const context = buildIngestContext({ pseudonymKey: await env.pseudonymKey(), force: opts.force, csvColumns: parseCsvColumns(opts.csvColumns), redact: opts.redact });
        const runId = newRunId();
        const results: (IngestFileResult | { key: string; error: string })[] = [];
        for (const key of keys) {
          progress.start('ingest', 0, 'records');
          try {
            const r = await ingestObject(env, { ...context, runId, onProgress: (p) => progress.update(p.records, `${(p.bytes / 1e6).toFixed(1)} MB`, p.records) }, key);
            progress.stop();
            results.push(r);
            if (!g.json) console.log(reconciliation(r));
          } catch (e) {
            progress.stop();
            if (!(e instanceof UnreadableInputError)) throw e;
            unreadable++;
            results.push({ key, error: e.message });
            info(`error: ${e.message}`);
          }
        }
        if (g.json) printJson({ runId, results });
        else info('Next: voc analyze (or voc run) to analyse what was ingested.');
      });
      if (unreadable) process.exitCode = 1;
    });

  program
    .command('analyze')
    .description('Discover themes and (re)analyse and aggregate every day whose data or theme catalogue changed; no ingest')
    .option('--as-of <day>', 'the night to run for (YYYY-MM-DD)', today())
    .option('--window-days <n>', 'days of conversations theme discovery looks at', (v) => Number(v), 30)
    .action(async (opts: { asOf: string; windowDays: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const progress = new Progress(g.json);
      await withEnvironment(g, async (env: VocEnvironment) => {
        const runId = newRunId();
        const startedAt = new Date().toISOString();
        await learnSentimentStage(env, { runId, asOf: opts.asOf });
        const found = await discover(env, { runId, asOf: opts.asOf, windowDays: opts.windowDays });
        progress.start('analyze', found.partitions.length, 'days');
        const context = await loadAnalysisContext(env.blobs);
        for (const [i, date] of found.partitions.entries()) {
          await analyzeDay(env, { runId, date, context });
          await aggregateDayStage(env, { runId, date });
          progress.update(i + 1, date);
        }
        progress.stop(`${found.partitions.length} day(s) analysed, ${found.themes} themes`);
        const summary = await finalizeRun(env, { runId, startedAt });
        if (g.json) printJson({ run: summary, discovered: found });
      });
    });
}
