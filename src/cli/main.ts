/** What `voc` runs: the program, with errors that teach and exit codes (2 usage, 1 failure). */
import { buildProgram } from './program';
import { UsageError } from './context';
import { InvalidInput } from '../core/errors';
import { hideNodeVersionNotice } from './process-warnings';

export async function main(argv: string[] = process.argv): Promise<void> {
  hideNodeVersionNotice();
  if (process.env.VOC_REPORT_RSS) {
    // For the benchmark: the whole process's peak memory (worker threads included), on stderr at exit.
    process.on('exit', () => process.stderr.write(`voc peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`));
  }
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    // A query the user can fix (an unknown --lang, a range too long) is a usage error too.
    const usage = error instanceof UsageError || error instanceof InvalidInput;
    if (!usage && process.env.VOC_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}
