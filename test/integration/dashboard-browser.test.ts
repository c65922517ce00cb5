/// <reference lib="dom" />
/**
 * The dashboard as a product manager uses it, in headless Chromium: areas with their themes, an area opened
 * to all of its themes, a theme opened to its quotes (each naming its conversation), the volume chart by
 * area or by theme. Runs over a small archive analysed in memory by the real pipeline.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/storage-layout';
import { chromiumPath } from '../support/browser';
import { openDashboardSession, type DashboardSession } from '../support/dashboard-session';
import { conversation } from '../support/conversations';

const PROBLEMS: Record<string, string[]> = {
  delivery: ['my parcel has not arrived', 'the parcel is late again', 'parcel tracking stopped updating', 'where is my parcel, it was due monday', 'the courier lost my parcel', 'parcel marked delivered but not here'],
  refund: ['I am still waiting for my refund', 'the refund has not reached my card', 'how long does a refund take', 'refund was promised two weeks ago', 'please refund the damaged item', 'my refund is missing'],
  password: ['the password reset link does not work', 'I cannot reset my password', 'password reset email never arrives', 'locked out after a password change', 'reset password page shows an error', 'my new password is not accepted'],
};
const AROUND = ['Hi there,', 'Hello team,', ''];
const AFTER = ['thanks a lot!', 'any update?', 'still not solved', 'great, cheers'];

function archive() {
  const out = [];
  let n = 0;
  for (let d = 0; d < 10; d++) {
    const day = addDays('2026-11-01', d);
    for (const [problem, texts] of Object.entries(PROBLEMS)) {
      for (let i = 0; i < 8; i++) {
        const text = `${AROUND[(n + i) % AROUND.length]} ${texts[(n * 7 + i) % texts.length]}`.trim();
        out.push(conversation({ id: `${problem}-${d}-${i}`, customerId: `cust-${n}`, day, hour: 8 + (i % 10), customer: [text, AFTER[n % AFTER.length]!], agent: ['Thanks, looking into it.'], team: problem, csat: 1 + (n % 5) }));
        n++;
      }
    }
  }
  return out;
}

let session: DashboardSession | undefined;
let page: Page;
let errors: string[] = [];

describe.skipIf(!chromiumPath)('the dashboard in a browser', () => {
  beforeAll(async () => {
    session = await openDashboardSession(archive(), { asOf: '2026-11-11', pseudonymKey: 'browser-test' });
    ({ page, errors } = session);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  it('lists areas first, each with its themes below it', async () => {
    const areaRows = await page.locator('#themes-table tr.area-row').count();
    expect(areaRows).toBeGreaterThan(0);
    const first = page.locator('#themes-table tbody tr').first();
    expect(await first.getAttribute('class')).toBe('area-row');
    const text = (await page.locator('#themes-table').innerText()).toLowerCase();
    for (const word of ['parcel', 'refund', 'password']) expect(text).toContain(word);
    // Chatter never names anything a PM reads.
    for (const chatter of ['hi there', 'hello team', 'thanks', 'cheers', 'any update']) expect(text).not.toContain(chatter);
  });

  it('opens an area to all of its themes, and a theme to quotes that name their conversation', async () => {
    const areaLink = page.locator('#themes-table .area-link').first();
    if (await areaLink.count()) {
      await areaLink.click();
      await page.waitForSelector('#detail:not([hidden]) #detail-themes tbody tr');
      expect(await page.locator('#detail-title').innerText()).toContain('(area)');
      await page.locator('#detail-themes .theme-link').first().click();
    } else {
      await page.locator('#themes-table .theme-link').first().click();
    }
    await page.waitForFunction(() => !document.querySelector('#detail-title')?.textContent?.includes('(area)') && !document.querySelector('#detail')?.hasAttribute('hidden'));
    await page.waitForSelector('#detail-quotes li .conv-id');
    const ids = await page.locator('#detail-quotes .conv-id').allInnerTexts();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^test:/);
    const quotes = await page.locator('#detail-quotes li').allInnerTexts();
    // Representative quotes say different things.
    expect(new Set(quotes.map((q) => q.split('\n')[0])).size).toBe(quotes.length);
    await page.locator('#detail-close').click();
    expect(await page.locator('#detail').isHidden()).toBe(true);
  });

  it('draws the volume chart by area or by theme', async () => {
    expect(await page.locator('#volume-chart').getAttribute('aria-label')).toContain('areas');
    await page.locator('#by-theme').click();
    await page.waitForFunction(() => document.querySelector('#volume-chart')?.getAttribute('aria-label')?.includes('themes'));
    expect(page.url()).toContain('series=themes');
  });

  it('runs without a script error', () => {
    expect(errors).toEqual([]);
  });
});
