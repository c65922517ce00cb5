#!/usr/bin/env -S node --import tsx
/** CLI entry point: `npm run voc -- <command>` or `npx voc <command>`. */
import { buildProgram } from '../src/cli/program';
import { UsageError } from '../src/cli/context';

// The AWS SDK warns on every start that future releases will need Node 22; the locked version
// runs on Node 20, and the notice would drown the CLI's own output. Other warnings still show.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'NodeVersionSupportWarning' && !w.message.includes('NodeVersionSupportWarning')) process.stderr.write(`${w.name}: ${w.message}\n`);
});

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    if (!(error instanceof UsageError) && process.env.VOC_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
