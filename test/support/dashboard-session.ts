/**
 * A browser session on the dashboard over an archive the real pipeline analysed (files runtime, in a temporary
 * folder): what the headless-Chromium tests start from. Collects script errors for a final "no error" check.
 */
import type { Browser, Page } from 'playwright-core';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import type { DashboardServer } from '../../src/server/dashboard-server';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { openDashboard } from './browser';
import { jsonl } from './conversations';

export interface DashboardSession {
  env: VocEnvironment;
  server: DashboardServer;
  browser: Browser;
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** Ingests `conversations`, runs the night as of `asOf`, serves the dashboard and opens it until the themes table shows. */
export async function openDashboardSession(
  conversations: unknown[],
  options: { asOf: string; pseudonymKey: string; prepare?: (env: VocEnvironment) => Promise<void> },
): Promise<DashboardSession> {
  const env = await openLocalEnvironment();
  await options.prepare?.(env);
  await env.blobs.put(layout.inboxKey('export.jsonl'), jsonl(conversations));
  await runPipeline(env, { runId: 'run-1', asOf: options.asOf, ingest: buildIngestContext({ pseudonymKey: options.pseudonymKey }), now: () => new Date(`${options.asOf}T02:00:00Z`) });
  const errors: string[] = [];
  const { server, browser, page } = await openDashboard(
    env.table,
    (p) => {
      p.on('pageerror', (e) => errors.push(e.message));
      p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    },
    { acceptDownloads: true },
  );
  return {
    env,
    server,
    browser,
    page,
    errors,
    async close() {
      await browser.close();
      await server.close();
      await env.close();
    },
  };
}
