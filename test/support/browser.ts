/**
 * Headless Chromium for dashboard tests: Debian's `chromium` (installed by .ci/run) driven by playwright-core.
 * Where it is not installed the browser tests are skipped with a note, so `npm test` still passes on a
 * developer machine without it; CI always has it.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { KeyValueTable } from '../../src/ports';
import { startDashboardServer, type DashboardServer } from '../../src/server/dashboard-server';

const CANDIDATES = [process.env.VOC_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);

export const chromiumPath = CANDIDATES.find((p) => fs.existsSync(p));

if (!chromiumPath) console.warn('Browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set VOC_CHROMIUM).');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // Flags for a closed network and a root user in CI.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface OpenDashboard {
  server: DashboardServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** `voc serve` over the table, opened in headless Chromium until its themes table has rows; `onPage` sees the page before it loads. */
export async function openDashboard(table: KeyValueTable, onPage: (page: Page) => void = () => undefined, pageOptions: { acceptDownloads?: boolean } = {}): Promise<OpenDashboard> {
  const server = await startDashboardServer({ table, port: 0 });
  const browser = await launchBrowser();
  const page = await browser.newPage(pageOptions);
  onPage(page);
  await page.goto(server.url);
  await page.waitForSelector('#themes-table tbody tr');
  return {
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
