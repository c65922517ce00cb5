/// <reference lib="dom" />
/**
 * The dashboard never runs what the data says: a taxonomy whose area and theme labels and a team name, and
 * customers' messages, all carrying script payloads, are shown as text in headless Chromium, and nothing executes
 * (no global set, no dialog, no script error). The payloads must be visible as text, or the test proves nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { addDays, layout } from '../../src/core/storage-layout';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { saveTaxonomy } from '../../src/stages/settings';
import { parseTaxonomy } from '../../src/core/taxonomy-file';
import { chromiumPath, openDashboard, type OpenDashboard } from '../support/browser';
import { conversation, jsonl } from '../support/conversations';

const AREA_PAYLOAD = '<img src=x onerror="window.__xss=(window.__xss||[]).concat(\'area\')">';
const THEME_PAYLOAD = '<script>window.__xss=(window.__xss||[]).concat("theme")</script>';
const TEAM_PAYLOAD = '<svg onload="window.__xss=(window.__xss||[]).concat(\'team\')">';
const MESSAGE_PAYLOAD = '<img src=x onerror=alert(1)>';

const taxonomy = parseTaxonomy(
  JSON.stringify({
    version: 1,
    areas: [{ id: 'delivery', label: `Delivery ${AREA_PAYLOAD}`, themes: [{ id: 'late-parcel', label: `Late parcel ${THEME_PAYLOAD}`, keywords: ['parcel'] }] }],
  }),
  'test taxonomy',
);

function archive() {
  return Array.from({ length: 5 }, (_, d) => addDays('2026-11-01', d)).flatMap((day, d) =>
    Array.from({ length: 6 }, (_, i) =>
      conversation({
        id: `x-${d}-${i}`,
        customerId: `cust-${d * 6 + i}`,
        day,
        hour: 8 + i,
        team: TEAM_PAYLOAD,
        customer: [`${MESSAGE_PAYLOAD} my parcel has not arrived ${MESSAGE_PAYLOAD}`],
        agent: ['Looking into it.'],
      }),
    ),
  );
}

let env: VocEnvironment;
let dashboard: OpenDashboard;
let page: Page;
const incidents: string[] = [];

describe.skipIf(!chromiumPath)('the dashboard with script payloads in the data', () => {
  beforeAll(async () => {
    env = await openLocalEnvironment();
    await saveTaxonomy(env.blobs, taxonomy);
    await env.blobs.put(layout.inboxKey('export.jsonl'), jsonl(archive()));
    await runPipeline(env, { runId: 'run-1', asOf: '2026-11-06', ingest: buildIngestContext({ pseudonymKey: 'xss-test' }), now: () => new Date('2026-11-06T02:00:00Z') });
    dashboard = await openDashboard(env.table, (p) => {
      p.on('pageerror', (e) => incidents.push(`page error: ${e.message}`));
      p.on('dialog', (d) => {
        incidents.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
    });
    page = dashboard.page;
  }, 120_000);
  afterAll(async () => {
    await dashboard?.close();
    await env?.close();
  });

  it('shows the labels as text, payloads included', async () => {
    const table = await page.locator('#themes-table').innerText();
    expect(table).toContain(AREA_PAYLOAD);
    expect(table).toContain(THEME_PAYLOAD);
  });

  it('opens the theme to its quotes, payloads shown as text', async () => {
    await page.locator('#themes-table .theme-link').first().click();
    await page.waitForSelector('#detail-quotes li');
    const quotes = await page.locator('#detail-quotes').innerText();
    expect(quotes).toContain('<img');
  });

  it('executes none of them', async () => {
    // Give any onerror/onload a chance to fire.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string[] }).__xss)).toBeUndefined();
    expect(await page.locator('#themes-table img, #themes-table script, #themes-table svg, #detail img, #detail script').count()).toBe(0);
    expect(incidents).toEqual([]);
  });
});
