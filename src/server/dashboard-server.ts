/**
 * `voc serve`: a small node:http server for the product dashboard. Static files come from
 * dashboard/ (plus the chart library from node_modules); every /api/* request becomes an API
 * Gateway HTTP API (v2) event for the same handler the Lambda runs, so local and deployed answers
 * are one implementation.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

export type ApiHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

export const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url));
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
  /** The read API handler (lambdas/query.ts `handler`). */
  handler: ApiHandler;
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

/** The API Gateway v2 event for one request below /api (the $default route: the handler routes by path). */
export function toApiEvent(req: http.IncomingMessage, url: URL): APIGatewayProxyEventV2 {
  const rawPath = url.pathname.slice(API_PREFIX.length) || '/';
  // API Gateway joins repeated query parameters with commas; so do we.
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'voc-serve',
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0] ?? url.hostname,
      http: { method: req.method ?? 'GET', path: rawPath, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string | number | boolean>, body: string | Buffer, head = false): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(head ? undefined : body);
}

const plain = (res: http.ServerResponse, status: number, text: string, head = false) => send(res, status, { 'content-type': 'text/plain; charset=utf-8' }, `${text}\n`, head);

async function serveApi(handler: ApiHandler, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const result = await handler(toApiEvent(req, url));
  const head = req.method === 'HEAD';
  // A bare string result is a 200 JSON body, as API Gateway treats it.
  if (typeof result === 'string') return send(res, 200, { 'content-type': 'application/json' }, result, head);
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  const headers: Record<string, string | number | boolean> = { 'cache-control': 'no-store', ...(result.headers ?? {}) };
  send(res, result.statusCode ?? 200, headers, body, head);
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

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    // Bound to this machine only: refuse other Host names, so a web page elsewhere cannot reach the data by DNS rebinding.
    if (loopbackOnly && !LOOPBACK.has(url.hostname)) return plain(res, 403, 'forbidden host');
    const api = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
    if (!api) return serveStatic(dir, vendor, req, res, url);
    serveApi(options.handler, req, res, url).catch(() => {
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
