/**
 * Opens the stores a stage runs against in AWS (default credential chain, deployed resource
 * names). The embedded-emulator twin is local-environment.ts, kept apart so that Lambda bundles
 * never include the emulators. Same adapters either way; only endpoints differ.
 */
import type { Stores } from '../ports';
import { createAwsClients } from './aws-clients';
import { DynamoTable } from './dynamodb-table';
import { S3BlobStore } from './s3-blob-store';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Caches a successful result; a failure is not cached, so a transient error is retried next call. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= make().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
}

async function resolvePseudonymKey(options: { bucket: string; pseudonymKey?: string; pseudonymSecretArn?: string }, region: string): Promise<string> {
  if (options.pseudonymKey) return options.pseudonymKey;
  if (options.pseudonymSecretArn) {
    const client = new SecretsManagerClient({ region });
    try {
      const out = await client.send(new GetSecretValueCommand({ SecretId: options.pseudonymSecretArn }));
      if (!out.SecretString) throw new Error(`secret ${options.pseudonymSecretArn} has no string value`);
      return out.SecretString;
    } finally {
      client.destroy();
    }
  }
  // Still keyed per deployment, but not secret: documented in README (Deploy) as the fallback.
  return `voc-insights:${options.bucket}`;
}

/**
 * How to open the same stores again from another thread (the analyse-and-aggregate workers): a data
 * folder, or a bucket and table (in AWS, or behind the emulators' endpoints). Plain data, so it can be
 * posted to a worker.
 */
export type StoresSource =
  | { kind: 'files'; dataDir: string }
  | { kind: 'aws'; bucket: string; table: string; region?: string; s3Endpoint?: string; dynamoEndpoint?: string; pseudonymKey?: string };

export interface VocEnvironment extends Stores {
  mode: 'local' | 'aws';
  bucket: string;
  tableName: string;
  /** Where the data is, for messages: a folder, "memory" or an AWS region. */
  location: string;
  /** Secret for pseudonymising customer identities (keyed hash); fetched once, on first use. */
  pseudonymKey(): Promise<string>;
  /** How another thread opens the same stores; undefined where it cannot (then work stays in this thread). */
  source?: StoresSource;
  /** The emulators' addresses in local mode (for pointing handlers or other tools at them). */
  endpoints?: { s3: string; dynamodb: string };
  close(): Promise<void>;
}

export function openAwsEnvironment(options: {
  bucket: string;
  table: string;
  region?: string;
  /** The key itself (VOC_PSEUDONYM_KEY), or … */
  pseudonymKey?: string;
  /** … the Secrets Manager secret holding it (VOC_PSEUDONYM_SECRET_ARN, set by the CDK stack). */
  pseudonymSecretArn?: string;
  /** Only for pointing the same code at emulators (integration tests); unset in AWS. */
  s3Endpoint?: string;
  dynamoEndpoint?: string;
}): VocEnvironment {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const clients = createAwsClients({ region, s3Endpoint: options.s3Endpoint, dynamoEndpoint: options.dynamoEndpoint });
  return {
    mode: 'aws',
    bucket: options.bucket,
    tableName: options.table,
    location: `aws ${region}`,
    pseudonymKey: once(() => resolvePseudonymKey(options, region)),
    source: { kind: 'aws', bucket: options.bucket, table: options.table, region, s3Endpoint: options.s3Endpoint, dynamoEndpoint: options.dynamoEndpoint, pseudonymKey: options.pseudonymKey },
    blobs: new S3BlobStore(clients.s3, options.bucket),
    table: new DynamoTable(clients.dynamo, options.table),
    async close() {
      clients.destroy();
    },
  };
}

/** For Lambda handlers: the deployed names come from the function's environment. */
export function openEnvironmentFromVariables(env: NodeJS.ProcessEnv = process.env): VocEnvironment {
  const bucket = env.VOC_BUCKET;
  const table = env.VOC_TABLE;
  if (!bucket || !table) throw new Error('VOC_BUCKET and VOC_TABLE must be set (the CDK stack sets them on every function)');
  return openAwsEnvironment({
    bucket,
    table,
    region: env.AWS_REGION,
    pseudonymKey: env.VOC_PSEUDONYM_KEY,
    pseudonymSecretArn: env.VOC_PSEUDONYM_SECRET_ARN,
    s3Endpoint: env.VOC_S3_ENDPOINT,
    dynamoEndpoint: env.VOC_DYNAMODB_ENDPOINT,
  });
}
