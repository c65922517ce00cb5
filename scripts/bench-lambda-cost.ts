/**
 * `npx tsx scripts/bench-lambda-cost.ts`: what a night costs, measured on this machine.
 *
 *   npx tsx scripts/bench-lambda-cost.ts                       20,000 conversations over 30 days
 *   npx tsx scripts/bench-lambda-cost.ts --conversations 5000   quicker
 *
 * Calls the real Lambda handlers (lambdas/*.ts), in the order and with the events the state machine
 * uses, against the embedded S3 and DynamoDB emulators (as test/integration/handlers.test.ts does):
 *
 *   1. seed night: 30 daily exports (N conversations in all) land in inbox/; one run ingests them,
 *      discovers themes, analyses and aggregates every day, finalizes.
 *   2. steady night: one more day's export (N/30 conversations); the next run.
 *
 * It times every invocation, counts the S3 and DynamoDB requests the handlers make (by wrapping the
 * SDK clients' send), measures what is stored, and prints the arithmetic for one million
 * conversations a month (docs/DEPLOY.md). Local time stands in for Lambda time: an estimate.
 */
import { gzipSync } from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { handlerVariablesFor, openEmulatorEnvironment } from '../src/adapters/emulator-environment';
import { hideNodeVersionNotice } from '../src/cli/process-warnings';
import { addDays, layout } from '../src/core/storage-layout';
import { cloneOnDay, type SampleConversation } from './sample-clone';

hideNodeVersionNotice();

// Powertools reads its settings when lambdas/runtime.ts is first imported: set them first.
Object.assign(process.env, {
  POWERTOOLS_DEV: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
});
const { handler: aggregate } = await import('../lambdas/aggregate');
const { handler: analyze } = await import('../lambdas/analyze');
const { handler: discover } = await import('../lambdas/discover');
const { handler: finalize } = await import('../lambdas/finalize');
const { handler: ingest } = await import('../lambdas/ingest');
const { useEnvironment } = await import('../lambdas/runtime');

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONVERSATIONS = arg('conversations', 20_000);
const DAYS = 30;
const LAST_SEED_DAY = '2026-11-20';
const FIRST_DAY = addDays(LAST_SEED_DAY, -(DAYS - 1));
const STEADY_DAY = addDays(LAST_SEED_DAY, 1);
const PER_DAY = Math.round(CONVERSATIONS / DAYS);

// ── prices: AWS public list prices, us-east-1 (N. Virginia), as recorded 2026-11-23 ───────────
// Not fetched (this machine has no AWS access): check https://aws.amazon.com/<service>/pricing/.
const PRICE = {
  region: 'us-east-1',
  date: '2026-11-23',
  lambdaArmGbSecond: 0.0000133334, // Arm, first 7.5 billion GB-s a month
  lambdaRequest: 0.2 / 1e6,
  sfnTransition: 0.025 / 1000, // Standard workflows, Distributed Map child executions included
  s3Put: 0.005 / 1000, // PUT, COPY, POST, LIST
  s3Get: 0.0004 / 1000, // GET, HEAD and all other requests (DELETE is free)
  s3GbMonth: 0.023, // S3 Standard, first 50 TB
  ddbWriteUnit: 0.625 / 1e6, // on-demand write request unit
  ddbReadUnit: 0.125 / 1e6, // on-demand read request unit
  ddbGbMonth: 0.25,
};

/** Configured memory per handler (mirrors lib/pipeline.ts). */
const MEMORY_MB = { ingest: 1024, discover: 1769, analyze: 1769, aggregate: 1024, finalize: 1024 } as const;
type Stage = keyof typeof MEMORY_MB;
const STAGES = Object.keys(MEMORY_MB) as Stage[];
/** Lambda gives one full vCPU at 1,769 MB and a proportional share below it. */
const cpuShare = (mb: number) => Math.min(1, mb / 1769);
/** Handlers whose time is mostly CPU (parsing, NLP, gzip); the others mostly wait on DynamoDB/S3. */
const CPU_BOUND: Record<Stage, boolean> = { ingest: true, discover: true, analyze: true, aggregate: false, finalize: false };

