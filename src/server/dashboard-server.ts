/**
 * `voc serve`: a small node:http server for the product dashboard. Static files come from
 * dashboard/ (plus the chart library from node_modules); every /api/* request is answered by
 * readApi, the same routes the query Lambda serves, called directly (no API Gateway event in between).
 *
 * Under load: answers are cached per run (the aggregates change only when a run finishes) as bytes ready to
 * send (gzip too, made once, for clients that accept it), identical requests in flight share one computation,
 * at most a few computations run at once, a request whose client has gone is dropped before its turn comes,
 * and when a new run lands the answers asked for most under the previous one are computed again at once, so
 * the next morning's dashboard does not wait for them.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { packagePath } from '../package-root';
import type { KeyValueTable } from '../ports';
import { errorStatus, HttpError } from './errors';
import { RunScopedReads } from './run-scoped-reads';
import { readApi, type ReadApiResponse } from './read-api';
import { CURATION_PARTITION, keys } from '../core/aggregation/keys';
import { isWriteRoute, MAX_BODY_BYTES, writeApi } from './write-api';

export const DASHBOARD_DIR = packagePath('dashboard');
export const API_PREFIX = '/api';

/** Third-party browser files, served from node_modules so the dashboard works offline. */
function vendorFiles(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const chartDist = path.dirname(require.resolve('chart.js')); // node_modules/chart.js/dist/chart.cjs
  return new Map([['/vendor/chart.umd.min.js', path.join(chartDist, 'chart.umd.min.js')]]);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export interface DashboardServerOptions {
  /** The table the read API answers from. */
  table: KeyValueTable;
  /** Logs a request that failed inside (the client gets a 500 without details). */
  onError?: (error: unknown) => void;
  /** Computations of API answers at once; more requests wait their turn. @default 4 */
  concurrency?: number;
  /** Requests waiting at most; past that the server answers 503 at once. @default 2000 */
  maxQueue?: number;
  /** 0 picks a free port. @default 8787 */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
  /** @default the repository's dashboard/ folder */
  dashboardDir?: string;
  /** who the dashboard's edits are recorded as (voc serve --user; default $VOC_USER, else $USER) */
  user?: string;
}

export interface DashboardServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The read API request for one request below /api: path below the prefix, still encoded; repeated parameters joined by commas (as API Gateway does). */
export function toApiRequest(method: string, url: URL): { method: string; path: string; query: Record<string, string> } {
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  return { method, path: url.pathname.slice(API_PREFIX.length) || '/', query };
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string | number | boolean>, body: string | Buffer, head = false): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(head ? undefined : body);
}

const plain = (res: http.ServerResponse, status: number, text: string, head = false) => send(res, status, { 'content-type': 'text/plain; charset=utf-8' }, `${text}\n`, head);

/** How many answers the cache keeps (responses are small: JSON of ≤ 500 themes). */
const CACHE_ENTRIES = 500;
/** The latest-run marker is read again at most this often. */
const MARKER_TTL_MS = 1000;
/** When a new run lands, this many of the previous run's most asked answers are computed again straight away. */
const REWARM_ANSWERS = 16;
/** Bodies smaller than this are sent as they are (gzip would save too little to pay for itself). */
const GZIP_MIN_BYTES = 1024;

type ApiRequest = { method: string; path: string; query: Record<string, string> };

/** An answer as sent: the body encoded once, its gzip made the first time a client accepts it. */
export interface PreparedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzipped?: Buffer;
}

function prepare(response: ReadApiResponse): PreparedAnswer {
  return { status: response.status, headers: response.headers, body: Buffer.from(response.body, 'utf8') };
}

/** The gzip of an answer's body when the client accepts it and it is worth it (made once per cached answer). */
function gzipOf(answer: PreparedAnswer, acceptEncoding: string | undefined): Buffer | undefined {
  if (answer.body.length < GZIP_MIN_BYTES || !/\bgzip\b/i.test(acceptEncoding ?? '')) return undefined;
  answer.gzipped ??= gzipSync(answer.body);
  return answer.gzipped;
}

/**
 * Answers read-API requests with a cache valid for one run, one computation per distinct request in
 * flight, and a bound on computations at once.
 */
class ApiAnswerer {
  private readonly cache = new Map<string, PreparedAnswer>();
  private readonly inFlight = new Map<string, Promise<PreparedAnswer>>();
  private readonly waiting: Array<{ start: () => void; abandoned: () => boolean }> = [];
  private running = 0;
  private marker: { value: string; at: number } | undefined;
  /** The marker being read: concurrent requests share one read instead of each reading it. */
  private markerRead: Promise<string> | undefined;
  /** How often each answer was asked for under the current run: the most asked are computed again after the next. */
  private readonly asked = new Map<string, { request: ApiRequest; count: number }>();
  /** The table's reads, remembered for the run like the answers (sorts and filters of one window read it once). */
  private readonly reads: RunScopedReads;

