/**
 * The write API: the product team's theme edits (docs/CURATION.md), one implementation for the Lambda behind API
 * Gateway (IAM-authorised: the caller is the signed principal) and for `voc serve` (bound to 127.0.0.1, same-origin
 * JSON only):
 *
 *   POST /curation         one edit: {"kind":"rename"|"merge"|"split"|"move"|"hide"|"undo", …} → 201 with the stored edit
 *   GET  /curation         every edit, oldest first, with who, when and whether it was undone
 *
 * Edits are validated against the catalogue; what is wrong comes back as 400 with a sentence saying what to do.
 */
import type { KeyValueTable } from '../ports';
import { CurationError, curationHistory, recordEdit } from '../stages/curation';
import { HttpError } from './errors';
import { ok, type ReadApiResponse } from './read-api';

export interface WriteApiRequest {
  method: string;
  path: string;
  /** the request body as sent */
  body: string | undefined;
  /** who the caller is: the IAM principal in AWS; locally the name the dashboard or $USER gives */
  caller: string;
}

/** Bodies are small: an edit names a few ids and words. */
export const MAX_BODY_BYTES = 16 * 1024;

export function isWriteRoute(path: string): boolean {
  return /^\/curation\/?$/.test(path);
}

export async function writeApi(table: KeyValueTable, request: WriteApiRequest, now?: () => Date): Promise<ReadApiResponse> {
  const path = request.path.replace(/\/+$/, '') || '/';
  if (path !== '/curation') throw new HttpError(404, `no route ${request.method} ${path}`);
  if (request.method === 'GET' || request.method === 'HEAD') return ok(await curationHistory(table));
  if (request.method !== 'POST') throw new HttpError(405, `${request.method} is not allowed on /curation: GET lists the edits, POST makes one`);
  if (!request.body) throw new HttpError(400, 'send the edit as a JSON body, e.g. {"kind":"merge","themes":["t-1"],"into":"t-2"}');
  if (Buffer.byteLength(request.body) > MAX_BODY_BYTES) throw new HttpError(413, `an edit is at most ${MAX_BODY_BYTES} bytes`);
  let input: unknown;
  try {
    input = JSON.parse(request.body);
  } catch (e) {
    throw new HttpError(400, `the body is not JSON (${(e as Error).message})`);
  }
  try {
    const edit = await recordEdit(table, input, { by: request.caller, now });
    return { status: 201, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(edit) };
  } catch (error) {
    if (error instanceof CurationError) throw new HttpError(400, error.message);
    throw error;
  }
}
