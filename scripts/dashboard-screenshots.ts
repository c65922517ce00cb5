/**
 * The README's dashboard screenshots, from the data folder `npm start` fills (headless Chromium, as the browser tests):
 *
 *   npm start && npx tsx scripts/dashboard-screenshots.ts [--data-dir .voc-data] [--out docs]
 *
 * Walks a product manager's Monday: the most negative themes, the worst one opened to its conversations, one
 * conversation's thread. Writes <out>/pm-monday-theme.png and <out>/pm-monday-conversation.png.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { openLocalEnvironment } from '../src/adapters/local-environment';
import { startDashboardServer } from '../src/server/dashboard-server';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: '.voc-data' }, out: { type: 'string', default: 'docs' } } });
const env = await openLocalEnvironment({ dataDir: values['data-dir'] });
const server = await startDashboardServer({ table: env.table, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.VOC_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.waitForSelector('#themes-table tbody tr');
  await page.click('#themes-negative');
  await page.locator('#themes-table .theme-link').first().click();
  await page.waitForSelector('#detail:not([hidden]) #detail-conversations tbody tr');
  await page.evaluate(() => {
    const drawer = document.getElementById('detail')!;
    drawer.scrollTop = document.getElementById('detail-quotes')!.offsetTop - 60;
  });
  await page.screenshot({ path: path.join(values.out!, 'pm-monday-theme.png') });
  await page.locator('#detail-conversations .conv-link').first().click();
  await page.waitForSelector('#conversation:not([hidden]) #conversation-messages li');
  await page.screenshot({ path: path.join(values.out!, 'pm-monday-conversation.png') });
  console.log(`wrote ${path.join(values.out!, 'pm-monday-theme.png')} and pm-monday-conversation.png`);
} finally {
  await browser.close();
  await server.close();
  await env.close();
}
