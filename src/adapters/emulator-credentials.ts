/**
 * Emulators accept any credentials; a fixed pair keeps the SDK from searching the machine for real ones. A module of
 * its own, without SDK imports, so a caller that loads its SDK client lazily (alert-publishers.ts) can use it without
 * importing the S3 and DynamoDB clients (aws-clients.ts) lazily too, which would make esbuild wrap them for lazy
 * initialisation in the finalize bundle and parse them twice on every cold start.
 */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'voc-local', secretAccessKey: 'voc-local' };
