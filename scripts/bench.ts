/**
 * `npm run bench`: speed and memory of the hot paths, on generated data (no datasets needed).
 *
 *   npm run bench                          all benchmarks at default sizes
 *   npm run bench -- --conversations 200000 --docs 100000
 *
 * - ingest: N generated conversations (gzip JSONL) through ingest on the embedded emulators
 * - sentiment: short customer messages per second on one core
 * - themes: discovery over D short documents
 * Peak RSS is the whole process, emulators included (they keep objects in memory).
 */
import { gzipSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLocalEnvironment } from '../src/adapters/local-environment';
import { analyzeSentiment, discoverThemes, type ThemeDoc } from '../src/core/analysis';
import { layout } from '../src/core/storage-layout';
import { ingestObject } from '../src/stages/ingest';
import { buildIngestContext } from '../src/stages/ingest-setup';
import { hideNodeVersionNotice } from '../src/cli/process-warnings';

hideNodeVersionNotice();

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const conversations = arg('conversations', 20_000);
const docsWanted = arg('docs', 100_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// Customer openings from the bundled sample archive (CDLA-Sharing, shipped) as realistic text.
const sampleFile = fileURLToPath(new URL('../data/sample/archive/helpdesk-en.jsonl', import.meta.url));
const openings = fs.readFileSync(sampleFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l).messages[0].text as string);
const pick = (i: number) => openings[(i * 7919) % openings.length]!;

function generatedArchive(n: number): Buffer {
  const lines: string[] = [];
  const start = Date.parse('2026-08-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const t = start + (i % 90) * 86_400_000 + (i % 600) * 60_000;
    const at = (m: number) => new Date(t + m * 60_000).toISOString();
    lines.push(JSON.stringify({
      schemaVersion: 1, id: `bench:${i}`, source: 'bench', sourceId: String(i), channel: 'email', createdAt: at(0), updatedAt: at(90),
      customer: { id: `customer${i % 5000}@example.com` }, tags: [],
      messages: [
        { id: 'm1', role: 'customer', createdAt: at(0), text: `${pick(i)} My number is +1 415 555 ${String(1000 + (i % 9000))}.` },
        { id: 'm2', role: 'agent', createdAt: at(30), text: 'Thanks for reaching out, I have looked into this for you.' },
        { id: 'm3', role: 'customer', createdAt: at(90), text: i % 3 ? 'great, thanks!' : 'still not fixed, this is ridiculous' },
      ],
    }));
  }
  return gzipSync(lines.join('\n') + '\n');
}

async function benchIngest() {
  const env = await openLocalEnvironment();
  try {
    const body = generatedArchive(conversations);
    await env.blobs.put(layout.inboxKey('bench.jsonl.gz'), body);
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await ingestObject(env, { ...buildIngestContext({ pseudonymKey: 'bench' }), runId: 'bench' }, layout.inboxKey('bench.jsonl.gz'));
    const s = (performance.now() - t0) / 1000;
    console.log(`ingest     ${r.normalised} conversations (${mb(body.length)} gzip) in ${s.toFixed(1)} s = ${Math.round(r.normalised / s)} conversations/s; RSS ${mb(rssBefore)} → peak ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    await env.close();
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
  const docs: ThemeDoc[] = Array.from({ length: docsWanted }, (_, i) => ({ id: String(i), text: pick(i), lang: 'en' }));
  const t0 = performance.now();
  const { catalogue } = discoverThemes(docs);
  const s = (performance.now() - t0) / 1000;
  console.log(`themes     discovery over ${docs.length} short documents in ${s.toFixed(1)} s → ${catalogue.themes.length} themes; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

console.log(`node ${process.version}, ${path.basename(process.argv[1] ?? '')}`);
benchSentiment();
benchThemes();
await benchIngest();
