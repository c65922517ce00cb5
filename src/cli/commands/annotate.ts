/** `voc annotate`: the stable scoring contract other tools call (see docs/ARCHITECTURE.md). */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { ThemeCatalogue } from '../../core/analysis';
import type { SentimentModel } from '../../core/analysis/rating-model';
import { UsageError, withEnvironment, type GlobalOptions } from '../context';
import { info, Progress } from '../output';

/** The catalogue the nightly run keeps, if there is one; never creates a data folder just to look. */
async function storedCatalogue(g: GlobalOptions): Promise<ThemeCatalogue | undefined> {
  const dataDir = g.dataDir ?? process.env.VOC_DATA_DIR ?? '.voc-data';
  const hasStore = g.aws || process.env.VOC_TARGET === 'aws' || (!g.inMemory && fs.existsSync(dataDir));
  const { loadCatalogue } = await import('../../stages/catalogue');
  const found = hasStore ? await withEnvironment(g, (env) => loadCatalogue(env.blobs)) : undefined;
  if (!found) info('No theme catalogue yet (run `voc run` first, pass --catalogue, or use --discover): every theme will be "other".');
  return found;
}

export function registerAnnotateCommand(program: Command): void {
  program
    .command('annotate')
    .description('Label rows with language, sentiment and theme: JSON Lines in, one row out per input row (no AWS, no network)')
    .requiredOption('--input <file>', 'JSON Lines: {"id","text"[,"lang"]} rows or canonical conversations (gzip ok)')
    .requiredOption('--output <file>', 'where to write {"id","language","sentiment":{"label","score"},"theme":{"id","label"},"area":{"id","label"}} rows')
    .option('--discover', 'discover themes over the whole input as one batch (as the nightly job does)')
    .option('--catalogue <file>', 'theme catalogue file to assign rows to (default: the catalogue of the last `voc run` in --data-dir, or with --aws)')
    .option('--save-catalogue <file>', 'with --discover: write the discovered catalogue here for later runs')
    .option('--learn-from-ratings', 'fit a sentiment model per language on the rows that carry a "csat" (1-5) and combine it with the lexicon engine for every row (reads the input twice)')
    .option('--save-sentiment-model <file>', 'with --learn-from-ratings: write the learned model (JSON) here')
    .addHelpText('after', `
Examples:
  $ voc annotate --input tweets.jsonl --output labelled.jsonl
  $ voc annotate --input tickets.jsonl --output labelled.jsonl --discover --save-catalogue catalogue.json
  $ voc annotate --input new.jsonl --output labelled.jsonl --catalogue catalogue.json
  $ voc annotate --input rated-and-unrated.jsonl --output labelled.jsonl --learn-from-ratings
    (rows like {"id","text","csat":4}: CSAT 1-2 negative, 3 neutral, 4-5 positive; languages with fewer than
     30 ratings, or whose cross-validated combination does not beat the lexicon engine, keep the lexicon engine)
Score against gold labels: node ../shared/eval/score.mjs sentiment|themes GOLD.jsonl labelled.jsonl`)
    .action(async (opts: { input: string; output: string; discover?: boolean; catalogue?: string; saveCatalogue?: string; learnFromRatings?: boolean; saveSentimentModel?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (!fs.existsSync(opts.input)) throw new UsageError(`--input ${opts.input}: no such file`);
      let catalogue: ThemeCatalogue | undefined;
      if (opts.catalogue) {
        try {
          catalogue = JSON.parse(fs.readFileSync(opts.catalogue, 'utf8')) as ThemeCatalogue;
        } catch (e) {
          throw new UsageError(`--catalogue ${opts.catalogue}: not a readable catalogue (${(e as Error).message})`);
        }
      }
      if (!catalogue && !opts.discover) catalogue = await storedCatalogue(g);
      // Loaded here, not at start: the analysis code is most of the CLI, and other commands do not need it.
      const [{ annotate, learnFromRatings }, { createRedactor }, { modelSummary }] = await Promise.all([
        import('../../stages/annotate'),
        import('../../core/pii/redact'),
        import('../../core/analysis/rating-model'),
      ]);
      const redactor = createRedactor();
      let sentimentModel: SentimentModel | undefined;
      if (opts.learnFromRatings) {
        const learned = await learnFromRatings(fs.createReadStream(opts.input), redactor);
        sentimentModel = learned.model;
        const used = modelSummary(learned.model).map((l) => `${l.language} ${l.trainedOn} rated, weight ${l.weight}${l.rule ? ` (${l.rule})` : ''}, cv macro-F1 ${l.cv.lexicon} -> ${l.cv.combined}`);
        info(`Learned from ${learned.rated} rated row(s)${used.length ? `: ${used.join('; ')}` : ' (none carry a "csat" of 1-5: the lexicon engine alone)'}`);
        if (opts.saveSentimentModel) fs.writeFileSync(opts.saveSentimentModel, JSON.stringify(learned.model));
      }
      const progress = new Progress();
      const started = process.hrtime.bigint();
      progress.start('annotate', 0, 'rows');
      const output = fs.createWriteStream(opts.output);
      const report = await annotate(fs.createReadStream(opts.input), output, {
        discover: Boolean(opts.discover),
        catalogue,
        redactor,
        sentimentModel,
        onProgress: (n) => progress.update(n, '', n),
      });
      await new Promise<void>((resolve, reject) => output.end((err?: Error | null) => (err ? reject(err) : resolve())));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      progress.stop(
        `${report.rows} row(s) written to ${opts.output} in ${seconds.toFixed(2)} s (${Math.round(report.rows / Math.max(seconds, 1e-9))} rows/s)` +
          (report.catalogue ? `, ${report.catalogue.themes.length} themes discovered` : ''),
      );
      if (opts.saveCatalogue && report.catalogue) fs.writeFileSync(opts.saveCatalogue, JSON.stringify(report.catalogue, null, 2));
      if (report.skipped.length) {
        for (const s of report.skipped.slice(0, 10)) info(`${opts.input} line ${s.line}: skipped — ${s.reason}`);
        if (report.skipped.length > 10) info(`… and ${report.skipped.length - 10} more skipped line(s)`);
        process.exitCode = 1;
      }
    });
}
