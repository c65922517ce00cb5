/** The `voc` command line: one program, commands registered by area. */
import { Command } from 'commander';
import { registerAlertsCommands } from './commands/alerts';
import { registerAnnotateCommand } from './commands/annotate';
import { registerConversationCommands } from './commands/conversations';
import { registerEmulatorsCommand } from './commands/emulators';
import { registerPipelineCommands } from './commands/pipeline';
import { registerQualityCommands } from './commands/quality';
import { registerReadCommands } from './commands/read';
import { registerSentimentModelCommand } from './commands/sentiment-model';
import { registerServeCommand } from './commands/serve';

export function buildProgram(): Command {
  const program = new Command('voc')
    .description(
      'voc-insights: the voice of the customer from your support archive.\n' +
        'Ingests help-desk exports, finds themes and sentiment every night, and answers "what are customers contacting us about, and how do they feel?".\n' +
        'By default everything runs on this machine, the archive and the aggregates kept as files in .voc-data/; --aws uses the deployed stack.',
    )
    .option('--data-dir <dir>', 'the local data folder: archive and aggregates, one folder you can copy (env VOC_DATA_DIR; default: .voc-data)')
    .option('--in-memory', 'keep nothing: a temporary data folder, removed on exit')
    .option('--emulators', 'run on the embedded S3 and DynamoDB emulators (real wire protocol; holds the archive in memory) instead of plain files (env VOC_EMULATORS=1)')
    .option('--aws', 'use the deployed AWS stack instead of the embedded emulators (env VOC_TARGET=aws)')
    .option('--bucket <name>', 'with --aws: the archive bucket (env VOC_BUCKET)')
    .option('--table <name>', 'with --aws: the DynamoDB table (env VOC_TABLE)')
    .option('--region <region>', 'with --aws: AWS region (default: AWS_REGION)')
    .option('--json', 'machine-readable output on stdout')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', `
Start here:
  $ voc run --sample          ingest the bundled sample archive, run the nightly pipeline, show themes
  $ voc themes --sort rising  what is growing
  $ voc theme <id>            one theme's timeline and customer quotes
  $ voc conversations --theme <id> --sentiment negative    the conversations behind it`);
  registerPipelineCommands(program);
  registerReadCommands(program);
  registerConversationCommands(program);
  registerQualityCommands(program);
  registerAlertsCommands(program);
  registerAnnotateCommand(program);
  registerSentimentModelCommand(program);
  registerEmulatorsCommand(program);
  registerServeCommand(program);
  return program;
}
