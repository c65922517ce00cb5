/**
 * Stand-in for the local-only emulator packages (dynalite, fauxqs) in Lambda bundles.
 *
 * src/adapters/environment.ts imports the embedded emulators statically. Bundled into an ESM
 * Lambda they would be evaluated at cold start, and dynalite's native LevelDB binding
 * (classic-level via node-gyp-build) needs `__dirname` and a prebuilt .node file next to the
 * bundle, so every handler would fail to initialise. Handlers only ever use the AWS adapters,
 * so HandlerFunction aliases those packages to this module; calling it means a bug.
 */
function unavailable(): never {
  throw new Error('the embedded emulators (dynalite, fauxqs) are not available inside a Lambda function');
}

export default unavailable;
export const startFauxqs = unavailable;
