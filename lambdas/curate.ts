/**
 * The write API behind API Gateway: theme edits (GET/POST /curation; src/server/write-api.ts). The route is
 * IAM-authorised, so the caller is the signed principal: its ARN is recorded as who made the edit.
 */
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { writeApi } from '../src/server/write-api';
import { errorResponse, HttpError } from './http';
import { environmentOnce } from './runtime';

export const handler = async (event: APIGatewayProxyEventV2WithIAMAuthorizer): Promise<APIGatewayProxyResultV2> => {
  try {
    const caller = event.requestContext?.authorizer?.iam?.userArn;
    if (!caller) throw new HttpError(403, 'edits need a signed (IAM) caller');
    const body = event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const res = await writeApi(environmentOnce().table, { method: event.requestContext?.http?.method ?? 'GET', path: event.rawPath ?? '/curation', body, caller });
    return { statusCode: res.status, headers: res.headers, body: res.body };
  } catch (error) {
    return errorResponse(error);
  }
};
