/**
 * Opens the stores a stage runs against in AWS (default credential chain, deployed resource
 * names). The embedded-emulator twin is local-environment.ts, kept apart so that Lambda bundles
 * never include the emulators. Same adapters either way; only endpoints differ.
 */
import type { Stores } from '../ports';
import { createAwsClients } from './aws-clients';
import { DynamoTable } from './dynamodb-table';
import { S3BlobStore } from './s3-blob-store';

export interface VocEnvironment extends Stores {
  mode: 'local' | 'aws';
  bucket: string;
  tableName: string;
  /** Where the data is, for messages: a folder, "memory" or an AWS region. */
  location: string;
  /** Secret for pseudonymising customer identities (keyed hash). */
  pseudonymKey: string;
  /** The emulators' addresses in local mode (for pointing handlers or other tools at them). */
  endpoints?: { s3: string; dynamodb: string };
  close(): Promise<void>;
}

export function openAwsEnvironment(options: {
  bucket: string;
  table: string;
  region?: string;
  pseudonymKey?: string;
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
    // Without a configured key, pseudonyms are still keyed per deployment (documented in docs/STORAGE.md).
    pseudonymKey: options.pseudonymKey ?? `voc-insights:${options.bucket}`,
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
    s3Endpoint: env.VOC_S3_ENDPOINT,
    dynamoEndpoint: env.VOC_DYNAMODB_ENDPOINT,
  });
}
