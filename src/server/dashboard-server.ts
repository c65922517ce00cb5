/**
 * `voc serve`: a small node:http server for the product dashboard. Static files come from
 * dashboard/ (plus the chart library from node_modules); every /api/* request is answered by
 * readApi, the same routes the query Lambda serves, called directly (no API Gateway event in between).
 *
 * Under load: answers are cached per run (the aggregates change only when a run finishes), identical
 * requests in flight share one computation, at most a few computations run at once, and a request whose
 * client has gone is dropped before its turn comes.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packagePath } from '../package-root';
import type { KeyValueTable } from '../ports';
import { errorStatus } from './errors';
import { RunScopedReads } from './run-scoped-reads';
import { readApi, type ReadApiResponse } from './read-api';
import { keys } from '../core/aggregation/keys';

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

/**
 * Answers read-API requests with a cache valid for one run, one computation per distinct request in
 * flight, and a bound on computations at once.
 */
class ApiAnswerer {
  private readonly cache = new Map<string, ReadApiResponse>();
  private readonly inFlight = new Map<string, Promise<ReadApiResponse>>();
  private readonly waiting: Array<{ start: () => void; abandoned: () => boolean }> = [];
  private running = 0;
  private marker: { value: string; at: number } | undefined;
  /** The table's reads, remembered for the run like the answers (sorts and filters of one window read it once). */
  private readonly reads: RunScopedReads;

  constructor(
    private readonly table: KeyValueTable,
    private readonly concurrency: number,
    readonly maxQueue: number,
  ) {
    this.reads = new RunScopedReads(table);
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Which run the aggregates are from: a new run empties the cache. */
  private async runMarker(): Promise<string> {
    if (this.marker && Date.now() - this.marker.at < MARKER_TTL_MS) return this.marker.value;
    const latest = await this.table.get(keys.latest());
    const value = `${latest?.runId ?? ''}|${latest?.latestDay ?? ''}`;
    if (this.marker?.value !== value) {
      this.cache.clear();
      this.reads.clear();
    }
    this.marker = { value, at: Date.now() };
    return value;
  }

  async answer(request: { method: string; path: string; query: Record<string, string> }, abandoned: () => boolean): Promise<ReadApiResponse | undefined> {
    const marker = await this.runMarker();
    const key = `${marker}\u0000${request.path}\u0000${JSON.stringify(Object.entries(request.query).sort())}`;
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
          return await readApi(this.reads, { ...request, method: 'GET' });
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
  let response: ReadApiResponse | undefined;
  try {
    response = await api.answer(toApiRequest(req.method ?? 'GET', url), () => res.destroyed || req.destroyed);
  } catch (error) {
    if (error instanceof AbandonedRequest) return;
    const { status, body, internal } = errorStatus(error);
    if (internal) onError(error);
    response = { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
  }
  if (!response || res.destroyed) return;
  send(res, response.status, { 'cache-control': 'no-store', ...response.headers }, response.body, head);
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
  const answerer = new ApiAnswerer(options.table, options.concurrency ?? 4, options.maxQueue ?? 2000);
  const onError = options.onError ?? ((error: unknown) => process.stderr.write(`voc serve: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    // Bound to this machine only: refuse other Host names, so a web page elsewhere cannot reach the data by DNS rebinding.
    if (loopbackOnly && !LOOPBACK.has(url.hostname)) return plain(res, 403, 'forbidden host');
    const api = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
    if (!api) return serveStatic(dir, vendor, req, res, url);
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
