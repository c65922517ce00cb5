/**
 * Read-API routes from a number to the conversations behind it (registered in read-api.ts):
 *
 *   GET /conversations       the conversations of a theme/area × segment × range, filtered by sentiment, CSAT,
 *                            SLA and words; paged (offset, limit), or every match with format=csv
 *   GET /conversations/{id}  one conversation's readable thread, per-message sentiment, theme, area, KPIs
 *   GET /quotes              the quotes of a theme, an area or every theme (format=csv for all of them)
 *   GET /templates           canned replies and what follows them, as the last nightly run measured
 *
 * Like every read route: zod-validated parameters (unknown ones rejected), the table only.
 */
import * as z from 'zod';
import type { KeyValueTable } from '../ports';
import { CONVERSATION_SENTIMENTS, CONVERSATION_SORTS, conversationDetail, listConversations, MAX_PAGE, SLA_FILTERS } from '../stages/conversations';
import { quotesOf } from '../stages/quotes';
import { readTemplatesReport } from '../stages/templates-report';
import { HttpError } from './errors';
import { conversationsCsv, exportFilename, quotesCsv } from './exports';
import { filterParams, formatParam, limitParam, rangeParams } from './params';
import type { ReadApiRequest, ReadApiResponse, Route } from './read-api';

const cellParams = { ...rangeParams, ...filterParams, theme: z.string().min(1).max(200).optional(), area: z.string().min(1).max(200).optional() };

export const ConversationsParams = z
  .object({
    ...cellParams,
    sentiment: z.enum(CONVERSATION_SENTIMENTS).optional(),
    csat: z.string().max(20).optional(),
    sla: z.enum(SLA_FILTERS).optional(),
    q: z.string().max(200).optional(),
    sort: z.enum(CONVERSATION_SORTS).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
    limit: limitParam(MAX_PAGE),
    format: formatParam,
  })
  .strict();
export const QuotesParams = z.object({ ...cellParams, format: formatParam }).strict();
export const NoParams = z.object({}).strict();

const json = (body: unknown): ReadApiResponse => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });
const csv = (filename: string, body: string): ReadApiResponse => ({
  status: 200,
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` },
  body,
});

function decodeId(encoded: string, kind: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HttpError(400, `${kind} id is not valid URL encoding`);
  }
}

export const conversationRoutes: Route[] = [
  {
    pattern: /^\/conversations$/,
    async run(table: KeyValueTable, query: ReadApiRequest['query']) {
      const { format, ...params } = ConversationsParams.parse(query);
      if (format !== 'csv') return json(await listConversations(table, params));
      // The export is every match unless a limit is asked for.
      const page = await listConversations(table, { ...params, offset: params.offset ?? 0, limit: params.limit ?? Infinity });
      return csv(exportFilename('conversations', page.from, page.to, page.filters), conversationsCsv(page));
    },
  },
  {
    pattern: /^\/conversations\/([^/]+)$/,
    async run(table, query, match) {
      NoParams.parse(query);
      const id = decodeId(match[1]!, 'conversation');
      const detail = await conversationDetail(table, id);
      if (!detail) throw new HttpError(404, `no conversation ${id} (ids are listed by GET /conversations; conversations analysed before the conversations index existed need a new run)`);
      return json(detail);
    },
  },
  {
    pattern: /^\/quotes$/,
    async run(table, query) {
      const { format, ...params } = QuotesParams.parse(query);
      const result = await quotesOf(table, params);
      if (format !== 'csv') return json(result);
      return csv(exportFilename('quotes', result.from, result.to, { theme: params.theme, area: params.area, segment: result.segment === 'all' ? undefined : result.segment }), quotesCsv(result.quotes));
    },
  },
  {
    pattern: /^\/templates$/,
    async run(table, query) {
      NoParams.parse(query);
      const report = await readTemplatesReport(table);
      if (!report) throw new HttpError(404, 'no templates report yet: it is written by the nightly run (voc run)');
      return json(report);
    },
  },
];
