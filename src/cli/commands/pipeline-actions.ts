/** What `voc run`, `voc ingest` and `voc analyze` do; loaded only when one of them runs (pipeline.ts registers them). */
import fs from 'node:fs';
import path from 'node:path';
import type { VocEnvironment } from '../../adapters/environment';
import { defaultWorkerCount, workerDayRunner } from '../../adapters/day-workers';
import { layout } from '../../core/storage-layout';
import type { BlobStore } from '../../ports';
import { ingestUpload, type IngestFileResult } from '../../stages/ingest';
import { buildIngestContext, parseCsvColumns } from '../../stages/ingest-setup';
import { topThemes } from '../../stages/query';
import { kpiReport } from '../../stages/kpi-report';
import { kpiTable } from './quality';
import { loadTaxonomy, parseKpiConfig, saveKpiConfig, saveTaxonomy } from '../../stages/settings';
import { parseTaxonomy } from '../../core/taxonomy-file';
import { runPipeline, STAGES, type PipelineEvents, type RunTimings } from '../../stages/run';
import type { DiscoverResult } from '../../stages/discover';
import { alertPublishers } from '../../adapters/alert-publishers';
import type { AlertsResult } from '../../stages/alerts';
import { packagePath } from '../../package-root';
import { newRunId, UsageError, withEnvironment, type GlobalOptions } from '../context';
import { areasTable, info, keyValueTable, printJson, Progress } from '../output';

export const SAMPLE_DIR = packagePath('data', 'sample', 'archive');
const SAMPLE_TAXONOMY = packagePath('data', 'sample', 'taxonomy.yaml');
const SAMPLE_KPIS = packagePath('data', 'sample', 'kpis.json');

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
  if (r.unreadable) return `${file}: cannot be read — ${r.unreadable}. Set aside: moved to raw/ with a quarantine entry; fix the export and upload it again (or voc ingest --force raw/…)`;
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

export async function runCommand(files: string[], opts: { sample?: boolean; asOf: string; windowDays: number; force?: boolean; refit?: boolean; limit: number; workers?: number }, g: GlobalOptions): Promise<void> {
  const progress = new Progress(g.json);
  await withEnvironment(g, async (env) => {
    if (!g.json) info(`voc-insights · ${env.mode === 'local' ? `${env.endpoints ? 'embedded S3 + DynamoDB emulators' : 'local files'}, data in ${env.location}` : env.location}`);
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
    const workers = opts.workers ?? defaultWorkerCount();
    const result = await runPipeline(env, {
      runId,
      asOf: opts.asOf,
      windowDays: opts.windowDays,
      refit: opts.refit,
      ingest: buildIngestContext({ pseudonymKey: await env.pseudonymKey(), force: opts.force }),
      events: pipelineEvents(progress, Boolean(g.json)),
      dayRunner: workerDayRunner(env, workers),
      parallel: workers,
      alertPublishers: (config) => alertPublishers(config),
    });
    progress.stop();
    // A file set aside is said on its line above; the exit code says it too, on this night only (the file has left inbox/).
    if (result.ingested.some((r) => r.unreadable)) process.exitCode = 1;
    const themes = await topThemes(env.table, { to: result.summary.latestDay, sort: 'volume', limit: 500 });
    if (g.json) return printJson({ run: result.summary, ingested: result.ingested, themes, alerts: result.alerts });
    const s = result.summary;
    info(
      keyValueTable([
        ['run', `${s.runId} (${s.status})`],
        ['files ingested', `${result.ingested.filter((r) => !r.skipped).length} new, ${result.ingested.filter((r) => r.skipped).length} already done`],
        ['records', `${s.read} read = ${s.normalised} normalised${s.ratings ? ` + ${s.ratings} ratings` : ''} + ${s.quarantined} quarantined + ${s.duplicates} duplicates`],
        ...(s.ratings || s.ratingsJoined ? [['ratings joined', `${s.ratingsJoined ?? 0} conversation(s) in the days analysed (${s.ratings ?? 0} ratings ingested this run)`] as [string, string]] : []),
        ...(s.unscored ? [['unscored', `${s.unscored} conversation(s) in a language without a sentiment lexicon (labelled neutral, not read; kept out of the sentiment shares)`] as [string, string]] : []),
        ['theme window', s.window ? `${s.window.from} → ${s.window.to}${result.discovered.fit.refit ? ` (${result.discovered.conversations} conversations)` : ''}` : 'no conversations yet'],
        ['themes', String(s.themes ?? 0)],
        ...(s.window ? ([['theme model', result.discovered.fit.summary], ...(result.discovered.fit.refit ? [] : [['fitted', fittedLine(result.discovered)]])] as [string, string][]) : []),
        ['days re-analysed', `${result.discovered.partitions.length}`],
      ]),
    );
    info(`\n${timingsTable(result.timings)}`);
    if (!themes.themes.length) return info('No themes yet: put exports in inbox/ or pass files (voc run --help).');
    console.log(`\nTop areas and themes ${themes.from} → ${themes.to} (${themes.total} conversations)`);
    console.log(areasTable(themes.areas.slice(0, opts.limit), themes.themes, { themesPerArea: 3 }));
    const kpis = await kpiReport(env.table, { to: result.summary.latestDay, by: 'theme' });
    const top = new Set(themes.themes.slice(0, 8).map((t) => t.id));
    console.log(`\nSupport KPIs for the top themes (docs/KPIS.md)`);
    console.log(kpiTable(kpis.rows.filter((r) => top.has(r.key))));
    if (result.alerts) console.log(`\n${alertsSummary(result.alerts)}`);
    console.log('\nMore: voc themes --sort rising · voc theme <id> · voc conversations --theme <id> · voc kpis --by team --sort sla-first-response · voc qa-sample --week <YYYY-Www> · voc templates');
  });
}

