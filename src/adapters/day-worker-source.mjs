// Runs the day worker from its TypeScript source (when voc runs through tsx, not from the dist/ bundle):
// loader flags do not reach worker threads on every Node version, so the worker registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./day-worker.ts');
