/**
 * Nothing leaked: personal data of every kind (test/support/planted-pii.ts) is planted into every field of
 * every connector's fixture, the real pipeline runs on them through the `voc` CLI against the embedded
 * emulators, and none of it may be found anywhere outside raw/: S3 objects (through the S3 API), DynamoDB
 * items (a full scan), the output of every read command, the HTTP API the dashboard renders, and the CSVs.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { handler } from '../../lambdas/query';
import { useEnvironment } from '../../lambdas/runtime';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { startDashboardServer } from '../../src/server/dashboard-server';
import { conversation, jsonl } from '../support/conversations';
import { csvCell, findLeaks, type Leak, PLANTED_TEXT, plantInto, plantJson, PLANTS } from '../support/planted-pii';
import { scanTable } from '../support/scan';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-planted-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const dataDir = path.join(tmp, 'data');

async function voc(...args: string[]): Promise<string> {
  const started = Date.now();
  const result = await vocProcess(...args);
  if (process.env.VOC_TEST_TIMINGS) console.log(`voc ${args.join(' ').slice(0, 60)}: ${Date.now() - started} ms`);
  return result;
}

async function vocProcess(...args: string[]): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'bin/voc.ts', '--data-dir', dataDir, ...args], { env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 });
  return `${stdout}\n${stderr}`;
}

const JSON_FIXTURES = [
  'zendesk/tickets-page.json', 'zendesk/incremental-export.json', 'zendesk/ticket-with-audits.json', 'zendesk/satisfaction-ratings.json',
  'intercom/conversations-v2.json', 'intercom/conversation-v1.json', 'freshdesk/tickets-with-conversations.json', 'freshdesk/satisfaction-ratings.json',
  'helpscout/conversations-page.json', 'helpscout/ratings.json',
];

/** The planted exports: every fixture, plus CSV and canonical JSON Lines exports with every schema field filled. */
function plantedExports(): string[] {
  const files: string[] = [];
  const write = (name: string, content: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content);
    files.push(file);
  };
  for (const fixture of JSON_FIXTURES) {
    write(`planted-${fixture.replace('/', '-')}`, JSON.stringify(plantJson(JSON.parse(fs.readFileSync(`test/fixtures/${fixture}`, 'utf8'))), null, 2));
  }
  const zendeskLines = fs.readFileSync('test/fixtures/zendesk/tickets.jsonl', 'utf8').trim().split('\n');
  write('planted-zendesk-tickets.jsonl', `${zendeskLines.map((l) => JSON.stringify(plantJson(JSON.parse(l)))).join('\n')}\n`);

  // TWCS: every cell but the flags and times the format needs to thread tweets at all.
  const [header, ...rows] = fs.readFileSync('test/fixtures/twitter/twcs-sample.csv', 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const twcs = rows.map((row) => {
    const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, columns.length);
    return cells.map((cell, i) => csvCell(['inbound', 'created_at', ''].includes(columns[i]!) || !cell ? cell : plantInto(cell))).join(',');
  });
  write('planted-twcs.csv', `${header}\n${twcs.join('\n')}\n`);

  // Generic CSV and canonical JSON Lines, 30 conversations over three days so themes, quotes and KPIs form:
  // every free-text and category field planted (the structural ones too in a second file, which mostly quarantines).
  const days = ['2026-11-02', '2026-11-03', '2026-11-04'];
  const topics = ['My card has not arrived yet and I need it for travel', 'I was charged twice for the same order, please refund me', 'How do I reset my password? The reset link is not working'];
  const canonical = days.flatMap((day, d) =>
    Array.from({ length: 10 }, (_, i) => {
      const c = conversation({ id: `p-${day}-${i}`, source: 'planted', day, hour: 8 + i, customerId: `cust-${i % 4}${PLANTED_TEXT}`, customer: [`${topics[i % 3]}\n${PLANTED_TEXT}`], agent: [`Hi Johnathan,\nwe are on it.\nThanks,\nPriyanka Venkataraman`], csat: (i % 5) + 1, segment: plantInto('enterprise'), team: plantInto('billing'), language: 'en' });
      return { ...c, sourceId: `${c.sourceId}${d}`, id: `planted:${c.sourceId}${d}`, assignee: plantInto('agent-7'), tags: [plantInto('refund'), 'billing'], productArea: plantInto('cards'), customer: { ...c.customer, plan: plantInto('pro'), country: plantInto('GB') }, subject: plantInto('Subject line'), customFields: { order: plantInto('A-1') }, attachments: [{ fileName: plantInto('passport-scan.pdf') }] };
    }),
  );
  write('planted-canonical.jsonl', jsonl(canonical));
  write('planted-canonical-everything.jsonl', jsonl(canonical.slice(0, 5).map((c) => plantJson(c))));

  const csvColumns = ['conversation_id', 'message_id', 'created_at', 'role', 'author_id', 'text', 'channel', 'customer_id', 'customer_plan', 'customer_country', 'customer_segment', 'assignee', 'team', 'tags', 'product_area', 'priority', 'status', 'csat', 'language', 'updated_at', 'closed_at', 'public'];
  const structural = new Set(['created_at', 'updated_at', 'closed_at', 'role', 'csat', 'public', 'channel', 'priority', 'status']);
  const csvRows = (everything: boolean) =>
    days.flatMap((day, d) =>
      Array.from({ length: 6 }, (_, i) => {
        const values: Record<string, string> = {
          conversation_id: `csv-${d}-${i}`, message_id: `m${i}`, created_at: `${day}T10:0${i}:00Z`, role: 'customer', author_id: `cust-${i}`, text: topics[i % 3]!, channel: 'email',
          customer_id: `cust-${i}`, customer_plan: 'pro', customer_country: 'GB', customer_segment: 'smb', assignee: 'agent-3', team: 'support', tags: 'refund|billing', product_area: 'cards',
          priority: 'normal', status: 'solved', csat: '4', language: 'en', updated_at: `${day}T11:00:00Z`, closed_at: `${day}T11:00:00Z`, public: 'true',
        };
        return csvColumns.map((col) => csvCell(everything || !structural.has(col) ? plantInto(values[col]!) : values[col]!)).join(',');
      }),
    );
  write('planted-generic.csv', `${csvColumns.join(',')}\n${csvRows(false).join('\n')}\n`);
  write('planted-generic-everything.csv', `${csvColumns.join(',')}\n${csvRows(true).join('\n')}\n`);
  return files;
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