export async function ingestCommand(files: string[], opts: { force?: boolean; csvColumns?: string; redact?: string[] }, g: GlobalOptions): Promise<void> {
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
        const r = await ingestUpload(env, { ...context, runId, onProgress: (p) => progress.update(p.records, `${(p.bytes / 1e6).toFixed(1)} MB`, p.records) }, key);
        progress.stop();
        if (r.unreadable) {
          unreadable++;
          results.push({ key, error: `${key}: ${r.unreadable}` });
          info(`error: ${reconciliation(r)}`);
          continue;
        }
        results.push(r);
        if (!g.json) console.log(reconciliation(r));
      } finally {
        progress.stop();
      }
    }
    if (g.json) printJson({ runId, results });
    else info('Next: voc analyze (or voc run) to analyse what was ingested.');
  });
  if (unreadable) process.exitCode = 1;
}

export async function analyzeCommand(opts: { asOf: string; windowDays: number; refit?: boolean; workers?: number }, g: GlobalOptions): Promise<void> {
  const progress = new Progress(g.json);
  await withEnvironment(g, async (env: VocEnvironment) => {
    const workers = opts.workers ?? defaultWorkerCount();
    // The same loop as voc run, without its ingest: a failure leaves a failed run record, too.
    const result = await runPipeline(env, {
      runId: newRunId(),
      asOf: opts.asOf,
      windowDays: opts.windowDays,
      refit: opts.refit,
      events: pipelineEvents(progress, Boolean(g.json)),
      dayRunner: workerDayRunner(env, workers),
      parallel: workers,
      alertPublishers: (config) => alertPublishers(config),
    });
    progress.stop(`${result.discovered.partitions.length} day(s) analysed, ${result.discovered.themes} themes`);
    if (g.json) return printJson({ run: result.summary, discovered: result.discovered, alerts: result.alerts });
    info(timingsTable(result.timings));
    if (result.alerts) console.log(alertsSummary(result.alerts));
  });
}

/** Where the run's time went: one line per stage (docs/ARCHITECTURE.md explains the stages). */
export function timingsTable(t: RunTimings): string {
  const rows = STAGES.map((name) => {
    const s = t.stages[name];
    return [name, `${s.seconds.toFixed(1)} s`, s.conversations ? `${s.conversationsPerSecond.toLocaleString('en-US')} conv/s` : '–', String(s.items), String(s.objects)];
  });
  const widths = [9, 9, 14, 13, 8];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  return [
    line(['stage', 'time', 'speed', 'table items', 'objects']),
    ...rows.map(line),
    `analyse + aggregate: ${t.days.count} day(s)${t.days.rethemed ? ` (${t.days.rethemed} only re-themed: the catalogue was their only change)` : ''} in ${t.days.seconds.toFixed(1)} s with ${t.days.parallel} worker(s); ${t.aggregateItemsPer1000Conversations} aggregate items per 1,000 conversations; total ${t.totalSeconds.toFixed(1)} s`,
  ].join('\n');
}

/** What the night's alerts were: new ones in full, the rest counted (docs/ALERTS.md). */
export function alertsSummary(a: AlertsResult): string {
  const lines = [`Alerts: ${a.published.length} new${a.alreadyPublished ? `, ${a.alreadyPublished} already published` : ''}${a.failed.length ? `, ${a.failed.length} not delivered (retried next run)` : ''}`];
  for (const alert of a.published) lines.push(`  [${alert.kind}] ${alert.summary}${alert.destinations.length ? `  → ${alert.destinations.join(', ')}` : ''}`);
  for (const f of a.failed) lines.push(`  not delivered: ${f.dedupeKey} to ${f.destination}: ${f.error}`);
  if (!a.detected) lines[0] = 'Alerts: nothing rising, emerging or shifting enough to tell anyone (voc alerts lists past ones).';
  return lines.join('\n');
}

/** When and on what the kept catalogue was fitted: "2026-11-14 (run-…) on 2026-10-15 → 2026-11-13, 8200 conversations" */
function fittedLine(discovered: DiscoverResult): string {
  const fit = discovered.fit;
  const on = fit.fittedWindow ? ` on ${fit.fittedWindow.from} → ${fit.fittedWindow.to}, ${discovered.conversations} conversations` : '';
  return `${fit.fittedAt?.slice(0, 10) ?? 'earlier'}${fit.fittedBy ? ` (${fit.fittedBy})` : ''}${on}`;
}