// ── generated archive: the sample conversations, cloned onto the benchmark days ──────────────
const sampleFile = fileURLToPath(new URL('../data/sample/archive/helpdesk-en.jsonl', import.meta.url));
const samples = fs.readFileSync(sampleFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as SampleConversation);

function exportFor(day: string, count: number, offset: number): Buffer {
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    const i = offset + k;
    const s = samples[(i * 7919) % samples.length]!;
    // Keep each conversation on its day: start between 00:00 and 20:00 UTC.
    lines.push(JSON.stringify(cloneOnDay(s, i, day, (i * 37) % (20 * 60), `customer${i % 5000}@example.com`)));
  }
  return gzipSync(lines.join('\n') + '\n');
}

// ── request counting: wrap the SDK clients every handler builds ──────────────────────────────
type Counts = Record<string, number>;
let s3Calls: Counts = {};
let ddb = { writeUnits: 0, readUnits: 0, itemsWritten: 0, itemsDeleted: 0, calls: {} as Counts };
const bump = (c: Counts, k: string, n = 1) => (c[k] = (c[k] ?? 0) + n);

/** DynamoDB item size: attribute names + values (UTF-8), numbers ~ digits/2 + 1, +3 per list/map. */
function itemBytes(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number') return Math.ceil(String(v).replace(/[-.]/g, '').length / 2) + 1;
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + itemBytes(x), 0);
  if (typeof v === 'object') return 3 + Object.entries(v as object).reduce((n, [k, x]) => n + Buffer.byteLength(k) + itemBytes(x), 0);
  return 8;
}
const topLevelBytes = (item: Record<string, unknown>) => Object.entries(item).reduce((n, [k, x]) => n + Buffer.byteLength(k) + itemBytes(x), 0);

const s3Send = S3Client.prototype.send;
S3Client.prototype.send = function (this: S3Client, command: any, ...rest: any[]) {
  bump(s3Calls, command.constructor.name.replace(/Command$/, ''));
  return (s3Send as any).call(this, command, ...rest);
} as typeof s3Send;

const docSend = DynamoDBDocumentClient.prototype.send;
DynamoDBDocumentClient.prototype.send = async function (this: DynamoDBDocumentClient, command: any, ...rest: any[]) {
  const name = command.constructor.name.replace(/Command$/, '');
  bump(ddb.calls, name);
  const out: any = await (docSend as any).call(this, command, ...rest);
  const input = command.input;
  if (name === 'BatchWrite') {
    const unprocessed = new Set<unknown>(Object.values(out?.UnprocessedItems ?? {}).flat());
    for (const req of Object.values(input.RequestItems as Record<string, any[]>).flat()) {
      if (unprocessed.has(req)) continue;
      if (req.PutRequest) {
        const item = req.PutRequest.Item;
        const units = Math.ceil(topLevelBytes(item) / 1024);
        // An item with GSI1 keys is written to the index too (projection ALL): the same units again.
        ddb.writeUnits += units * (item.GSI1PK !== undefined ? 2 : 1);
        ddb.itemsWritten++;
      } else if (req.DeleteRequest) {
        ddb.writeUnits += 2; // the item and (for aggregate rows) its GSI1 entry
        ddb.itemsDeleted++;
      }
    }
  } else if (name === 'Get') {
    const size = out?.Item ? topLevelBytes(out.Item) : 1;
    ddb.readUnits += Math.ceil(size / 4096) * (input.ConsistentRead ? 1 : 0.5);
  } else if (name === 'Query') {
    const size = (out?.Items ?? []).reduce((n: number, it: Record<string, unknown>) => n + topLevelBytes(it), 0);
    ddb.readUnits += Math.max(1, Math.ceil(size / 4096)) * (input.ConsistentRead ? 1 : 0.5);
  } else if (name === 'Put') {
    ddb.writeUnits += Math.ceil(topLevelBytes(input.Item) / 1024) * (input.Item.GSI1PK !== undefined ? 2 : 1);
    ddb.itemsWritten++;
  }
  return out;
} as typeof docSend;

