/**
 * `voc serve`: the dashboard's static files and the read API under /api, served in-process on a
 * free port by the same handler the Lambda runs, over a small pipeline run in memory.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../lambdas/query';
import { logger, useEnvironment } from '../../lambdas/runtime';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { keys } from '../../src/core/aggregation/keys';
import { layout } from '../../src/core/storage-layout';
import { THEME_CSV_HEADER } from '../../src/server/csv';
import { startDashboardServer, type DashboardServer } from '../../src/server/dashboard-server';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { conversation, jsonl } from '../support/conversations';

const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];
const TOPICS = [
  { team: 'cards', customer: 'My card has not arrived yet and I need it for travel', agent: 'I have sent a new card by express post.' },
  { team: 'billing', customer: 'I was charged twice for the same order, please refund me', agent: 'The duplicate charge is refunded.' },
  { team: 'accounts', customer: 'How do I reset my password? The reset link is not working', agent: 'Here is a fresh reset link.' },
];

/** 36 conversations over four days: three topics, each handled by its own team; odd ones by chat and rated 5, even ones by e-mail and rated 2. */
function archive() {
  return DAYS.flatMap((day, d) =>
    Array.from({ length: 9 }, (_, i) => {
      const t = TOPICS[i % 3]!;
      const text = i === 0 && d === 0 ? `${t.customer}. Reach me at ann@example.com` : t.customer;
      return conversation({ id: `${day}-${i}`, customerId: `cust-${day}-${i}`, day, hour: 8 + i, customer: [text, 'thanks, sorted!'], agent: [t.agent], csat: i % 2 ? 5 : 2, channel: i % 2 ? 'chat' : 'email', team: t.team });
    }),
  );
}

let env: VocEnvironment;
let server: DashboardServer;

beforeAll(async () => {
  env = await openLocalEnvironment();
  await env.blobs.put(layout.inboxKey('export.jsonl'), jsonl(archive()));
  await runPipeline(env, { runId: 'run-1', asOf: '2026-11-06', ingest: buildIngestContext({ pseudonymKey: 'dashboard-test' }), now: () => new Date('2026-11-06T02:00:00Z') });
  useEnvironment(env);
  server = await startDashboardServer({ table: env.table, port: 0 });
});
afterAll(async () => {
  await server?.close();
  useEnvironment(undefined);
  await env?.close();
});

