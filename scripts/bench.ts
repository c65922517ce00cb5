/**
 * `npm run bench`: speed and memory of the hot paths, on generated data (no datasets needed).
 *
 *   npm run bench                          all benchmarks at default sizes
 *   npm run bench -- --ingest-mb 1024 --docs 100000
 *   npm run bench -- --e2e 100000          a year of N conversations end to end, reads, an incremental night (scripts/bench-e2e.ts)
 *
 * - ingest: a generated JSON Lines export of the given size through ingest (emulators in a child process)
 * - sentiment: short customer messages per second on one core
 * - themes: discovery over D short documents
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openAwsEnvironment } from '../src/adapters/environment';
import { analyzeSentiment, discoverThemes, type ThemeDoc } from '../src/core/analysis';
import { layout } from '../src/core/storage-layout';
import { ingestObject } from '../src/stages/ingest';
import { buildIngestContext } from '../src/stages/ingest-setup';
import { hideNodeVersionNotice } from '../src/cli/process-warnings';

hideNodeVersionNotice();

const USAGE = `npm run bench -- [options]: speed and memory of the hot paths, on generated data (no datasets needed)

  npm run bench                               ingest, sentiment and theme discovery at default sizes
  npm run bench -- --ingest-mb 1024           ingest a generated JSON Lines export of about 1,024 MB (default 100)
  npm run bench -- --docs 100000              theme discovery over that many conversations (default 100,000)
  npm run bench -- --e2e 100000               a year of N conversations end to end as a user runs it: per-stage
                                              timings, peak RSS, data folder size, items written, read latencies
                                              (CLI and voc serve under 200 connections), an incremental night with
                                              1 % new conversations and the AWS cost per million (scripts/bench-e2e.ts)
      --keep DIR                              with --e2e: keep the data folder in DIR (default: removed at the end)
      --no-cost                               with --e2e: skip the Lambda cost estimate
  -h, --help                                  this text`;

let parsed: ReturnType<typeof parseBenchArgs>;
function parseBenchArgs() {
  return parseArgs({
    options: {
      'ingest-mb': { type: 'string' },
      docs: { type: 'string' },
      e2e: { type: 'string' },
      keep: { type: 'string' },
      'no-cost': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
}
try {
  parsed = parseBenchArgs();
} catch (error) {
  console.error(`bench: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
/** A positive whole number given for --name, or the fallback; anything else stops with the usage. */
function count(name: 'ingest-mb' | 'docs' | 'e2e', fallback: number): number {
  const given = parsed[name];
  if (given === undefined) return fallback;
  const n = Number(given.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`bench: --${name} takes a positive whole number (got "${given}")\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}
const ingestMegabytes = count('ingest-mb', 100);
const docsWanted = count('docs', 100_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// Customer openings from the bundled sample archive (CDLA-Sharing, shipped) as realistic text.
const sampleFile = fileURLToPath(new URL('../data/sample/archive/helpdesk-en.jsonl', import.meta.url));
const sampleThreads = fs.readFileSync(sampleFile, 'utf8').trim().split('\n').map((l) => (JSON.parse(l).messages as Array<{ role: string; text: string }>).filter((m) => m.role === 'customer').map((m) => m.text));
const openings = sampleThreads.map((t) => t[0]!);
const followUps = sampleThreads.flatMap((t) => t.slice(1));
const pick = (i: number) => openings[(i * 7919) % openings.length]!;

/** One export line per conversation, ~1.3 KB each, like a help desk's JSON Lines export. */
function exportLine(i: number): string {
  const t = Date.parse('2026-08-01T00:00:00Z') + (i % 90) * 86_400_000 + (i % 600) * 60_000;
  const at = (m: number) => new Date(t + m * 60_000).toISOString();
  return JSON.stringify({
    schemaVersion: 1, id: `bench:${i}`, source: 'bench', sourceId: String(i), channel: 'email', createdAt: at(0), updatedAt: at(90),
    customer: { id: `customer${i % 5000}@example.com` }, tags: ['bench'],
    messages: [
      { id: 'm1', role: 'customer', createdAt: at(0), text: `${pick(i)} My number is +1 415 555 ${String(1000 + (i % 9000))}, order ${i}.` },
      { id: 'm2', role: 'agent', createdAt: at(30), text: 'Thanks for reaching out, I have looked into this for you and I can see what happened with your order. It is on its way again.' },
      { id: 'm3', role: 'customer', createdAt: at(90), text: i % 3 ? 'great, thanks!' : 'still not fixed, this is ridiculous' },
    ],
  });
}

/** Writes an uncompressed export of about `megabytes` MB, streaming (the generator never holds it). */
async function writeExport(file: string, megabytes: number): Promise<number> {
  const out = fs.createWriteStream(file);
  let bytes = 0;
  let n = 0;
  while (bytes < megabytes * 1024 * 1024) {
    const line = `${exportLine(n++)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return n;
}

/**
 * Ingest in this process against emulators in a child process (`voc emulators`), so the peak
 * memory reported is the pipeline's own, not the emulators' copy of the data.
 */
async function benchIngest() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/voc.ts', '--in-memory', '--json', 'emulators'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [first] = (await once(child.stdout!.setEncoding('utf8'), 'data')) as [string];
    const endpoints = JSON.parse(first) as { s3: string; dynamodb: string; bucket: string; table: string };
    const env = openAwsEnvironment({ bucket: endpoints.bucket, table: endpoints.table, s3Endpoint: endpoints.s3, dynamoEndpoint: endpoints.dynamodb, pseudonymKey: 'bench' });
    const file = path.join(os.tmpdir(), `voc-bench-${process.pid}.jsonl`);
    try {
      const written = await writeExport(file, ingestMegabytes);
      const size = fs.statSync(file).size;
      await env.blobs.put(layout.inboxKey('bench.jsonl'), fs.createReadStream(file));
      const rssBefore = process.memoryUsage().rss;
      const t0 = performance.now();
      const r = await ingestObject(env, { ...buildIngestContext({ pseudonymKey: 'bench' }), runId: 'bench' }, layout.inboxKey('bench.jsonl'));
      const s = (performance.now() - t0) / 1000;
      if (r.normalised !== written) throw new Error(`ingested ${r.normalised} of ${written} conversations`);
      console.log(
        `ingest     ${r.normalised} conversations (${mb(size)} JSONL) in ${s.toFixed(1)} s = ${Math.round(r.normalised / s)} conversations/s, ${(size / 1024 / 1024 / s).toFixed(1)} MB/s; ` +
          `RSS before ${mb(rssBefore)}, peak ${mb(process.resourceUsage().maxRSS * 1024)} (this process; emulators run in a child)`,
      );
    } finally {
      fs.rmSync(file, { force: true });
      await env.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

function benchSentiment() {
  const texts = Array.from({ length: 50_000 }, (_, i) => pick(i));
  for (const t of texts.slice(0, 2000)) analyzeSentiment(t, 'en'); // warm up
  const t0 = performance.now();
  for (const t of texts) analyzeSentiment(t, 'en');
  const s = (performance.now() - t0) / 1000;
  console.log(`sentiment  ${texts.length} short messages in ${s.toFixed(2)} s = ${Math.round(texts.length / s)} messages/s (one core, language given)`);
}

function benchThemes() {
  // Conversations as discovery sees them: an opening from the sample, then one or two of its later customer messages.
  const docs: ThemeDoc[] = Array.from({ length: docsWanted }, (_, i) => ({
    id: String(i),
    messages: [pick(i), ...Array.from({ length: i % 3 }, (_, j) => followUps[(i * 104729 + j * 31) % followUps.length]!)],
    lang: 'en',
  }));
  const t0 = performance.now();
  const { catalogue } = discoverThemes(docs);
  const s = (performance.now() - t0) / 1000;
  console.log(`themes     discovery over ${docs.length} conversations (1–3 customer messages) in ${s.toFixed(1)} s → ${catalogue.themes.length} themes; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

if (parsed.e2e !== undefined) {
  const { benchEndToEnd } = await import('./bench-e2e');
  await benchEndToEnd(count('e2e', 0), { keep: parsed.keep, cost: !parsed['no-cost'] });
  process.exit(0);
}
console.log(`node ${process.version}, ${path.basename(process.argv[1] ?? '')}`);
// Ingest first: peak RSS is per process, and the other benchmarks would raise it.
await benchIngest();
benchSentiment();
benchThemes();