  constructor(
    private readonly table: KeyValueTable,
    private readonly concurrency: number,
    readonly maxQueue: number,
  ) {
    this.reads = new RunScopedReads(table);
  }

  /** After an edit: answers computed before it, and the reads beneath them, are stale. */
  clear(): void {
    this.cache.clear();
    this.reads.clear();
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Which run the aggregates are from, and the newest theme edit (voc theme … in another process): either new empties the cache. */
  private runMarker(): Promise<string> {
    if (this.marker && Date.now() - this.marker.at < MARKER_TTL_MS) return Promise.resolve(this.marker.value);
    this.markerRead ??= this.readMarker().finally(() => (this.markerRead = undefined));
    return this.markerRead;
  }

  private async readMarker(): Promise<string> {
    const latest = await this.table.get(keys.latest());
    let edits = 0;
    let newest = '';
    for await (const item of this.table.query({ partition: CURATION_PARTITION, beginsWith: 'EDIT#' })) {
      edits++;
      if (item.SK > newest) newest = item.SK;
    }
    const value = `${latest?.runId ?? ''}|${latest?.latestDay ?? ''}|${edits}|${newest}`;
    const changed = this.marker !== undefined && this.marker.value !== value;
    if (changed) {
      this.cache.clear();
      this.reads.clear();
    }
    this.marker = { value, at: Date.now() };
    if (changed) this.rewarm();
    return value;
  }

  /** The previous run's most asked answers, computed again for the new one in the background (in the same slots as requests). */
  private rewarm(): void {
    const popular = [...this.asked.values()].sort((a, b) => b.count - a.count).slice(0, REWARM_ANSWERS);
    this.asked.clear();
    for (const { request } of popular) this.answer(request, () => false, false).catch(() => undefined);
  }

  async answer(request: ApiRequest, abandoned: () => boolean, asked = true): Promise<PreparedAnswer | undefined> {
    const marker = await this.runMarker();
    const requestKey = `${request.path}\u0000${JSON.stringify(Object.entries(request.query).sort())}`;
    if (asked) {
      const seen = this.asked.get(requestKey);
      if (seen) seen.count++;
      // Bounded like the cache: a crawler of distinct filters cannot grow it without limit.
      else if (this.asked.size < CACHE_ENTRIES) this.asked.set(requestKey, { request, count: 1 });
    }
    const key = `${marker}\u0000${requestKey}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Most recently used last: the oldest entry goes first when the cache is full.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      const started = this.whenFree(abandoned);
      if (!started) return undefined;
      pending = started.then(async (release) => {
        try {
          return prepare(await readApi(this.reads, { ...request, method: 'GET' }));
        } finally {
          release();
        }
      });
      this.inFlight.set(key, pending);
      pending.then(
        (response) => {
          this.inFlight.delete(key);
          if (response.status === 200 && this.marker?.value === marker) {
            this.cache.set(key, response);
            if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
          }
        },
        () => this.inFlight.delete(key),
      );
    }
    return pending;
  }

  /** A slot to compute in; undefined when the client left while waiting. */
  private whenFree(abandoned: () => boolean): Promise<() => void> | undefined {
    const release = () => {
      this.running--;
      this.startNext();
    };
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve(release);
    }
    return new Promise<() => void>((resolve, reject) => {
      this.waiting.push({
        start: () => {
          this.running++;
          resolve(release);
        },
        abandoned: () => {
          if (!abandoned()) return false;
          reject(new AbandonedRequest());
          return true;
        },
      });
    });
  }

  private startNext(): void {
    while (this.running < this.concurrency && this.waiting.length) {
      const next = this.waiting.shift()!;
      if (!next.abandoned()) next.start();
    }
  }
}

class AbandonedRequest extends Error {}

async function serveApi(api: ApiAnswerer, req: http.IncomingMessage, res: http.ServerResponse, url: URL, onError: (e: unknown) => void): Promise<void> {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    return send(res, 405, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ error: `${req.method} is not allowed: the API is read-only` }), head);
  }
  if (api.queued >= api.maxQueue) {
    return send(res, 503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' }, JSON.stringify({ error: 'busy: too many requests waiting, retry shortly' }), head);
  }
  let response: PreparedAnswer | undefined;
  try {
    response = await api.answer(toApiRequest(req.method ?? 'GET', url), () => res.destroyed || req.destroyed);
  } catch (error) {
    if (error instanceof AbandonedRequest) return;
    const { status, body, internal } = errorStatus(error);
    if (internal) onError(error);
    response = prepare({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });
  }
  if (!response || res.destroyed) return;
  const gzipped = gzipOf(response, req.headers['accept-encoding']);
  const encoding: Record<string, string> = gzipped ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : { vary: 'accept-encoding' };
  send(res, response.status, { 'cache-control': 'no-store', ...response.headers, ...encoding }, gzipped ?? response.body, head);
}

/**
 * A theme edit from the dashboard. Only a page served by this server can make one: the body must be JSON (a form
 * on another site cannot send that without a CORS preflight, which is never granted), the Origin, when the
 * browser sends one, must be this server's, and Sec-Fetch-Site, when sent, must say same-origin.
 */
async function serveWrite(api: ApiAnswerer, table: KeyValueTable, req: http.IncomingMessage, res: http.ServerResponse, url: URL, user: string, onError: (e: unknown) => void): Promise<void> {
  const json = (status: number, body: unknown) => send(res, status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, JSON.stringify(body));
  if (req.method === 'POST') {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `${url.protocol}//${url.host}`) return json(403, { error: `edits come from this dashboard only (Origin ${origin} is not ${url.protocol}//${url.host})` });
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return json(403, { error: 'edits come from this dashboard only (cross-site request refused)' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return json(415, { error: 'send the edit as JSON (Content-Type: application/json)' });
  }
  let body = '';
  try {
    if (req.method === 'POST') body = await readBody(req, MAX_BODY_BYTES);
    const response = await writeApi(table, { method: req.method ?? 'GET', path: url.pathname.slice(API_PREFIX.length), body, caller: user });
    if (response.status === 201) api.clear();
    send(res, response.status, { 'cache-control': 'no-store', ...response.headers }, response.body, req.method === 'HEAD');
  } catch (error) {
    const { status, body: answer, internal } = errorStatus(error);
    if (internal) onError(error);
    json(status, answer);
  }
}

function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new HttpError(413, `an edit is at most ${max} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveStatic(dir: string, vendor: Map<string, string>, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) return plain(res, 405, 'method not allowed', head);
  let file = vendor.get(url.pathname);
  if (!file) {
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return plain(res, 400, 'bad path', head);
    }
    if (rel.endsWith('/')) rel += 'index.html';
    file = path.resolve(dir, `.${rel}`);
    if (!file.startsWith(dir + path.sep) || rel.includes('\0')) return plain(res, 404, 'not found', head);
  }
  fs.readFile(file, (error, data) => {
    if (error) return plain(res, error.code === 'ENOENT' || error.code === 'EISDIR' ? 404 : 500, error.code === 'ENOENT' || error.code === 'EISDIR' ? 'not found' : 'cannot read file', head);
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const extra: Record<string, string> = type.startsWith('text/html') ? { 'content-security-policy': CSP } : {};
    send(res, 200, { 'content-type': type, 'cache-control': 'no-cache', ...extra }, data, head);
  });
}

export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const dir = path.resolve(options.dashboardDir ?? DASHBOARD_DIR);
  const vendor = vendorFiles();
  const loopbackOnly = LOOPBACK.has(host);
  const user = options.user ?? process.env.VOC_USER ?? process.env.USER ?? 'dashboard';
  const answerer = new ApiAnswerer(options.table, options.concurrency ?? 4, options.maxQueue ?? 2000);
  const onError = options.onError ?? ((error: unknown) => process.stderr.write(`voc serve: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    // Bound to this machine only: refuse other Host names, so a web page elsewhere cannot reach the data by DNS rebinding.
    if (loopbackOnly && !LOOPBACK.has(url.hostname)) return plain(res, 403, 'forbidden host');
    const api = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
    if (!api) return serveStatic(dir, vendor, req, res, url);
    if (isWriteRoute(url.pathname.slice(API_PREFIX.length))) {
      // Edits need to know who makes them: without authentication, only on this machine.
      if (!loopbackOnly && req.method === 'POST') return send(res, 403, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ error: 'edits are accepted only when voc serve listens on 127.0.0.1 (no login here); use voc theme … or the deployed API' }));
      serveWrite(answerer, options.table, req, res, url, user, onError).catch(() => res.destroy());
      return;
    }
    serveApi(answerer, req, res, url, onError).catch(() => {
      if (!res.headersSent) send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ error: 'internal error' }));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
