/**
 * `npm run bench -- --e2e N`: a year of a help desk of N conversations, end to end, as a user runs it.
 *
 *   npm run bench -- --e2e 100000                 generate, run, time the reads, then an incremental night
 *   npm run bench -- --e2e 1000000 --keep /tmp/d  keep the data folder (default: removed at the end)
 *   npm run bench -- --e2e 20000 --no-cost        skip the Lambda cost estimate (scripts/bench-lambda-cost.ts)
 *
 * 1. Generates N multi-turn conversations over 365 days (several languages): each is a conversation of the
 *    bundled sample archive (data/sample/archive: the Bitext-based English help desk and the team's
 *    multilingual set) moved to its day, with its own id and customer. Written as one gzip JSON Lines export.
 * 2. `voc run FILE` in a child process (the built CLI, as a user runs it): wall time, the run's per-stage
 *    timings (conversations/s, items written), peak RSS of the process (worker threads included).
 * 3. Read paths: `voc --help`, `voc themes`, `voc theme ID`, `voc kpis` (wall, process start included);
 *    `voc serve`: 200 requests per API route (p50/p95, varied filters), then 200 concurrent connections
 *    sending 4,000 requests per route (errors, timeouts, p99, server RSS).
 * 4. An incremental night: 1 % new conversations on the next day, `voc run` again.
 * 5. The cost per million conversations on AWS (scripts/bench-lambda-cost.ts, small volume).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { cloneOnDay, type SampleConversation } from './sample-clone';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VOC = path.join(ROOT, 'bin', 'voc.mjs');
const DAYS = 365;
const LAST_DAY = '2026-11-20';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

type Sample = SampleConversation;

function loadTemplates(): { english: Sample[]; other: Sample[] } {
  const dir = path.join(ROOT, 'data', 'sample', 'archive');
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Sample);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  return { english: files.filter((f) => f.startsWith('helpdesk-en')).flatMap(read), other: files.filter((f) => !f.startsWith('helpdesk-en')).flatMap(read) };
}

/** A deterministic mix: 65 % English, 35 % the other languages of the sample; every day gets its share. */
export async function writeArchive(file: string, count: number, firstDay: string, days: number, offset: number): Promise<void> {
  const { english, other } = loadTemplates();
  const gzip = createGzip({ level: 1 });
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  for (let k = 0; k < count; k++) {
    const i = offset + k;
    const h = Math.imul(i + 1, 2654435761) >>> 0;
    const pool = h % 100 < 65 ? english : other;
    const s = pool[(h >>> 7) % pool.length]!;
    const day = addDays(firstDay, Math.floor((k * days) / count));
    const line = JSON.stringify(cloneOnDay(s, i, day, (h >>> 3) % (20 * 60), `customer-${h % 50_000}`));
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'finish');
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakRssMb?: number;
}

function voc(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [VOC, ...args], { env: { ...process.env, CI: 'true', VOC_REPORT_RSS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const rss = /voc peak RSS (\d+) MB/.exec(stderr);
      resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000, peakRssMb: rss ? Number(rss[1]) : undefined });
    }),
  );
}

async function must(args: string[]): Promise<Finished> {
  const r = await voc(args);
  if (r.code !== 0) throw new Error(`voc ${args.join(' ')} exited ${r.code}:\n${r.stderr.slice(-2000)}`);
  return r;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).blocks * 512;
  }
  return total;
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

function printRun(label: string, r: Finished): any {
  const out = JSON.parse(r.stdout) as { run: { timings: any } };
  const t = out.run.timings;
  console.log(`${label}: ${r.seconds.toFixed(1)} s wall (process start included), peak RSS ${r.peakRssMb} MB`);
  for (const [stage, s] of Object.entries<any>(t.stages)) {
    console.log(`  ${stage.padEnd(10)} ${String(s.seconds.toFixed(1)).padStart(7)} s ${fmt(s.conversationsPerSecond).padStart(9)} conv/s  ${fmt(s.conversations).padStart(9)} conversations  ${fmt(s.items).padStart(7)} items  ${fmt(s.objects).padStart(6)} objects`);
  }
  console.log(`  days: ${t.days.count} in ${t.days.seconds} s with ${t.days.parallel} workers; ${t.aggregateItemsPer1000Conversations} aggregate items per 1,000 conversations`);
  return out;
}

async function startServe(dataDir: string): Promise<{ url: string; child: ChildProcess; rss: () => number }> {
  const child = spawn(process.execPath, [VOC, '--data-dir', dataDir, '--json', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [first] = (await once(child.stdout!.setEncoding('utf8'), 'data')) as [string];
  const { url } = JSON.parse(first) as { url: string };
  const rss = () => {
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  };
  return { url, child, rss };
}

async function timed(url: string, timeoutMs = 10_000): Promise<{ ms: number; ok: boolean; timeout: boolean }> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, ok: res.status === 200, timeout: false };
  } catch (e) {
    return { ms: performance.now() - t0, ok: false, timeout: (e as Error).name === 'TimeoutError' };
  }
}

/** `autocannon -c 200 -a 4000` in spirit: 200 connections, 4,000 requests in all, 10 s client timeout. */
async function load(urls: string[], connections = 200, total = 4000) {
  let sent = 0;
  const latencies: number[] = [];
  let errors = 0;
  let timeouts = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (sent < total) {
        const url = urls[sent++ % urls.length]!;
        const r = await timed(url);
        latencies.push(r.ms);
        if (r.timeout) timeouts++;
        else if (!r.ok) errors++;
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), errors, timeouts, requests: latencies.length };
}

