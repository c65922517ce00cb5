import { InvalidInput, NotFound, UnreadableInput } from '../core/errors';

/** Errors of the read API that carry their HTTP status; anything else is a 500 with no details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}


/** What a failed request answers: its status and message for the caller's mistakes, nothing internal otherwise. */
export function errorStatus(error: unknown): { status: number; body: unknown; internal: boolean } {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.message }, internal: false };
  // zod's ZodError, recognised by shape so this module needs no zod import.
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
  if (error instanceof Error && error.name === 'ZodError' && Array.isArray(issues)) {
    return { status: 400, body: { error: 'invalid request', issues: issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) }, internal: false };
  }
  // The stages' typed errors, by class (src/core/errors.ts): the caller's to fix, something that is not there, input that cannot be read.
  if (error instanceof InvalidInput) return { status: 400, body: { error: error.message, ...(error.accepted ? { accepted: error.accepted } : {}) }, internal: false };
  if (error instanceof NotFound) return { status: 404, body: { error: error.message }, internal: false };
  if (error instanceof UnreadableInput) return { status: 422, body: { error: error.message }, internal: false };
  return { status: 500, body: { error: 'internal error' }, internal: true };
}
