/** The read API behind API Gateway (and `voc serve`): routes and zod validation live in src/server/read-api.ts. */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { readApi } from '../src/server/read-api';
import { errorResponse } from './http';
import { environmentOnce } from './runtime';

export { KpisParams, RunsParams, ThemeParams, ThemesParams, TimelineParams } from '../src/server/read-api';

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  try {
    // A matched route gives its template and the decoded {id}; the $default route (voc serve) gives the raw, encoded path.
    const template = event.routeKey && event.routeKey !== '$default' ? event.routeKey.replace(/^\S+\s+/, '') : undefined;
    const id = event.pathParameters?.id;
    const path = template ? template.replace('{id}', encodeURIComponent(safeDecode(id ?? ''))) : (event.rawPath ?? '');
    const res = await readApi(environmentOnce().table, {
      method: event.requestContext?.http?.method ?? 'GET',
      path,
      query: event.queryStringParameters ?? {},
    });
    return { statusCode: res.status, headers: res.headers, body: res.body };
  } catch (error) {
    return errorResponse(error);
  }
};

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
