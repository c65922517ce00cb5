/**
 * Turns the global options into an open environment: the local data folder by default, the embedded
 * emulators with --emulators, AWS with --aws. Each is imported when chosen, so a command that reads the
 * local folder never loads the AWS SDK.
 */
import type { VocEnvironment } from '../adapters/environment';

export const DEFAULT_DATA_DIR = '.voc-data';

export interface GlobalOptions {
  dataDir?: string;
  inMemory?: boolean;
  aws?: boolean;
  bucket?: string;
  table?: string;
  region?: string;
  json?: boolean;
  emulators?: boolean;
}

export class UsageError extends Error {}

export async function openEnvironment(options: GlobalOptions): Promise<VocEnvironment> {
  const useAws = options.aws || process.env.VOC_TARGET === 'aws';
  if (useAws) {
    const bucket = options.bucket ?? process.env.VOC_BUCKET;
    const table = options.table ?? process.env.VOC_TABLE;
    if (!bucket || !table) {
      throw new UsageError('--aws needs the deployed names: --bucket and --table (or VOC_BUCKET and VOC_TABLE). `npx cdk deploy` prints them as stack outputs.');
    }
    const { openAwsEnvironment } = await import('../adapters/environment');
    return openAwsEnvironment({
      bucket,
      table,
      region: options.region,
      pseudonymKey: process.env.VOC_PSEUDONYM_KEY,
      pseudonymSecretArn: process.env.VOC_PSEUDONYM_SECRET_ARN,
      // Set to talk to emulators started elsewhere (voc emulators); unset for AWS.
      s3Endpoint: process.env.VOC_S3_ENDPOINT,
      dynamoEndpoint: process.env.VOC_DYNAMODB_ENDPOINT,
    });
  }
  const { openLocalEnvironment } = await import('../adapters/local-environment');
  return openLocalEnvironment({
    dataDir: options.inMemory ? undefined : (options.dataDir ?? process.env.VOC_DATA_DIR ?? DEFAULT_DATA_DIR),
    emulators: options.emulators || process.env.VOC_EMULATORS === '1',
  });
}

/** Opens the environment, runs the work, and always closes it (flushing local data to disk). */
export async function withEnvironment<T>(options: GlobalOptions, work: (env: VocEnvironment) => Promise<T>): Promise<T> {
  const env = await openEnvironment(options);
  try {
    return await work(env);
  } finally {
    await env.close();
  }
}

export function newRunId(now = new Date()): string {
  return `run-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}
