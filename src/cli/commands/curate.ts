/** `voc theme rename|merge|split|move|hide|undo|history`: the product team's edits to the themes (docs/CURATION.md). */
import type { Command } from 'commander';
import { describeEdit, type CurationEdit } from '../../core/curation/edits';
import { CurationError, curationHistory, recordEdit } from '../../stages/curation';
import { withEnvironment, UsageError, type GlobalOptions } from '../context';
import { printJson } from '../output';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Who makes an edit: --by, else VOC_USER, else the login name. */
function caller(by: string | undefined): string {
  return by ?? process.env.VOC_USER ?? process.env.USER ?? process.env.USERNAME ?? '';
}

const APPLIES = `Merges, hides, renames and moves show at once; every edit (splits too) is stored with the data and applied
to the stored aggregates by the next nightly run (\`voc analyze\` applies it now), and by every night after.`;

async function record(cmd: Command, request: Record<string, unknown>, by: string | undefined): Promise<void> {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  await withEnvironment(g, async (env) => {
    let edit: CurationEdit;
    try {
      edit = await recordEdit(env.table, request, { by: caller(by) });
    } catch (error) {
      if (error instanceof CurationError) throw new UsageError(error.message);
      throw error;
    }
    if (g.json) return printJson(edit);
    console.log(`${edit.editId}: ${describeEdit(edit)} (by ${edit.by})`);
    console.log(edit.kind === 'split' ? 'A split applies at the next run: `voc analyze` applies it now.' : `Undo with: voc theme undo ${edit.editId}`);
  });
}

/** Adds the edit subcommands to `voc theme` (which shows one theme when given an id). */
export function registerCurationCommands(theme: Command): void {
  theme.addHelpText('after', `
Curate the themes (stored with the data, with who and when; applied every night; ids stay stable):
  $ voc theme rename t-1a2b3c4d "Charged twice"
  $ voc theme merge t-aaaa1111 t-bbbb2222 --into t-cccc3333
  $ voc theme split t-1a2b3c4d --keyword "charged twice" --label "Double charge"
  $ voc theme move t-1a2b3c4d --area a-5e6f7a8b
  $ voc theme hide t-1a2b3c4d
  $ voc theme history
  $ voc theme undo e-20261203101500-1f2e
See voc theme <edit> --help and docs/CURATION.md.`);
  const by = (c: Command) => c.option('--by <name>', 'who makes the edit (default: $VOC_USER, else $USER)');

  by(theme.command('rename').description('Give a theme (or an area) the label you want').argument('<id>', 'theme or area id').argument('<label>', 'the new label'))
    .action((id: string, label: string, opts: { by?: string }, cmd: Command) => record(cmd, { kind: 'rename', theme: id, label }, opts.by));

  by(
    theme
      .command('merge')
      .description("Count several themes as one: their conversations go to the --into theme, today's and history's (a merge's counts are the sum of its parts)")
      .argument('<ids...>', 'the themes to merge')
      .requiredOption('--into <id>', 'the theme that receives them (keeps its id)'),
  ).action((ids: string[], opts: { into: string; by?: string }, cmd: Command) => record(cmd, { kind: 'merge', themes: ids, into: opts.into }, opts.by));

  by(
    theme
      .command('split')
      .description('Move some of a theme\'s conversations to another theme: those whose contact reason has a keyword, or those like example conversations')
      .argument('<id>', 'the theme to split')
      .option('--keyword <words>', 'a word or phrase (whole words, any case); repeat for more', collect)
      .option('--example <conversationId>', 'a conversation that belongs in the new theme (its words teach the split); repeat for more', collect)
      .option('--label <label>', 'into a new theme with this label …')
      .option('--into <id>', '… or into an existing theme'),
  )
    .addHelpText('after', `
Examples:
  $ voc theme split t-1a2b3c4d --keyword "charged twice" --keyword "double charge" --label "Double charge"
  $ voc theme split t-1a2b3c4d --example zendesk:12345 --example zendesk:12399 --into t-9f8e7d6c`)
    .action((id: string, opts: { keyword?: string[]; example?: string[]; label?: string; into?: string; by?: string }, cmd: Command) =>
      record(cmd, { kind: 'split', theme: id, ...(opts.keyword ? { keywords: opts.keyword } : {}), ...(opts.example ? { examples: opts.example } : {}), ...(opts.label !== undefined ? { label: opts.label } : {}), ...(opts.into !== undefined ? { into: opts.into } : {}) }, opts.by),
    );

  by(
    theme
      .command('move')
      .description('Put a theme in another area')
      .argument('<id>', 'the theme')
      .option('--area <id>', 'an existing area (ids as voc themes shows them) …')
      .option('--new-area <label>', '… or a new area with this label'),
  ).action((id: string, opts: { area?: string; newArea?: string; by?: string }, cmd: Command) =>
    record(cmd, { kind: 'move', theme: id, ...(opts.area !== undefined ? { area: opts.area } : {}), ...(opts.newArea !== undefined ? { newArea: opts.newArea } : {}) }, opts.by),
  );

  by(theme.command('hide').description('Stop showing a theme: its conversations count under «other»').argument('<id>', 'the theme'))
    .action((id: string, opts: { by?: string }, cmd: Command) => record(cmd, { kind: 'hide', theme: id }, opts.by));

  by(theme.command('undo').description('Take an edit back (the edit stays in the history, marked undone)').argument('<editId>', 'as voc theme history shows it'))
    .action((editId: string, opts: { by?: string }, cmd: Command) => record(cmd, { kind: 'undo', edit: editId }, opts.by));

  theme
    .command('history')
    .description('Every edit made to the themes: what, when, by whom, and whether it was undone')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        const history = await curationHistory(env.table);
        if (g.json) return printJson(history);
        if (!history.length) return console.log('No edits yet. voc theme --help shows how to rename, merge, split, move or hide a theme.');
        for (const e of history) console.log(`${e.editId}  ${e.at}  ${e.by.padEnd(12)}  ${e.description}${e.undoneBy ? `  [undone by ${e.undoneBy}]` : ''}`);
        console.log(`\n${APPLIES}`);
      });
    });
}