describe('planted personal data', () => {
  it(`of ${PLANTS.length} kinds, in every field of every connector's export, is found nowhere outside raw/`, { timeout: 600_000 }, async () => {
    const files = plantedExports();
    const leaks: Leak[] = [];
    const outputs: [string, string][] = [];

    // The pipeline, as a user runs it.
    outputs.push(['voc run', await voc('run', ...files)]);
    const range = ['--from', '2014-01-01', '--to', '2026-12-31'];
    const themes = JSON.parse(await voc('--json', 'themes', ...range, '--limit', '500')) as { themes: { id: string }[]; areas: { id: string }[] };
    expect(themes.themes.length).toBeGreaterThan(0);
    outputs.push(['voc themes --json', JSON.stringify(themes)]);
    // Each command is a process that loads the emulators (seconds each): the ones that print stored text or
    // categories. Every theme, KPI dimension and run is also read through the API below.
    outputs.push(['voc themes --csv', await voc('themes', ...range, '--csv')]);
    outputs.push([`voc theme ${themes.themes[0]!.id}`, await voc('theme', themes.themes[0]!.id, ...range)]);
    for (const by of ['team', 'segment']) outputs.push([`voc kpis --by ${by}`, await voc('kpis', '--by', by, ...range)]);
    // (voc wow and voc templates print what the scanned analysis and team items hold; over this 12-year range each takes
    // 25-40 s, so they are left out here.)
    outputs.push(['voc sources', await voc('sources')]);
    const qaDir = path.join(tmp, 'qa');
    outputs.push(['voc qa-sample --week 2026-W45', await voc('qa-sample', '--week', '2026-W45', '--rate', '1', '--out', qaDir)]);
    for (const file of walk(qaDir)) outputs.push([`qa-sample file ${path.basename(file)}`, fs.readFileSync(file, 'utf8')]);
    for (const [where, text] of outputs) leaks.push(...findLeaks(where, text));

    // What is stored, read through the emulators' own APIs, and the API the dashboard renders.
    const env = await openLocalEnvironment({ dataDir });
    let objects = 0;
    let items = 0;
    let responses = 0;
    try {
      for await (const o of env.blobs.list('')) {
        if (o.key.startsWith('raw/')) continue;
        const bytes = Buffer.from((await env.blobs.get(o.key))!);
        const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
        objects++;
        leaks.push(...findLeaks(`s3://${o.key}`, text));
      }
      for (const item of await scanTable(env)) {
        items++;
        leaks.push(...findLeaks(`dynamodb ${String(item.PK)} ${String(item.SK)}`, JSON.stringify(item)));
      }
      useEnvironment(env);
      const server = await startDashboardServer({ table: env.table, port: 0 });
      try {
        const query = new URLSearchParams({ from: '2014-01-01', to: '2026-12-31' }).toString();
        const paths = [`/api/themes?${query}&limit=500`, `/api/themes?${query}&format=csv`, '/api/timeline', `/api/runs`, ...['theme', 'area', 'team', 'segment', 'source', 'channel', 'lang'].map((by) => `/api/kpis?${query}&by=${by}`), ...themes.areas.map((a) => `/api/areas/${encodeURIComponent(a.id)}?${query}`), ...themes.themes.map((t) => `/api/themes/${encodeURIComponent(t.id)}?${query}`)];
        for (const p of paths) {
          const res = await fetch(new URL(p, server.url));
          expect(res.status, p).toBe(200);
          responses++;
          leaks.push(...findLeaks(`GET ${p}`, await res.text()));
        }
      } finally {
        await server.close();
        useEnvironment(undefined);
      }
    } finally {
      await env.close();
    }

    // Nothing leaked; and the test saw what it claims to have seen.
    if (leaks.length) console.log(JSON.stringify(leaks, null, 1));
    expect(leaks).toEqual([]);
    expect(objects).toBeGreaterThan(20);
    expect(items).toBeGreaterThan(50);
    expect(responses).toBeGreaterThan(10);
    // The objects themselves (the files runtime keeps checksums apart, under s3/.meta/).
    const raw = [...walk(path.join(dataDir, 's3'))].filter((f) => f.includes(`${path.sep}raw${path.sep}`) && !f.includes(`${path.sep}.meta${path.sep}`));
    expect(raw.length).toBe(files.length);
    // The plants are there to be found in raw/ (the needles work), and only there.
    const rawText = raw.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(PLANTS.filter((p) => !p.needles.some((n) => n.test(rawText))).map((p) => p.kind)).toEqual([]);
    console.log(`planted ${PLANTS.length} kinds into ${files.length} exports; searched ${objects} S3 objects, ${items} DynamoDB items, ${outputs.length} CLI outputs and files, ${responses} API responses: ${leaks.length} leaks`);
  });
});
