/** `voc emulators`: the embedded S3 and DynamoDB on their own, for other tools (or a second terminal). */
import type { Command } from 'commander';
import { openLocalEnvironment } from '../../adapters/local-environment';
import { DEFAULT_DATA_DIR, type GlobalOptions } from '../context';
import { info } from '../output';

export function registerEmulatorsCommand(program: Command): void {
  program
    .command('emulators')
    .description('Start the embedded S3 and DynamoDB emulators and keep them running until Ctrl-C; prints their endpoints')
    .addHelpText('after', `
Point any AWS SDK or voc itself at them:
  $ voc emulators --json            → {"s3":"http://127.0.0.1:PORT","dynamodb":"http://127.0.0.1:PORT","bucket":…,"table":…}
  $ VOC_S3_ENDPOINT=… VOC_DYNAMODB_ENDPOINT=… voc --aws --bucket voc-archive-local --table voc-insights-local themes`)
    .action(async (_opts: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const env = await openLocalEnvironment({ emulators: true, dataDir: g.inMemory ? undefined : (g.dataDir ?? process.env.VOC_DATA_DIR ?? DEFAULT_DATA_DIR) });
      const endpoints = { ...env.endpoints!, bucket: env.bucket, table: env.tableName, data: env.location };
      if (g.json) process.stdout.write(`${JSON.stringify(endpoints)}\n`);
      else info(`S3        ${endpoints.s3}  (bucket ${endpoints.bucket})\nDynamoDB  ${endpoints.dynamodb}  (table ${endpoints.table})\ndata      ${endpoints.data}\nCtrl-C to stop.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await env.close();
    });
}
