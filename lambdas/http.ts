/** One response helper for the HTTP API: JSON bodies, and errors that never leak internals. */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { ZodError } from 'zod';
import { HttpError } from '../src/server/errors';
import { logger } from './runtime';

export { HttpError };

export function json(status: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

export function errorResponse(error: unknown): APIGatewayProxyResultV2 {
  if (error instanceof HttpError) return json(error.status, { error: error.message });
  if (error instanceof ZodError) {
    return json(400, { error: 'invalid request', issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  // Validation messages from the stages (bad dates, conflicting filters) are the caller's to fix.
  if (error instanceof Error && /^(expected a day|filter by one of|--from|--by)/.test(error.message)) return json(400, { error: error.message });
  logger.error('request failed', error as Error);
  return json(500, { error: 'internal error' });
}