// ── one night, as the state machine runs it ──────────────────────────────────────────────────
interface NightStats {
  label: string;
  ms: Record<Stage, number>;
  invocations: Record<Stage, number>;
  ingested: number;
  windowConversations: number;
  partitions: number;
  /** Partitions analysed that lie before the discover window. */
  outsideWindow: number;
  analysedConversations: number;
  aggregateItems: number[];
  themes: number;
  /** Peak heap growth while discover ran (sampled every 20 ms), bytes: its memory need grows with the window. */
  discoverHeap: number;
  s3: Counts;
  ddb: typeof ddb;
  transitions: number;
  childExecutions: number;
  sfnS3: { list: number; get: number };
}

async function timed<T>(stats: NightStats, stage: Stage, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  stats.ms[stage] += performance.now() - t0;
  stats.invocations[stage]++;
  return out;
}

async function night(env: Awaited<ReturnType<typeof openEmulatorEnvironment>>, label: string, runId: string, asOf: string): Promise<NightStats> {
  s3Calls = {};
  ddb = { writeUnits: 0, readUnits: 0, itemsWritten: 0, itemsDeleted: 0, calls: {} };
  const zero = () => Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const stats: NightStats = {
    label, ms: zero(), invocations: zero(), ingested: 0, windowConversations: 0, partitions: 0, outsideWindow: 0, analysedConversations: 0,
    aggregateItems: [], themes: 0, discoverHeap: 0, s3: {}, ddb, transitions: 0, childExecutions: 0, sfnS3: { list: 0, get: 0 },
  };
  // IngestInbox: S3 ListObjectsV2 item reader (1,000 keys a page), one child execution per object.
  const inbox: string[] = [];
  for await (const o of env.blobs.list(layout.inboxKey(''))) inbox.push(o.key);
  stats.sfnS3.list += Math.max(1, Math.ceil(inbox.length / 1000));
  for (const Key of inbox) {
    const r = await timed(stats, 'ingest', () => ingest({ runId, Key }));
    stats.ingested += r.normalised;
  }
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  const d = await timed(stats, 'discover', () => discover({ runId, asOf })).finally(() => clearInterval(sampler));
  stats.discoverHeap = Math.max(0, heapPeak - heapBefore);
  stats.windowConversations = d.conversations;
  stats.themes = d.themes;
  // AnalyzePartitions: S3 GetObject of the partitions file, one child per day (analyze → aggregate).
  stats.sfnS3.get += 1;
  const items = JSON.parse(Buffer.from((await env.blobs.get(d.partitionsKey))!).toString('utf8')) as { date: string }[];
  stats.partitions = items.length;
  stats.outsideWindow = d.window ? items.filter((i) => i.date < d.window!.from).length : 0;
  for (const item of items) {
    const a = await timed(stats, 'analyze', () => analyze({ runId, ...item }));
    stats.analysedConversations += a.conversations;
    const g = await timed(stats, 'aggregate', () => aggregate({ runId, ...item }));
    stats.aggregateItems.push(g.items);
  }
  await timed(stats, 'finalize', () => finalize({ runId, startedAt: `${asOf}T02:00:00Z` }));
  stats.s3 = { ...s3Calls };
  // State transitions, counted as states entered (no retries): parent AsOfGiven, RunRequest,
  // IngestInbox, Discover, AnalyzePartitions, Finalize, RunSucceeded; children Ingest (1) or
  // Analyze + Aggregate (2).
  stats.childExecutions = inbox.length + items.length;
  stats.transitions = 7 + inbox.length * 1 + items.length * 2;
  return stats;
}

function storedBytes(env: Awaited<ReturnType<typeof openEmulatorEnvironment>>) {
  return (async () => {
    const byPrefix: Record<string, number> = {};
    for await (const o of env.blobs.list('')) {
      const prefix = o.key.slice(0, o.key.indexOf('/') + 1) || o.key;
      byPrefix[prefix] = (byPrefix[prefix] ?? 0) + (o.size ?? 0);
    }
    return byPrefix;
  })();
}

