/**
 * `voc run`, `voc ingest`, `voc analyze`: the nightly pipeline, whole or stage by stage. Only the
 * commands' options and help live here; what they do (pipeline-actions.ts) is loaded when one runs.
 */
import type { Command } from 'commander';
import { UsageError, type GlobalOptions } from '../context';

const today = () => new Date().toISOString().slice(0, 10);

const THEME_FIT_HELP = `
Themes are fitted on the window's conversations when 15 % of them are new since the last fit, the window
moved 7 days, the taxonomy or the product team's edits changed, or with --refit; other nights keep the
catalogue and only the new days are analysed (voc config discovery sets the thresholds; voc runs --json
shows each night's themeFit).`;

/** What `voc ingest --help` lists, loaded (with the connectors) only when the ingest command is called. */
const ingestHelp = { formats: '', ratingLagDays: 30 };

export function registerPipelineCommands(program: Command): void {
  program.hook('preSubcommand', async (_program, sub) => {
    if (sub.name() !== 'ingest') return;
    const [{ connectorRegistry, describeFormats }, { RATING_LAG_DAYS }] = await Promise.all([import('../../core/connectors'), import('../../stages/ratings')]);
    ingestHelp.formats = describeFormats(connectorRegistry());
    ingestHelp.ratingLagDays = RATING_LAG_DAYS;
  });
  program
    .command('run')
    .description('Run the nightly pipeline: ingest everything in inbox/ (plus FILES), discover themes, analyse and aggregate, then show the top themes')
    .argument('[files...]', 'exports to upload to inbox/ first (any format voc ingest reads; gzip ok)')
    .option('--sample', 'upload the bundled sample archive first (data/sample/archive), and its taxonomy and SLA targets if none are set')
    .option('--as-of <day>', 'the night to run for (YYYY-MM-DD); themes use the 30 days up to the newest data on or before it', today())
    .option('--window-days <n>', 'days of conversations theme discovery looks at', (v) => Number(v), 30)
    .option('--force', 're-ingest files that were ingested before')
    .option('--refit', 'fit the themes again tonight, whatever changed (otherwise only when enough of the window is new: voc config discovery)')
    .option('--limit <n>', 'themes to show', (v) => Number(v), 15)
    .option('--workers <n>', 'days analysed side by side (worker threads; env VOC_WORKERS; default: one per core)', parseWorkers)
    .addHelpText('after', `
Examples:
  $ voc run --sample                 ingest the bundled archive and show its themes (what npm start does)
  $ voc run exports/zendesk.jsonl    add an export, re-run the night
  $ voc run --aws --as-of 2026-11-20 run against the deployed stack (see README: Deploy)

Running twice on the same data changes nothing: files already ingested are skipped, days whose
conversations and theme catalogue are unchanged are not re-analysed, and aggregates are replaced, never added to.
${THEME_FIT_HELP}`)
    .action(async (files: string[], opts: Parameters<typeof import('./pipeline-actions').runCommand>[1], cmd: Command) => (await import('./pipeline-actions')).runCommand(files, opts, cmd.optsWithGlobals<GlobalOptions>()));

  program
    .command('ingest')
    .description('Upload exports to inbox/ and ingest them now (normalise, redact PII, quarantine bad records); no analysis')
    .argument('<files...>', 'help-desk exports (formats below), optionally gzipped')
    .option('--force', 're-ingest even if this exact file was ingested before')
    .option('--csv-columns <mapping>', 'CSV column names for fields, e.g. "conversation_id=Ticket,text=Body,created_at=Date"')
    .option('--redact <kind=regex...>', 'extra PII patterns to redact, e.g. "ORDER=\\bORD-\\d{6}\\b"')
    .addHelpText('after', () => `
Formats, detected from each file's name and content (its first 1 MB, long JSON values shortened):
${ingestHelp.formats}

Each file ends with a reconciliation line: read = normalised (+ ratings) + quarantined + duplicates.
A ratings export (CSAT given apart from the tickets) is joined to the conversations it rates at analysis,
when the rating came within ${ingestHelp.ratingLagDays} days of the conversation's start; ingest it any time, before or after them.
Quarantined records are kept under quarantine/ with the file, position and reason and a redacted excerpt;
the record as received stays only in raw/ (which expires). A file whose encoding is not plain UTF-8, or
whose reading stopped early (damaged gzip, the decompression limit), says so under its line.
The exit code is non-zero only when a file cannot be read at all (empty, unknown format, nothing decompressible).`)
    .action(async (files: string[], opts: Parameters<typeof import('./pipeline-actions').ingestCommand>[1], cmd: Command) => (await import('./pipeline-actions')).ingestCommand(files, opts, cmd.optsWithGlobals<GlobalOptions>()));

  program
    .command('analyze')
    .description('Discover themes and (re)analyse and aggregate every day whose data or theme catalogue changed; no ingest')
    .option('--as-of <day>', 'the night to run for (YYYY-MM-DD)', today())
    .option('--window-days <n>', 'days of conversations theme discovery looks at', (v) => Number(v), 30)
    .option('--refit', 'fit the themes again tonight, whatever changed (otherwise only when enough of the window is new: voc config discovery)')
    .option('--workers <n>', 'days analysed side by side (worker threads; env VOC_WORKERS; default: one per core)', parseWorkers)
    .addHelpText('after', THEME_FIT_HELP)
    .action(async (opts: Parameters<typeof import('./pipeline-actions').analyzeCommand>[0], cmd: Command) => (await import('./pipeline-actions')).analyzeCommand(opts, cmd.optsWithGlobals<GlobalOptions>()));
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--workers must be a whole number from 1 to 64 (got "${value}")`);
  return n;
}

