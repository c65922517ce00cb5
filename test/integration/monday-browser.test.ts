/// <reference lib="dom" />
/**
 * A product manager's Monday in the dashboard, in headless Chromium over an archive analysed by the real pipeline
 * (files runtime): filter to Spanish, open the most negative theme, open a quote's conversation and read its thread,
 * download the theme's conversations as CSV and check it holds every one of them, then find the team that misses its
 * first-response SLA most. (Merging two themes belongs to theme curation, issue 15 item 1, built elsewhere.)
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/storage-layout';
import { saveKpiConfig } from '../../src/stages/settings';
import { chromiumPath } from '../support/browser';
import { openDashboardSession, type DashboardSession } from '../support/dashboard-session';
import { conversation } from '../support/conversations';

const TOPICS = [
  { lang: 'en', team: 'logistics', texts: ['my parcel has not arrived', 'the parcel is late again', 'where is my parcel, it was due monday'], after: ['thanks a lot!', 'great, cheers'] },
  { lang: 'en', team: 'billing', texts: ['I am still waiting for my refund', 'the refund has not reached my card', 'how long does a refund take'], after: ['thanks a lot!', 'ok'] },
  { lang: 'es', team: 'logistics', texts: ['mi paquete no ha llegado', 'el paquete llega tarde otra vez', 'dónde está mi paquete, debía llegar el lunes'], after: ['esto es terrible, sigue sin llegar', 'pésimo servicio, estoy muy enfadado'] },
  { lang: 'es', team: 'billing', texts: ['quiero el reembolso de mi pedido', 'el reembolso no ha llegado a mi tarjeta', 'cuánto tarda un reembolso'], after: ['muchas gracias, perfecto', 'gracias, todo bien'] },
];
const AGENTS = ['agent-ana', 'agent-ben', 'agent-cy'];

function archive() {
  const out = [];
  let n = 0;
  for (let d = 0; d < 10; d++) {
    const day = addDays('2026-11-01', d);
    for (const [t, topic] of TOPICS.entries()) {
      for (let i = 0; i < 5; i++) {
        const c = conversation({
          id: `${t}-${d}-${i}`,
          customerId: `cust-${n}`,
          day,
          hour: 8 + i,
          customer: [topic.texts[(n + i) % 3]!, topic.after[n % 2]!],
          agent: [topic.lang === 'es' ? 'Gracias por escribirnos, lo estamos revisando.' : 'Thanks for writing in, we are looking into it.'],
          team: topic.team,
          language: topic.lang,
          channel: i % 2 ? 'chat' : 'email',
          csat: 1 + (n % 5),
        });
        for (const m of c.messages) if (m.role === 'agent') m.authorId = AGENTS[n % 3];
        out.push(c);
        n++;
      }
    }
  }
  return out;
}

let session: DashboardSession | undefined;
let page: Page;
let errors: string[] = [];
let themeSize = 0;

describe.skipIf(!chromiumPath)("a product manager's Monday in the dashboard", () => {
  beforeAll(async () => {
    session = await openDashboardSession(archive(), { asOf: '2026-11-11', pseudonymKey: 'monday-test', prepare: (e) => saveKpiConfig(e.blobs, { sla: { rules: [{ channel: 'chat', firstResponseMinutes: 20 }], default: { firstResponseMinutes: 480 } } }) });
    ({ page, errors } = session);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  it('filters to Spanish', async () => {
    await page.selectOption('#lang', 'es');
    await page.waitForFunction(() => document.querySelector('#summary')?.textContent?.includes('lang es'));
    expect(await page.locator('#summary').innerText()).toMatch(/^100 conversations/);
    expect(page.url()).toContain('lang=es');
  });

  it('opens the most negative theme, with its rates and their n', async () => {
    await page.click('#themes-negative');
    // Most negative first among themes with at least 10 scored conversations; smaller ones (greyed) after them.
    const negative = await page.locator('#themes-table tbody tr').evaluateAll((rows) =>
      rows.map((r) => {
        const [, share, n] = /^(\d+)% \((\d+)\)/.exec(r.querySelectorAll('td')[3]!.textContent ?? '') ?? [];
        return { share: Number(share), n: Number(n), greyed: !!r.querySelector('td:nth-child(4) .low-n') };
      }),
    );
    const solid = negative.filter((x) => x.n >= 10);
    expect(solid.length).toBeGreaterThan(1);
    expect(negative.slice(0, solid.length)).toEqual(solid);
    expect(solid.map((x) => x.share)).toEqual([...solid.map((x) => x.share)].sort((a, b) => b - a));
    expect(negative.every((x) => x.greyed === x.n < 10)).toBe(true);
    const first = page.locator('#themes-table .theme-link').first();
    await first.click();
    await page.waitForSelector('#detail:not([hidden]) #detail-conversations tbody tr');
    expect(await page.locator('#detail-meta').innerText()).toContain('lang:es');
    // The negative share, shown with its n and not greyed.
    const share = page.locator('#detail-stats div', { hasText: 'Negative' }).locator('dd > span');
    expect(await share.innerText()).toBe(`${solid[0]!.share}% (${solid[0]!.n})`);
    expect(await share.getAttribute('class')).toBeNull();
    themeSize = solid[0]!.n;
  });

  it("opens a quote's conversation: the redacted thread with per-message sentiment, theme, area and KPIs", async () => {
    await page.locator('#detail-quotes .conv-link').first().click();
    await page.waitForSelector('#conversation:not([hidden]) #conversation-messages li');
    expect(await page.locator('#conversation-meta').innerText()).toMatch(/^test:[23]-\d+-\d · .* · (Spanish|español)/);
    const thread = await page.locator('#conversation-messages li').allInnerTexts();
    expect(thread).toHaveLength(3);
    expect(thread[0]).toMatch(/^customer · 2026-11-\d\d \d\d:\d\d · sentiment (negative|neutral|positive) -?\d\.\d\d/);
    const stats = await page.locator('#conversation-stats').innerText();
    for (const label of ['AREA', 'THEME', 'SENTIMENT', 'CSAT', 'FIRST RESPONSE', 'RESOLUTION']) expect(stats.toUpperCase()).toContain(label);
    expect(stats).toMatch(/30 min · (met|missed|no target)/);
    await page.click('#conversation-close');
    expect(await page.locator('#conversation').isHidden()).toBe(true);
  });

  it("downloads the theme's conversations as CSV, every one of them", async () => {
    const total = Number(await page.locator('#detail-conversations-count').getAttribute('data-total'));
    expect(total).toBe(themeSize);
    // The drawer shows a page; the CSV holds all.
    expect(await page.locator('#detail-conversations tbody tr').count()).toBe(Math.min(total, 20));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#detail-csv')]);
    expect(download.suggestedFilename()).toMatch(/^voc-conversations_.*lang-es.*\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv).toHaveLength(total + 1);
    const header = csv[0]!.split(',');
    expect(csv.slice(1).every((line) => line.split(',')[header.indexOf('lang')] === 'es')).toBe(true);
    await page.click('#detail-close');
  });

  it('finds the team that misses its first-response SLA most, by any segment, with targets and counts judged', async () => {
    expect(await page.locator('#kpi-targets').innerText()).toMatch(/chat: first response 20 min/);
    await page.locator('#kpi-table th button', { hasText: 'SLA 1st response' }).click();
    expect(await page.locator('#kpi-table th[aria-sort]').innerText()).toMatch(/SLA 1ST RESPONSE/i);
    const first = await page.locator('#kpi-table tbody tr').first().locator('td').nth(6).innerText();
    const rates = await page.locator('#kpi-table tbody tr').evaluateAll((rows) => rows.map((r) => parseInt(r.querySelectorAll('td')[6]!.textContent ?? '', 10)));
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(first).toMatch(/^\d+% \(\d+\)$/);
    // …and the conversations behind that number: the worst team's breaches.
    const [, rate, judged] = /^(\d+)% \((\d+)\)$/.exec(first)!;
    await page.locator('#kpi-table tbody tr').first().locator('td').nth(6).locator('button').click();
    await page.waitForFunction(() => document.querySelector('#detail-title')?.textContent?.includes('SLA breached') && document.querySelector('#detail-conversations-count')?.getAttribute('data-total'));
    const breached = Number(await page.locator('#detail-conversations-count').getAttribute('data-total'));
    expect(Math.abs(breached - Number(judged) * (1 - Number(rate) / 100))).toBeLessThan(1);
    expect(await page.locator('#detail-conversations tbody tr').first().locator('td').nth(5).innerText()).toBe('breached');
    await page.click('#detail-close');
    await page.selectOption('#kpi-by', 'lang');
    await page.waitForFunction(() => document.querySelector('#kpi-table tbody tr')?.getAttribute('data-key')?.startsWith('lang:'));
    expect(await page.locator('#kpi-table tbody tr').count()).toBe(2);
    expect(await page.locator('#kpi-csv').getAttribute('href')).toContain('by=lang');
  });

  it('draws daily counts with straight lines, not splines', async () => {
    const tension = await page.evaluate(() => {
      const chart = (globalThis as unknown as { Chart: { getChart(id: string): { data: { datasets: Array<{ tension?: number; cubicInterpolationMode?: string }> } } } }).Chart.getChart('volume-chart');
      return chart.data.datasets.map((d) => [d.tension, d.cubicInterpolationMode ?? 'default']);
    });
    expect(tension.length).toBeGreaterThan(0);
    for (const [t, mode] of tension) expect([t, mode]).toEqual([0, 'default']);
  });

  it('runs without a script error', () => {
    expect(errors).toEqual([]);
  });
});