// ── run ──────────────────────────────────────────────────────────────────────────────────────
const env = await openEmulatorEnvironment();
const saved = { ...process.env };
Object.assign(process.env, handlerVariablesFor(env), { VOC_PSEUDONYM_KEY: 'bench-lambda-cost' });
useEnvironment(undefined);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`bench-lambda-cost: ${CONVERSATIONS} conversations over ${DAYS} days (${FIRST_DAY} … ${LAST_SEED_DAY}), then one more day (${STEADY_DAY})`);
console.log(`node ${process.version} on ${os.platform()}/${os.arch()}, ${cpu}; handlers run one at a time, emulators in-process\n`);

let offset = 0;
for (let i = 0; i < DAYS; i++) {
  const day = addDays(FIRST_DAY, i);
  const count = i === DAYS - 1 ? CONVERSATIONS - offset : PER_DAY;
  await env.blobs.put(layout.inboxKey(`export-${day}.jsonl.gz`), exportFor(day, count, offset), 'application/gzip');
  offset += count;
}
const t0 = performance.now();
const seed = await night(env, 'seed night (30 days of exports)', 'bench-seed', LAST_SEED_DAY);
await env.blobs.put(layout.inboxKey(`export-${STEADY_DAY}.jsonl.gz`), exportFor(STEADY_DAY, PER_DAY, offset), 'application/gzip');
const steady = await night(env, `steady night (+1 day, ${PER_DAY} new)`, 'bench-steady', STEADY_DAY);
const stored = await storedBytes(env);
// Distinct aggregate segments (all, lang:…, channel:…, team:…): aggregate rows per day are at most
// themes × segments, however many conversations a day has.
const segments = new Set<string>();
for (let i = 0; i <= DAYS; i++) {
  const manifest = await env.table.get({ PK: `DAY#${addDays(FIRST_DAY, i)}`, SK: 'AGGREGATES' });
  // Row keys are "PK\u0000SK"; an aggregate item's PK is SEG#<segment>#MONTH#<month>.
  for (const key of Object.keys((manifest?.rows as Record<string, string> | undefined) ?? {})) {
    const segment = /^SEG#(.+)#MONTH#/.exec(key)?.[1];
    if (segment) segments.add(segment);
  }
}
const wall = (performance.now() - t0) / 1000;
process.env = saved;
useEnvironment(undefined);
await env.close();

