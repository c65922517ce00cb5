/**
 * Opens the stores a stage runs against: the embedded emulators (default, data kept in a local
 * folder) or real AWS (default credential chain, deployed resource names). Same adapters either way.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Stores } from '../ports';
import { createAwsClients } from './aws-clients';
import { DynamoTable } from './dynamodb-table';
import { startEmbeddedDynamo } from './embedded/dynamodb-emulator';
import { startEmbeddedS3 } from './embedded/s3-emulator';
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

export const LOCAL_BUCKET = 'voc-archive-local';
export const LOCAL_TABLE = 'voc-insights-local';
export const DEFAULT_DATA_DIR = '.voc-data';

/** A random key made once per local data folder, so pseudonyms are stable there and secret elsewhere. */
function localPseudonymKey(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = path.join(dataDir, 'pseudonym.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** @param dataDir folder to keep data in between runs; undefined keeps everything in memory. */
export async function openLocalEnvironment(options: { dataDir?: string } = {}): Promise<VocEnvironment> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const [s3, dynamo] = await Promise.all([
    startEmbeddedS3({ dir: dataDir && path.join(dataDir, 's3'), buckets: [LOCAL_BUCKET] }),
    startEmbeddedDynamo({ dir: dataDir && path.join(dataDir, 'dynamodb'), tables: [LOCAL_TABLE] }),
  ]);
  const clients = createAwsClients({ region: 'us-east-1', s3Endpoint: s3.endpoint, dynamoEndpoint: dynamo.endpoint });
  return {
    mode: 'local',
    bucket: LOCAL_BUCKET,
    tableName: LOCAL_TABLE,
    location: dataDir ?? 'memory',
    pseudonymKey: localPseudonymKey(dataDir),
    endpoints: { s3: s3.endpoint, dynamodb: dynamo.endpoint },
    blobs: new S3BlobStore(clients.s3, LOCAL_BUCKET),
    table: new DynamoTable(clients.dynamo, LOCAL_TABLE),
    async close() {
      try {
        await s3.flush();
      } finally {
        clients.destroy();
        await Promise.all([s3.stop(), dynamo.stop()]);
      }
    },
  };
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
