/** Errors of the read API that carry their HTTP status; anything else is a 500 with no details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A request the caller can fix (a range too long, conflicting filters, …): 400. */
export class InvalidQuery extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}