// ── report ───────────────────────────────────────────────────────────────────────────────────
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const usd = (n: number) => (n >= 0.01 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`);
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

for (const s of [seed, steady]) {
  console.log(`${s.label}: ingested ${fmt(s.ingested)}, discover window ${fmt(s.windowConversations)} conversations, ${s.partitions} day partitions analysed (${fmt(s.analysedConversations)} conversations, ${s.outsideWindow} of the days before the window)`);
  console.log(`  ${pad('handler', 10)}${lpad('calls', 7)}${lpad('total ms', 11)}${lpad('ms / 1,000 conv', 17)}${lpad('memory', 9)}`);
  for (const st of STAGES) {
    const basis = st === 'ingest' ? s.ingested : st === 'discover' ? s.windowConversations : st === 'analyze' || st === 'aggregate' ? s.analysedConversations : s.ingested;
    console.log(`  ${pad(st, 10)}${lpad(String(s.invocations[st]), 7)}${lpad(fmt(s.ms[st]), 11)}${lpad(basis ? fmt((s.ms[st] / basis) * 1000, 1) : '-', 17)}${lpad(`${MEMORY_MB[st]} MB`, 9)}`);
  }
  const itemsPerDay = s.aggregateItems.length ? s.aggregateItems.reduce((a, b) => a + b, 0) / s.aggregateItems.length : 0;
  console.log(`  S3 requests by handlers: ${Object.entries(s.s3).map(([k, v]) => `${k} ${v}`).join(', ')}; by Step Functions readers: List ${s.sfnS3.list}, Get ${s.sfnS3.get}`);
  const aggregateItems = s.aggregateItems.reduce((a, b) => a + b, 0);
  console.log(`  DynamoDB: ${fmt(s.ddb.itemsWritten)} items put, ${fmt(s.ddb.itemsDeleted)} deleted, ≈${fmt(s.ddb.writeUnits)} WRU, ≈${fmt(s.ddb.readUnits, 1)} RRU; aggregate items per day partition ≈ ${fmt(itemsPerDay)}, per 1,000 conversations analysed ≈ ${fmt((aggregateItems / Math.max(1, s.analysedConversations)) * 1000, 1)}; items put per 1,000 conversations analysed ≈ ${fmt((s.ddb.itemsWritten / Math.max(1, s.analysedConversations)) * 1000, 1)}`);
  console.log(`  Step Functions: ${s.childExecutions} child executions, ≈${s.transitions} state transitions`);
  console.log(`  discover peak heap growth ≈ ${fmt(s.discoverHeap / 1024 / 1024)} MB for ${fmt(s.windowConversations)} conversations in the window\n`);
}

// A month at 1,000,000 conversations = 30 steady nights, each k times this steady night's volume.
const MONTHLY = 1_000_000;
const nightsPerMonth = 30;
const k = MONTHLY / nightsPerMonth / steady.ingested;
// Aggregate items (one per segment × day, holding every theme) grow with volume only until every
// segment has its item each day (and then only in size, past 300 KB in further parts).
const itemsPerDay = steady.aggregateItems.reduce((a, b) => a + b, 0) / Math.max(1, steady.aggregateItems.length);
const itemCap = segments.size;
const kAggregate = Math.max(1, Math.min(k, itemCap / Math.max(1, itemsPerDay)));
const scale: Record<Stage, number> = { ingest: k, discover: k, analyze: k, aggregate: kAggregate, finalize: 1 };
const gbSeconds = (st: Stage, ms: number) => (MEMORY_MB[st] / 1024) * (ms / 1000);
// Lambda time on a share of a vCPU: CPU-bound work at 1,024 MB runs on ~58 % of a core.
const lambdaMs = (st: Stage) => (steady.ms[st] * scale[st]) / (CPU_BOUND[st] ? cpuShare(MEMORY_MB[st]) : 1);
const lines: [string, string, number][] = [];
let lambdaCost = 0;
const stageCost: Partial<Record<Stage, number>> = {};
for (const st of STAGES) {
  const ms = lambdaMs(st) * nightsPerMonth;
  const gbs = gbSeconds(st, ms);
  const cost = gbs * PRICE.lambdaArmGbSecond;
  lambdaCost += cost;
  stageCost[st] = cost;
  lines.push([`Lambda ${st} (${MEMORY_MB[st]} MB)`, `${fmt(gbs)} GB-s`, cost]);
}
// Invocations: ingest and analyze/aggregate scale with volume (one export per ~day, partitions per day are fixed).
const invocations = STAGES.reduce((n, st) => n + steady.invocations[st], 0) * nightsPerMonth;
lines.push(['Lambda requests', `${fmt(invocations)} invocations`, invocations * PRICE.lambdaRequest]);
const transitions = steady.transitions * nightsPerMonth;
lines.push(['Step Functions (Standard, incl. Distributed Map children)', `${fmt(transitions)} transitions, ${fmt(steady.childExecutions * nightsPerMonth)} child executions`, transitions * PRICE.sfnTransition]);
// S3 requests: per-object requests scale with partitions and files (not with k), except multipart/large reads; scale conservatively by k for GET/PUT of data.
const s3 = steady.s3;
const putClass = ((s3.PutObject ?? 0) + (s3.CopyObject ?? 0) + (s3.ListObjectsV2 ?? 0) + (s3.CreateMultipartUpload ?? 0) + (s3.UploadPart ?? 0) + (s3.CompleteMultipartUpload ?? 0) + steady.sfnS3.list) * nightsPerMonth;
const getClass = ((s3.GetObject ?? 0) + (s3.HeadObject ?? 0) + steady.sfnS3.get) * nightsPerMonth;
lines.push(['S3 PUT/COPY/LIST requests', `${fmt(putClass)} requests`, putClass * PRICE.s3Put]);
lines.push(['S3 GET/HEAD requests', `${fmt(getClass)} requests`, getClass * PRICE.s3Get]);
// DynamoDB: aggregate rows are day × theme × segment (they saturate, not ×k): measured units per night.
const wru = steady.ddb.writeUnits * kAggregate * nightsPerMonth;
const rru = steady.ddb.readUnits * nightsPerMonth;
lines.push(['DynamoDB on-demand writes', `${fmt(wru)} WRU`, wru * PRICE.ddbWriteUnit]);
lines.push(['DynamoDB on-demand reads', `${fmt(rru, 0)} RRU`, rru * PRICE.ddbReadUnit]);
// Storage: bytes per conversation now, for one month's 1M conversations (the archive grows by this every month).
const totalConversations = seed.ingested + steady.ingested;
const perConv = (prefix: string) => (stored[prefix] ?? 0) / totalConversations;
const gb = (bytes: number) => bytes / 1024 ** 3;
const currentGb = gb((perConv('conversations/') + perConv('analysis/') + perConv('quarantine/') + perConv('manifests/') + perConv('runs/') + perConv('themes/')) * MONTHLY);
const rawGb = gb(perConv('raw/') * MONTHLY) * 3; // raw/ expires after 90 days: three months of exports held at any time
// Versioning: each re-analysis replaces analysis/date=…/analysis.jsonl.gz; old versions live 30 days.
const reanalysisPerDay = steady.partitions; // days re-analysed every night
const noncurrentGb = gb(perConv('analysis/') * MONTHLY) * Math.max(0, reanalysisPerDay - 1);
lines.push(['S3 storage added per month (conversations, analysis, manifests)', `${currentGb.toFixed(2)} GB`, currentGb * PRICE.s3GbMonth]);
lines.push(['S3 raw/ exports (90-day lifecycle: 3 months held)', `${rawGb.toFixed(2)} GB`, rawGb * PRICE.s3GbMonth]);
lines.push([`S3 noncurrent analysis versions (${reanalysisPerDay} days re-analysed a night, kept 30 days)`, `${noncurrentGb.toFixed(2)} GB`, noncurrentGb * PRICE.s3GbMonth]);

const total = lines.reduce((n, [, , c]) => n + c, 0);
// Discover lists every stale day of the archive, not only the window: when the catalogue changes,
// every month already stored is re-analysed and re-aggregated again each night.
const perArchiveMonth = (stageCost.analyze ?? 0) + (stageCost.aggregate ?? 0) + wru * PRICE.ddbWriteUnit + noncurrentGb * PRICE.s3GbMonth;
console.log(`Per 1,000,000 conversations a month (${fmt(MONTHLY / nightsPerMonth)} a night = ${k.toFixed(1)} × the steady night), ${PRICE.region} list prices of ${PRICE.date}:`);
console.log(`| item | quantity | USD |\n|---|---|---|`);
for (const [name, qty, cost] of lines) console.log(`| ${name} | ${qty} | ${usd(cost)} |`);
console.log(`| **total** | | **${usd(total)}** |`);
console.log(
  `\nScaling: ingest/discover/analyze local ms × ${k.toFixed(1)}, divided by the CPU share for CPU-bound handlers (1,024 MB = ${(cpuShare(1024) * 100).toFixed(0)} % of a vCPU); ` +
    `aggregate time and DynamoDB writes × ${kAggregate.toFixed(2)} (aggregate items/day ${fmt(itemsPerDay)} now, at most ${fmt(itemCap)} segments, one item each); finalize × 1. Lambda compute alone ${usd(lambdaCost)}.`,
);
console.log(
  `Re-analysis: the steady night re-analysed ${steady.partitions} of ${DAYS + 1} days (${steady.outsideWindow} before the window). While every night changes the catalogue, ` +
    `each further month of stored history adds ≈ ${usd(perArchiveMonth)} a month (analyze + aggregate + DynamoDB writes + noncurrent versions) at this volume.`,
);
console.log(`Stored now: ${Object.entries(stored).map(([p, b]) => `${p} ${fmt(b / 1024)} KiB`).join(', ')}`);
console.log(`Wall time ${wall.toFixed(0)} s.`);
