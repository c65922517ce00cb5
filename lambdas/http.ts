/** One response helper for the HTTP API: JSON bodies, and errors that never leak internals. */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { errorStatus, HttpError } from '../src/server/errors';
import { logger } from './runtime';

export { HttpError };

export function json(status: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

export function errorResponse(error: unknown): APIGatewayProxyResultV2 {
  const { status, body, internal } = errorStatus(error);
  if (internal) logger.error('request failed', error as Error);
  return json(status, body);
}
