/**
 * A value built on first use, then kept: for module-level tables and patterns that cost milliseconds to build
 * (large Unicode regular expressions, profiles, Intl objects), so that importing a module, and with it every Lambda
 * cold start and CLI command that never uses them, does not pay for them.
 */
export function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
