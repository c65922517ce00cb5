/**
 * The default runtime: embedded S3 and DynamoDB emulators started in this process, data kept in a
 * local folder between runs (or only in memory). The real AWS SDK clients talk to them over HTTP.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createAwsClients } from './aws-clients';
import { DynamoTable } from './dynamodb-table';
import { startEmbeddedDynamo } from './embedded/dynamodb-emulator';
import { startEmbeddedS3 } from './embedded/s3-emulator';
import type { VocEnvironment } from './environment';
import { S3BlobStore } from './s3-blob-store';

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
  const key = localPseudonymKey(dataDir);
  return {
    mode: 'local',
    bucket: LOCAL_BUCKET,
    tableName: LOCAL_TABLE,
    location: dataDir ?? 'memory',
    pseudonymKey: async () => key,
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

