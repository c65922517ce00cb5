/** Close a run: watermarks, run state, and the "latest" pointer (or record the failure). */
import * as z from 'zod';
import { finalizeRun } from '../src/stages/finalize';
import { alertStage, loadAlertsConfig } from '../src/stages/alerts';
import { alertPublishers } from '../src/adapters/alert-publishers';
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
    status: failed ? 'failed' : 'succeeded',
    error: failed ? [e.error?.Error, e.error?.Cause].filter(Boolean).join(': ').slice(0, 1000) : undefined,
  });
  logger.info('run finalised', { runId: summary.runId, status: summary.status });
  if (failed) return { runId: summary.runId, status: summary.status };
  // The night's alerts, once per event (docs/ALERTS.md): to the alerts topic (VOC_ALERT_TOPIC_ARN) and a webhook if configured.
  // A broken alerts config or destination is logged (and alarmed on as an error), never a failed night: the data is in place.
  try {
    const stores = environmentOnce();
    const config = await loadAlertsConfig(stores.blobs);
    const alerts = await alertStage(stores, { runId: e.runId, config, publishers: alertPublishers(config) });
    if (alerts.failed.length) logger.error('alerts not delivered (retried next run)', { failed: alerts.failed });
    logger.info('alerts', { detected: alerts.detected, published: alerts.published.length, alreadyPublished: alerts.alreadyPublished });
    return { runId: summary.runId, status: summary.status, alerts: alerts.published.length };
  } catch (error) {
    logger.error('alerts failed', error as Error);
    return { runId: summary.runId, status: summary.status, alerts: 0 };
  }
};
