/** Turns the global options into an open environment: embedded emulators by default, AWS with --aws. */
import { openAwsEnvironment, type VocEnvironment } from '../adapters/environment';
import { DEFAULT_DATA_DIR, openLocalEnvironment } from '../adapters/local-environment';

export interface GlobalOptions {
  dataDir?: string;
  inMemory?: boolean;
  aws?: boolean;
  bucket?: string;
  table?: string;
  region?: string;
  json?: boolean;
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
  return openLocalEnvironment({ dataDir: options.inMemory ? undefined : (options.dataDir ?? process.env.VOC_DATA_DIR ?? DEFAULT_DATA_DIR) });
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
