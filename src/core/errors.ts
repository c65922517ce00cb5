/**
 * Errors that say whose mistake it was, by class (never by matching message text): the read API maps them
 * to HTTP statuses (src/server/errors.ts), the CLI to exit codes, the state machine to retry or not.
 */

/** A request or a value the caller can fix: a malformed day, a range the other way round, a filter not accepted. */
export class InvalidInput extends Error {
  /** What would have been accepted, when there is a short list of it (shown to the caller). */
  readonly accepted?: readonly string[];
  constructor(message: string, options: { accepted?: readonly string[] } = {}) {
    super(message);
    this.name = 'InvalidInput';
    if (options.accepted) this.accepted = options.accepted;
  }
}

/** The thing asked for does not exist (a theme or area id nobody has). */
export class NotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFound';
  }
}

/** Input that cannot be read at all (an upload that is empty, of no known format, not decompressible). Retrying never helps. */
export class UnreadableInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableInput';
  }
}
