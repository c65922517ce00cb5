/// <reference lib="dom" />
/**
 * Curating in the dashboard, in headless Chromium: a product manager opens a theme, merges it into another from
 * the theme drawer, and the themes table shows one theme with the volume of both. The local write API accepts
 * edits from the dashboard's own page only.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { addDays, layout } from '../../src/core/storage-layout';
import { startDashboardServer, type DashboardServer } from '../../src/server/dashboard-server';
import { curationHistory } from '../../src/stages/curation';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { chromiumPath, launchBrowser } from '../support/browser';
import { conversation, jsonl } from '../support/conversations';

const TEXTS = ['my parcel has not arrived', 'I am still waiting for my refund', 'the password reset link does not work'];

function archive() {
  return TEXTS.flatMap((text, t) =>
    Array.from({ length: 10 }, (_, d) => addDays('2026-11-01', d)).flatMap((day, d) =>
      Array.from({ length: 3 + t }, (_, i) => conversation({ id: `${t}-${d}-${i}`, customerId: `c-${t}-${d}-${i}`, day, hour: 8 + i, customer: [text], agent: ['Thanks, looking into it.'] })),
    ),
  );
}

interface ThemeRow {
  id: string;
  label: string;
  volume: number;
}

let env: VocEnvironment;
let server: DashboardServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

async function themes(): Promise<ThemeRow[]> {
  const res = await fetch(`${server.url}api/themes?limit=50`);
  return ((await res.json()) as { themes: ThemeRow[] }).themes;
}

describe.skipIf(!chromiumPath)('curating themes in the dashboard', () => {
  beforeAll(async () => {
    env = await openLocalEnvironment();
    await env.blobs.put(layout.inboxKey('export.jsonl'), jsonl(archive()));
    await runPipeline(env, { runId: 'run-1', asOf: '2026-11-10', ingest: buildIngestContext({ pseudonymKey: 'browser-test' }) });
    server = await startDashboardServer({ table: env.table, port: 0, user: 'pm@example.com' });
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await env?.close();
  });

  it('refuses edits from another origin or not sent as JSON', async () => {
    const [first, second] = await themes();
    const edit = JSON.stringify({ kind: 'merge', themes: [first!.id], into: second!.id });
    const crossSite = await fetch(`${server.url}api/curation`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: edit });
    expect(crossSite.status).toBe(403);
    const form = await fetch(`${server.url}api/curation`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: edit });
    expect(form.status).toBe(415);
    const unknown = await fetch(`${server.url}api/curation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'hide', theme: 't-nope' }) });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/no theme "t-nope"/);
    expect(await curationHistory(env.table)).toEqual([]);
  });

  it('merges two themes from the theme drawer', async () => {
    const before = await themes();
    const [big, small] = [before.find((t) => t.label.toLowerCase().includes('password'))!, before.find((t) => t.label.toLowerCase().includes('parcel'))!];
    expect(big && small).toBeTruthy();
    await page.goto(`${server.url}#theme=${encodeURIComponent(small.id)}`);
    await page.waitForSelector('#curate');
    await page.locator('#curate summary').click();
    await page.locator('#curate-merge-into').selectOption(big.id);
    await page.locator('#curate-merge').click();
    await page.waitForFunction(() => document.getElementById('curate-status')?.textContent?.startsWith('Saved') || document.getElementById('detail-title')?.textContent?.includes('assword'));

    const after = await themes();
    expect(after.find((t) => t.id === small.id)).toBeUndefined();
    expect(after.find((t) => t.id === big.id)?.volume).toBe(big.volume + small.volume);
    // The table on the page shows the merged theme's volume.
    await page.waitForFunction((n) => document.getElementById('themes-table')?.textContent?.includes(String(n)), big.volume + small.volume);
    const history = await curationHistory(env.table);
    expect(history.map((e) => [e.kind, e.by])).toEqual([['merge', 'pm@example.com']]);
    expect(errors).toEqual([]);
  }, 60_000);
});
