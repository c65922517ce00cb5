/** The read API: GET /themes and GET /themes/{id}, validated with zod. */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { themeDetail, topThemes } from '../src/stages/query';
import { errorResponse, HttpError, json } from './http';
import { day, environmentOnce } from './runtime';

export const ThemesParams = z
  .object({
    from: z.string().regex(day).optional(),
    to: z.string().regex(day).optional(),
    lang: z.string().min(2).max(8).optional(),
    channel: z.string().max(32).optional(),
    segment: z.string().max(64).optional(),
    team: z.string().max(64).optional(),
    source: z.string().max(64).optional(),
    sort: z.enum(['volume', 'negative', 'rising']).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  try {
    const params = ThemesParams.parse(event.queryStringParameters ?? {});
    const table = environmentOnce().table;
    const path = event.rawPath ?? '';
    const id = event.pathParameters?.id ?? /^\/themes\/([^/]+)$/.exec(path)?.[1];
    if (id) {
      const detail = await themeDetail(table, decodeURIComponent(id), params);
      if (!detail) throw new HttpError(404, `no theme ${id}`);
      return json(200, detail);
    }
    if (path === '/themes' || event.routeKey === 'GET /themes') return json(200, await topThemes(table, params));
    throw new HttpError(404, `no route ${event.routeKey ?? path}`);
  } catch (error) {
    return errorResponse(error);
  }
};
