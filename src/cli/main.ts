/** What `voc` runs: the program, with errors that teach and exit codes (2 usage, 1 failure). */
import { buildProgram } from './program';
import { UsageError } from './context';
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
    if (!(error instanceof UsageError) && process.env.VOC_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
