/**
 * The read API, one implementation for the Lambda behind API Gateway and for `voc serve`:
 *
 *   GET /themes            top themes (JSON, or ?format=csv for a spreadsheet)
 *   GET /themes/{id}       one theme: timeline, keyphrases, redacted quotes, its area
 *   GET /areas/{id}        one area: its themes, timeline and quotes
 *   GET /timeline          the top N themes' daily volume, for "theme volume over time"
 *   GET /kpis              support KPIs by theme | team | channel | lang | source | segment
 *   GET /runs              recent pipeline runs
 *   GET /alerts            alerts the nights published, newest first (docs/ALERTS.md)
 *   GET /conversations, /conversations/{id}, /templates   (conversations-api.ts)
 *
 * Query parameters are validated with zod (unknown ones rejected). Reads only the table.
 */
import * as z from 'zod';
import type { KeyValueTable } from '../ports';
import { KPI_DIMENSIONS, KPI_SORTS, kpiReport } from '../stages/kpi-report';
import type { RunSummary } from '../stages/finalize';
import { listAlerts } from '../stages/alerts';
import { areaDetail, listRuns, themeDetail, themeTimeline, topThemes } from '../stages/query';
import { themesCsv, themesCsvFilename } from './csv';
import { HttpError } from './errors';
import { filterParams, formatParam, limitParam, rangeParams } from './params';
import { exportFilename, kpisCsv } from './exports';
import { conversationRoutes } from './conversations-api';
import { InvalidInput, NotFound } from '../core/errors';

const range = rangeParams;
const filters = filterParams;
const sort = z.enum(['volume', 'negative', 'rising']).optional();
const limit = limitParam;

export const ThemesParams = z.object({ ...range, ...filters, sort, limit: limit(500), format: z.enum(['json', 'csv']).optional() }).strict();
/** sort and limit are accepted (and ignored) on one theme, as they always were. */
export const ThemeParams = z.object({ ...range, ...filters, sort, limit: limit(500) }).strict();
export const TimelineParams = z.object({ ...range, ...filters, limit: limit(20), by: z.enum(['theme', 'area']).optional() }).strict();
export const RunsParams = z.object({ limit: limit(100) }).strict();
export const AlertsParams = z.object({ limit: limit(500) }).strict();
export const KpisParams = z
  .object({ ...range, ...filters, by: z.enum(KPI_DIMENSIONS).optional(), sort: z.enum(KPI_SORTS).optional(), limit: limit(500), format: formatParam })
  .strict()
  .refine((q) => ['theme', 'area'].includes(q.by ?? 'theme') || Object.keys(filters).every((k) => q[k as keyof typeof filters] === undefined), {
    message: 'lang, channel, segment, team and source filter by=theme and by=area only (other reports cover every value of their dimension)',
    path: ['by'],
  });

export interface ReadApiRequest {
  method: string;
  /** Path below the API root, still URL-encoded, e.g. "/themes/t-1a2b". */
  path: string;
  query: Record<string, string | undefined>;
}

export interface ReadApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
export const ok = (body: unknown): ReadApiResponse => ({ status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) });

/** Longest theme or area id asked for (DynamoDB keys hold 1,024 bytes of sort key and 2,048 of partition key). */
const MAX_ID_BYTES = 256;

export type Route = { pattern: RegExp; run: (table: KeyValueTable, query: ReadApiRequest['query'], match: RegExpExecArray) => Promise<ReadApiResponse> };

/** GET /<things>/{id}: one theme or area by its URL-encoded id (400 on bad encoding, 404 when unknown). */
function detailRoute(pattern: RegExp, kind: string, read: (table: KeyValueTable, id: string, q: z.infer<typeof ThemeParams>) => Promise<unknown>): Route {
  return {
    pattern,
    async run(table, query, match) {
      const params = ThemeParams.parse(query);
      let id: string;
      try {
        id = decodeURIComponent(match[1]!);
      } catch {
        throw new HttpError(400, `${kind} id is not valid URL encoding`);
      }
      // Ids are short (t-1a2b3c4d, or a taxonomy slug); a longer one cannot exist and would exceed the table's key size.
      if (Buffer.byteLength(id) > MAX_ID_BYTES) throw new InvalidInput(`a ${kind} id is at most ${MAX_ID_BYTES} bytes (got ${Buffer.byteLength(id)})`);
      const detail = await read(table, id, params);
      if (!detail) throw new NotFound(`no ${kind} ${id}`);
      return ok(detail);
    },
  };
}

const routes: Route[] = [
  {
    pattern: /^\/themes$/,
    async run(table, query) {
      const { format, ...params } = ThemesParams.parse(query);
      if (format !== 'csv') return ok(await topThemes(table, params));
      // The export is every theme unless a limit is asked for, so its volumes add up to the total.
      const result = await topThemes(table, { ...params, limit: params.limit ?? Infinity });
      return {
        status: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${themesCsvFilename(result)}"` },
        body: themesCsv(result.themes),
      };
    },
  },
  detailRoute(/^\/themes\/([^/]+)$/, 'theme', themeDetail),
  detailRoute(/^\/areas\/([^/]+)$/, 'area', areaDetail),
  { pattern: /^\/timeline$/, run: async (table, query) => ok(await themeTimeline(table, TimelineParams.parse(query))) },
  {
    pattern: /^\/kpis$/,
    async run(table, query) {
      const { limit: n, format, ...params } = KpisParams.parse(query);
      const full = await kpiReport(table, params);
      const report = n ? { ...full, rows: full.rows.slice(0, n) } : full;
      if (format !== 'csv') return ok(report);
      return {
        status: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${exportFilename(`kpis-by-${report.by}`, report.from, report.to, { segment: report.segment === 'all' ? undefined : report.segment })}"` },
        body: kpisCsv(report),
      };
    },
  },
  {
    pattern: /^\/runs$/,
    async run(table, query) {
      const runs = await listRuns(table, RunsParams.parse(query).limit ?? 10);
      // The run records as stored, less the table's own keys and housekeeping.
      return ok(runs.map(({ PK, SK, GSI1PK, GSI1SK, type, expiresAt, ...run }: RunSummary & Record<string, unknown>) => run));
    },
  },
  { pattern: /^\/alerts$/, run: async (table, query) => ok(await listAlerts(table, AlertsParams.parse(query).limit ?? 50)) },
  ...conversationRoutes,
];

/** Routes one request; throws HttpError (4xx), ZodError (400) or anything else (500) for the caller to map. */
export async function readApi(table: KeyValueTable, request: ReadApiRequest): Promise<ReadApiResponse> {
  const path = request.path.replace(/\/+$/, '') || '/';
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, `${request.method} is not allowed: the API is read-only`);
    return route.run(table, request.query, match);
  }
  throw new HttpError(404, `no route ${request.method} ${path}`);
}
