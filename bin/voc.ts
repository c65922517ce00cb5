#!/usr/bin/env -S node --import tsx
/** CLI entry point: `npm run voc -- <command>` or `npx voc <command>`. */
import { buildProgram } from '../src/cli/program';
import { UsageError } from '../src/cli/context';
import { hideNodeVersionNotice } from '../src/cli/process-warnings';

hideNodeVersionNotice();

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    if (!(error instanceof UsageError) && process.env.VOC_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
