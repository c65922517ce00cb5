/** Close a run: watermarks, run state, and the "latest" pointer (or record the failure). */
import { z } from 'zod';
import { finalizeRun } from '../src/stages/finalize';
import { environmentOnce, logger } from './runtime';

const FinalizeEvent = z
  .object({
    runId: z.string().min(1),
    startedAt: z.string().optional(),
    // Step Functions passes a caught error as { Error, Cause }.
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  })
  .loose();

export const handler = async (event: unknown) => {
  const e = FinalizeEvent.parse(event);
  const failed = e.error !== undefined;
  const summary = await finalizeRun(environmentOnce(), {
    runId: e.runId,
    startedAt: e.startedAt,
    // Without a caught error, finalize decides: the run fails if a listed day is not aggregated (day-state.ts).
    status: failed ? 'failed' : undefined,
    error: failed ? [e.error?.Error, e.error?.Cause].filter(Boolean).join(': ').slice(0, 1000) : undefined,
  });
  logger.info('run finalised', { runId: summary.runId, status: summary.status });
  return { runId: summary.runId, status: summary.status };
};
