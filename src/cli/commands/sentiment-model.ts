/** `voc sentiment-model`: what the nightly run learned from the help desk's own ratings, per language. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { withEnvironment, type GlobalOptions } from '../context';
import { info, printJson } from '../output';

/** What the help text needs from the model's code, loaded only when this command is called (voc --help stays light). */
const help = { minRatedRows: 0 };

export function registerSentimentModelCommand(program: Command): void {
  program.hook('preSubcommand', async (_program, sub) => {
    if (sub.name() === 'sentiment-model') help.minRatedRows = (await import('../../core/analysis/rating-model')).MIN_RATED_ROWS;
  });
  program
    .command('sentiment-model')
    .description("Show the sentiment model learned from this help desk's ratings: training size and cross-validated macro-F1 per language")
    .addHelpText('after', () => `
Each night the pipeline fits a small model per language on the customer messages of rated conversations (CSAT 1-2
negative, 3 neutral, 4-5 positive) and combines it with the lexicon engine. "weight" is how much the learned model
counts (0: the lexicon engine alone, for languages with fewer than ${help.minRatedRows} ratings or no cross-validated gain);
"rule" how the two combine, chosen with the weight: "mixture" (the lexicon's label keeps its say unless the model
outweighs it) or "product" (a confident model overrules the lexicon, a hesitant one defers to it; from weight 0.5).
"cv" is 3-fold cross-validated macro-F1 against the ratings: lexicon engine alone, learned model alone, combination.`)
    .action(async (_opts: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        // Loaded when the command runs: the stage reaches the analysis code, which voc --help should not load.
        const [{ loadSentimentModel }, { modelSummary }] = await Promise.all([import('../../stages/sentiment-model'), import('../../core/analysis/rating-model')]);
        const model = await loadSentimentModel(env.blobs);
        if (!model) {
          if (g.json) printJson(null);
          else info('No sentiment model yet: the nightly run fits one once conversations carry ratings (CSAT). Until then the lexicon engine scores alone.');
          return;
        }
        const rows = modelSummary(model);
        if (g.json) return printJson({ trainedAt: model.trainedAt, version: model.version, languages: rows });
        const table = new Table({ head: ['language', 'rated', 'neg / neu / pos', 'weight', 'rule', 'cv lexicon', 'cv model', 'cv combined'] });
        for (const l of rows) table.push([l.language, l.trainedOn, `${l.perClass.negative} / ${l.perClass.neutral} / ${l.perClass.positive}`, l.weight, l.rule ?? (l.weight ? 'mixture' : '–'), l.cv.lexicon, l.cv.model, l.cv.combined]);
        console.log(`Trained ${model.trainedAt} (model version ${model.version})`);
        console.log(table.toString());
      });
    });
}