export async function benchEndToEnd(conversations: number, options: { keep?: string; cost: boolean }): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-e2e-'));
  const dataDir = options.keep ?? path.join(work, 'data');
  if (options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  const firstDay = addDays(LAST_DAY, -(DAYS - 1));
  console.log(`bench --e2e ${fmt(conversations)}: node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'voc.mjs'))) spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  try {
    // 1. the archive
    let t0 = performance.now();
    const archive = path.join(work, 'year.jsonl.gz');
    await writeArchive(archive, conversations, firstDay, DAYS, 0);
    console.log(`archive: ${fmt(conversations)} conversations over ${DAYS} days (${firstDay} … ${LAST_DAY}), ${mb(fs.statSync(archive).size)} gzip, generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    // 2. the first night: the whole year
    const first = await must(['--data-dir', dataDir, '--json', 'run', archive, '--as-of', LAST_DAY]);
    const firstOut = printRun('voc run (the year)', first);
    console.log(`  end to end ${fmt(conversations / first.seconds)} conversations/s; data folder ${mb(folderBytes(dataDir))}`);

    // 3. reads from the CLI, process start included
    const cli = async (label: string, args: string[]) => {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push((await must(args)).seconds);
      console.log(`  ${label.padEnd(24)} ${runs.map((s) => s.toFixed(2)).join(' / ')} s`);
    };
    console.log('CLI reads (3 runs each, wall):');
    await cli('voc --help', ['--help']);
    await cli('voc themes', ['--data-dir', dataDir, 'themes']);
    const top = (firstOut as { themes: { themes: { id: string }[] } }).themes.themes[0]?.id ?? 'none';
    await cli(`voc theme ${top}`, ['--data-dir', dataDir, 'theme', top]);
    await cli('voc kpis --by team', ['--data-dir', dataDir, 'kpis', '--by', 'team']);

    // 4. the API under voc serve
    const serve = await startServe(dataDir);
    try {
      const api = (p: string) => new URL(`api${p}`, serve.url).href;
      const langs = ['en', 'es', 'de', 'fr', 'pt', 'it', 'nl', 'ar', 'fa', 'zh'];
      const routes: Record<string, (i: number) => string> = {
        '/themes': (i) => api(`/themes?sort=${['volume', 'negative', 'rising'][i % 3]}${i % 4 ? `&lang=${langs[i % langs.length]}` : ''}`),
        '/themes/{id}': (i) => api(`/themes/${encodeURIComponent(top)}${i % 2 ? `?lang=${langs[i % langs.length]}` : ''}`),
        '/timeline': (i) => api(`/timeline${i % 2 ? `?lang=${langs[i % langs.length]}` : ''}`),
        '/kpis': (i) => api(`/kpis?by=${['theme', 'team', 'channel', 'lang', 'source', 'segment'][i % 6]}`),
        '/runs': () => api('/runs'),
      };
      console.log('API (voc serve): 200 requests one at a time per route, filters varied (first request uncached)');
      for (const [route, url] of Object.entries(routes)) {
        const ms: number[] = [];
        for (let i = 0; i < 200; i++) ms.push((await timed(url(i))).ms);
        console.log(`  ${route.padEnd(14)} first ${ms[0]!.toFixed(0)} ms, p50 ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms`);
      }
      console.log('API under load: 200 connections, 4,000 requests per route, 10 s client timeout');
      for (const [route, url] of Object.entries(routes)) {
        const r = await load(Array.from({ length: 40 }, (_, i) => url(i + 1000)));
        console.log(`  ${route.padEnd(14)} ${fmt(r.requests / r.seconds)} req/s, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, errors ${r.errors}, timeouts ${r.timeouts}`);
      }
      console.log(`  voc serve peak RSS ${serve.rss().toFixed(0)} MB`);
    } finally {
      serve.child.kill('SIGTERM');
    }

    // 5. an incremental night: 1 % new conversations on the next day
    const nextDay = addDays(LAST_DAY, 1);
    const increment = path.join(work, 'next-night.jsonl.gz');
    await writeArchive(increment, Math.max(1, Math.round(conversations / 100)), nextDay, 1, conversations);
    const second = await must(['--data-dir', dataDir, '--json', 'run', increment, '--as-of', nextDay]);
    printRun(`incremental night (+${fmt(conversations / 100)} conversations)`, second);
    console.log(`  data folder ${mb(folderBytes(dataDir))}`);

    // 6. what it would cost on AWS
    if (options.cost) {
      t0 = performance.now();
      const cost = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench-lambda-cost.ts'), '--conversations', '3000'], { encoding: 'utf8', cwd: ROOT });
      const total = /\| \*\*total\*\* \| \| \*\*(\$[\d.]+)\*\* \|/.exec(cost.stdout)?.[1];
      const items = /aggregate items per day partition ≈ [\d,]+, per 1,000 conversations analysed ≈ ([\d.,]+)/.exec(cost.stdout)?.[1];
      console.log(`AWS cost per 1,000,000 conversations a month (scripts/bench-lambda-cost.ts --conversations 3000, ${((performance.now() - t0) / 1000).toFixed(0)} s): ${total ?? 'see its output'}${items ? `; DynamoDB aggregate items per 1,000 conversations ≈ ${items}` : ''}`);
      if (!total) console.log(cost.stdout.slice(-3000), cost.stderr.slice(-2000));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