const get = (path: string, init?: RequestInit) => fetch(new URL(path, server.url), init);
async function getJson<T = any>(path: string): Promise<T> {
  const res = await get(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as T;
}

/** RFC 4180 rows: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  return rows;
}

describe('voc serve: the dashboard', () => {
  it('serves the app shell, its script and styles, and the chart library from node_modules (no CDN)', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await res.text();
    expect(html).toContain('<main id="main"');
    expect(html).toContain('src="app.js"');
    expect(html).not.toMatch(/https?:\/\//);
    for (const [path, type] of [['/app.js', /^text\/javascript/], ['/style.css', /^text\/css/], ['/vendor/chart.umd.min.js', /^text\/javascript/]] as const) {
      const asset = await get(path);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type'), path).toMatch(type);
      expect((await asset.text()).length).toBeGreaterThan(1000);
    }
  });

  it('answers 404 for missing files and never serves files outside dashboard/', async () => {
    expect((await get('/nope.html')).status).toBe(404);
    expect((await get('/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/..%2fpackage.json')).status).toBe(404);
  });
});

describe('voc serve: the read API under /api', () => {
  let top: { id: string; label: string; volume: number };

  it('GET /api/themes: the top themes of the default window, adding up to what was ingested', async () => {
    const body = await getJson('/api/themes');
    expect(body).toMatchObject({ from: '2026-10-07', to: '2026-11-05', segment: 'all', sort: 'volume', total: 36 });
    expect(body.themes.reduce((n: number, t: { volume: number }) => n + t.volume, 0)).toBe(36);
    top = body.themes[0];
    expect(top.volume).toBeGreaterThanOrEqual(12);
    const chat = await getJson('/api/themes?channel=chat');
    expect(chat).toMatchObject({ segment: 'channel:chat', total: 16 });
    const rising = await getJson('/api/themes?sort=rising&limit=2');
    expect(rising.themes).toHaveLength(2);
    expect(rising.themes[0]).toHaveProperty('risingScore');
  });

  it('GET /api/themes/{id}: timeline, keyphrases and redacted quotes', async () => {
    const detail = await getJson(`/api/themes/${encodeURIComponent(top.id)}`);
    expect(detail).toMatchObject({ id: top.id, label: top.label, segment: 'all' });
    expect(detail.timeline.map((d: { day: string }) => d.day)).toEqual(DAYS);
    expect(detail.timeline.reduce((n: number, d: { volume: number }) => n + d.volume, 0)).toBe(top.volume);
    expect(detail.keyphrases.length).toBeGreaterThan(0);
    expect(detail.quotes.length).toBeGreaterThan(0);
    expect(JSON.stringify(detail)).not.toContain('example.com');
  });

  it('GET /api/timeline: the top themes\' daily series, aligned to the days and adding up to the total', async () => {
    const tl = await getJson('/api/timeline?limit=2');
    expect(tl).toMatchObject({ from: '2026-10-07', to: '2026-11-05', segment: 'all', total: 36 });
    expect(tl.days).toHaveLength(30);
    expect(tl.series).toHaveLength(2);
    expect(tl.series[0]).toMatchObject({ id: top.id, volume: top.volume });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const s of tl.series) expect(sum(s.points)).toBe(s.volume);
    expect(sum(tl.series.flatMap((s: { points: number[] }) => s.points)) + sum(tl.rest)).toBe(36);
    // Nothing before the first day of data, every day of it present.
    const daily = tl.days.map((_: string, i: number) => tl.series.reduce((n: number, s: { points: number[] }) => n + s.points[i]!, tl.rest[i]));
    expect(Object.fromEntries(tl.days.map((d: string, i: number) => [d, daily[i]]).filter(([, n]: [string, number]) => n > 0))).toEqual(Object.fromEntries(DAYS.map((d) => [d, 9])));

    const two = await getJson('/api/timeline?from=2026-11-03&to=2026-11-04&lang=en');
    expect(two).toMatchObject({ segment: 'lang:en', days: ['2026-11-03', '2026-11-04'], total: 18 });
  });

  it('GET /api/kpis: per team, with first response, CSAT and volumes from the data', async () => {
    const report = await getJson('/api/kpis?by=team');
    expect(report).toMatchObject({ by: 'team', from: '2026-10-07', to: '2026-11-05' });
    expect(report.rows.map((r: { key: string }) => r.key).sort()).toEqual(['team:accounts', 'team:billing', 'team:cards']);
    for (const r of report.rows) {
      expect(r.volume).toBe(12);
      expect(r.kpis.conversations).toBe(12);
      // The agent answers 30 minutes after the customer writes (histogram percentiles: within 2%).
      expect(r.kpis.firstResponse.p50).toBeGreaterThan(29);
      expect(r.kpis.firstResponse.p50).toBeLessThan(31);
    }
    // billing handles i = 1, 4, 7 of each day: rated 5, 2, 5 → 2 of 3 satisfied.
    expect(report.rows.find((r: { key: string }) => r.key === 'team:billing').kpis.csatRate).toBeCloseTo(2 / 3, 3);
    expect(report.rows.find((r: { key: string }) => r.key === 'team:cards').kpis.csatRate).toBeCloseTo(1 / 3, 3);

    const byChannel = await getJson('/api/kpis?by=channel&from=2026-11-02&to=2026-11-05');
    expect(Object.fromEntries(byChannel.rows.map((r: { label: string; volume: number }) => [r.label, r.volume]))).toEqual({ chat: 16, email: 20 });
    const byTheme = await getJson('/api/kpis?lang=en&limit=1');
    expect(byTheme).toMatchObject({ by: 'theme', segment: 'lang:en' });
    expect(byTheme.rows).toHaveLength(1);
  });

  it('GET /api/runs: recent runs without the table\'s keys', async () => {
    const runs = await getJson('/api/runs?limit=5');
    expect(runs[0]).toMatchObject({ runId: 'run-1', status: 'succeeded', latestDay: '2026-11-05' });
    expect(runs[0]).not.toHaveProperty('PK');
    expect(runs[0]).not.toHaveProperty('GSI1SK');
  });

  it('GET /api/themes?format=csv: a download whose rows add up to the total', async () => {
    const res = await get('/api/themes?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="voc-themes_2026-10-07_2026-11-05_all.csv"');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual([...THEME_CSV_HEADER]);
    const volume = header!.indexOf('volume');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.reduce((n, r) => n + Number(r[volume]!), 0)).toBe(36);
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    const filtered = await get('/api/themes?format=csv&channel=email&from=2026-11-02');
    expect(filtered.headers.get('content-disposition')).toContain('voc-themes_2026-11-02_2026-11-05_channel-email.csv');
  });

  it('answers 400 for invalid parameters, with the parameter named', async () => {
    const cases: [string, string][] = [
      ['/api/themes?sort=loudest', 'sort'],
      ['/api/themes?drop=table', ''],
      ['/api/themes?format=xlsx', 'format'],
      ['/api/timeline?limit=99', 'limit'],
      ['/api/timeline?from=yesterday', 'from'],
      ['/api/kpis?by=agent', 'by'],
      ['/api/kpis?by=team&lang=en', 'by'],
      ['/api/runs?limit=0', 'limit'],
    ];
    for (const [path, param] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: string; issues: { path: string }[] };
      expect(body.error, path).toBe('invalid request');
      expect(body.issues[0]?.path, path).toBe(param);
    }
    const conflicting = await get('/api/themes?lang=en&channel=chat');
    expect(conflicting.status).toBe(400);
    expect(((await conflicting.json()) as { error: string }).error).toMatch(/one of lang, channel/);
    expect((await get('/api/timeline?from=2026-11-05&to=2026-11-01')).status).toBe(400);
  });

  it('refuses impossible dates with the accepted format, never a CLI flag, and bounds ranges by the data\'s own days', async () => {
    for (const path of ['/api/themes?from=2026-02-31', '/api/timeline?to=2026-13-01', '/api/kpis?from=2026-11-05&to=2026-11-01', '/api/themes?to=2026-04-31']) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: string; accepted?: string[] };
      expect(body.accepted?.join(' '), path).toMatch(/YYYY-MM-DD/);
      expect(body.error, path).not.toMatch(/--\w/);
    }
    // The data runs from 2026-11-02 to 2026-11-05: beyond that there is nothing, and nothing is read.
    const far = await getJson('/api/themes?from=0001-01-01&to=9999-12-31');
    expect(far).toMatchObject({ from: '2026-11-02', to: '2026-11-05', total: 36 });
    expect(await getJson('/api/timeline?from=2020-01-01&to=9999-12-31')).toMatchObject({ from: '2026-11-02', to: '2026-11-05' });
    const after = await getJson('/api/themes?from=2030-01-01&to=9999-12-31');
    expect(after).toMatchObject({ from: '2030-01-01', to: '2030-01-01', total: 0 });
  });

  it('answers 400, not 500, for a theme or area id longer than any key can be', async () => {
    for (const kind of ['themes', 'areas']) {
      const res = await get(`/api/${kind}/${'t'.repeat(3000)}`);
      expect(res.status, kind).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/at most 256 bytes/);
    }
  });

  it('answers 404 for unknown themes and routes, 405 for writes, and leaks no internals', async () => {
    const missing = await get('/api/themes/t-nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no theme t-nope' });
    expect((await get('/api/nope')).status).toBe(404);
    expect((await get('/api')).status).toBe(404);
    expect((await get('/api/themes', { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('answers 500 with no details when the table fails (the error is logged, not returned)', async () => {
    const broken = new Error('ResourceNotFoundException: table voc-secret-internals in 123456789012');
    const fail = () => {
      throw broken;
    };
    const logged: unknown[] = [];
    const failing = await startDashboardServer({ table: { get: async () => fail(), getMany: async () => fail(), putMany: fail, deleteMany: fail, query: fail }, port: 0, onError: (e) => logged.push(e) });
    try {
      const res = await fetch(new URL('/api/themes', failing.url));
      expect(res.status).toBe(500);
      expect(await res.text()).toBe('{"error":"internal error"}');
      expect(logged).toEqual([broken]);
    } finally {
      await failing.close();
    }
  });

  it('answers the same request from its cache until a new run, and shares one computation among identical requests', async () => {
    let queries = 0;
    const counting = { ...env.table, get: env.table.get.bind(env.table), getMany: env.table.getMany.bind(env.table), query: (q: Parameters<typeof env.table.query>[0]) => (queries++, env.table.query(q)) };
    const cached = await startDashboardServer({ table: counting, port: 0 });
    try {
      const url = new URL('/api/themes?sort=rising', cached.url);
      const bodies = await Promise.all(Array.from({ length: 20 }, () => fetch(url).then((r) => r.text())));
      expect(new Set(bodies).size).toBe(1);
      const afterFirst = queries;
      expect(afterFirst).toBeGreaterThan(0);
      expect(await (await fetch(url)).text()).toBe(bodies[0]);
      expect(queries).toBe(afterFirst);
    } finally {
      await cached.close();
    }
  });

  it('sends gzip to clients that accept it (made once per cached answer) and the same bytes, plain, to others', async () => {
    const raw = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(new URL('/api/themes?limit=500', server.url), { headers: { 'accept-encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const plain = await raw('identity');
    const zipped = await raw('gzip, deflate, br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(JSON.parse(plain.body.toString('utf8')).themes.length).toBeGreaterThan(0);
  });

  it('reads which run is current once for many requests at once, and computes the most asked answers again when a new run lands', async () => {
    let latestReads = 0;
    let queries = 0;
    const counting = {
      ...env.table,
      get: (key: Parameters<typeof env.table.get>[0]) => (key.PK === keys.latest().PK && key.SK === keys.latest().SK && latestReads++, env.table.get(key)),
      getMany: env.table.getMany.bind(env.table),
      query: (q: Parameters<typeof env.table.query>[0]) => (queries++, env.table.query(q)),
    };
    const watched = await startDashboardServer({ table: counting, port: 0 });
    const latest = (await env.table.get(keys.latest()))!;
    try {
      const popular = new URL('/api/kpis?by=team', watched.url);
      await Promise.all(Array.from({ length: 20 }, () => fetch(popular).then((r) => r.text())));
      // Once for the marker, once inside the one computation the 20 share (20 marker reads without sharing).
      expect(latestReads).toBe(2);
      const before = await (await fetch(popular)).text();
      // A new run lands (its marker item changes); the server notices on the next request after a second.
      await env.table.putMany([{ ...latest, runId: 'run-rewarm' }]);
      await new Promise((r) => setTimeout(r, 1100));
      const queriesBefore = queries;
      await fetch(new URL('/api/runs', watched.url)).then((r) => r.text());
      // The popular answer is computed again without being asked for...
      await expect.poll(() => queries, { timeout: 5000 }).toBeGreaterThan(queriesBefore + 1);
      await new Promise((r) => setTimeout(r, 200));
      const settled = queries;
      // ...so asking for it now reads nothing.
      expect(await (await fetch(popular)).text()).toBe(before);
      expect(queries).toBe(settled);
    } finally {
      await env.table.putMany([latest]);
      await watched.close();
    }
  });

  it('is the Lambda: an API Gateway route event gets the same answer as the local server', async () => {
    const path = `/themes/${top.id}`;
    const res = (await handler({
      version: '2.0',
      routeKey: 'GET /themes/{id}',
      rawPath: path,
      rawQueryString: 'from=2026-11-03',
      queryStringParameters: { from: '2026-11-03' },
      pathParameters: { id: top.id },
      headers: {},
      isBase64Encoded: false,
      requestContext: { http: { method: 'GET', path } } as never,
    })) as APIGatewayProxyStructuredResultV2;
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual(await getJson(`/api/themes/${encodeURIComponent(top.id)}?from=2026-11-03`));
  });
});
