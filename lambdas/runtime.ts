/** What every handler shares, created once per Lambda container: observability and the stores. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { openEnvironmentFromVariables, type VocEnvironment } from '../src/adapters/environment';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'voc-insights' });
export const metrics = new Metrics({ namespace: 'VocInsights', serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'voc-insights' });

let environment: VocEnvironment | undefined;
/** Built on first use, so a handler module can be imported (and its event schema tested) without AWS settings. */
export function environmentOnce(): VocEnvironment {
  environment ??= openEnvironmentFromVariables();
  return environment;
}

/**
 * Serves the handlers from an environment that is already open (`voc serve` shares its own);
 * undefined drops the cached one, so the next call reads the variables again (tests, benchmarks).
 */
export function useEnvironment(env: VocEnvironment | undefined): void {
  environment = env;
}

export const day = /^\d{4}-\d{2}-\d{2}$/;
