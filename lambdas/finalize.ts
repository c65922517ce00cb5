/**
 * Close a run: watermarks, run state, and the "latest" pointer (or record the failure). Also called by a day's
 * Catch in the analyse Map with `failedDay`: it records why that day failed, for the run's finalize to report.
 */
import * as z from 'zod';
import { recordDayFailure } from '../src/stages/day-state';
import { finalizeRun } from '../src/stages/finalize';
import { alertsAfterNight } from '../src/stages/alerts';
import { alertPublishers } from '../src/adapters/alert-publishers';
import { day, environmentOnce, logger } from './runtime';

// Step Functions passes a caught error as { Error, Cause }.
const CaughtError = z.object({ Error: z.string().optional(), Cause: z.string().optional() });

const FinalizeEvent = z
  .object({
    runId: z.string().min(1),
    startedAt: z.string().optional(),
    error: CaughtError.optional(),
    failedDay: z.object({ date: z.string().regex(day), error: CaughtError }).optional(),
  })
  .loose();

const describe = (e: z.infer<typeof CaughtError>) => [e.Error, e.Cause].filter(Boolean).join(': ').slice(0, 1000);

/** What the state machine gets back: a recorded day failure, or the run's outcome (and how many alerts went out). */
type FinalizeResult = { runId: string; failedDay?: string; status?: 'succeeded' | 'failed'; error?: string | null; alerts?: number };

export const handler = async (event: unknown): Promise<FinalizeResult> => {
  const e = FinalizeEvent.parse(event);
  if (e.failedDay) {
    const failure = { date: e.failedDay.date, error: describe(e.failedDay.error), at: new Date().toISOString() };
    await recordDayFailure(environmentOnce(), e.runId, failure);
    logger.warn('day failed after its retries', { runId: e.runId, ...failure });
    return { runId: e.runId, failedDay: failure.date };
  }
  const failed = e.error !== undefined;
  const summary = await finalizeRun(environmentOnce(), {
    runId: e.runId,
    startedAt: e.startedAt,
    // Without a caught error, finalize decides: the run fails if a listed day is not aggregated (day-state.ts).
    status: failed ? 'failed' : undefined,
    error: failed ? describe(e.error!) : undefined,
  });
  logger.info('run finalised', { runId: summary.runId, status: summary.status });
  // `error` always present (null when none): the state machine's ResultSelector reads it.
  const finished = { runId: summary.runId, status: summary.status, error: summary.error ?? null };
  if (summary.status !== 'succeeded') return finished;
  // The night's alerts, once per event (docs/ALERTS.md): to the alerts topic (VOC_ALERT_TOPIC_ARN), a webhook if configured.
  const alerts = await alertsAfterNight(environmentOnce(), { runId: e.runId, publishers: alertPublishers });
  if (alerts.failed.length) logger.error('alerts not delivered (retried next run)', { failed: alerts.failed });
  return { ...finished, alerts: alerts.published.length };
};
