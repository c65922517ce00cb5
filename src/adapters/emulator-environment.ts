/**
 * The emulator runtime (`--emulators`, and the tests that prove the S3 and DynamoDB adapters): embedded
 * S3 and DynamoDB emulators started in this process, data kept in a local folder between runs (or only
 * in memory). The real AWS SDK clients talk to them over HTTP. The emulated S3 holds every object in
 * memory, so this is for tests and tools that need the wire protocol, not for large archives.
 */
import path from 'node:path';
import { createAwsClients } from './aws-clients';
import { DynamoTable } from './dynamodb-table';
import { startEmbeddedDynamo } from './embedded/dynamodb-emulator';
import { startEmbeddedS3 } from './embedded/s3-emulator';
import type { VocEnvironment } from './environment';
import { S3BlobStore } from './s3-blob-store';

import { LOCAL_BUCKET, LOCAL_TABLE, localPseudonymKey, lockDataDir } from './data-folder';

/** @param dataDir folder to keep data in between runs; undefined keeps everything in memory. */
export async function openEmulatorEnvironment(options: { dataDir?: string } = {}): Promise<VocEnvironment> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  // Both started side by side; if either fails, the other is stopped too, so the process can exit.
  const started = await Promise.allSettled([
    startEmbeddedS3({ dir: dataDir && path.join(dataDir, 's3'), buckets: [LOCAL_BUCKET] }),
    startEmbeddedDynamo({ dir: dataDir && path.join(dataDir, 'dynamodb'), tables: [LOCAL_TABLE] }),
  ]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled(started.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    unlock();
    throw failed.reason;
  }
  const [s3, dynamo] = started.map((r) => (r as PromiseFulfilledResult<{ endpoint: string; stop(): Promise<void>; flush?(): Promise<void> }>).value) as [
    Awaited<ReturnType<typeof startEmbeddedS3>>,
    Awaited<ReturnType<typeof startEmbeddedDynamo>>,
  ];
  const clients = createAwsClients({ region: 'us-east-1', s3Endpoint: s3.endpoint, dynamoEndpoint: dynamo.endpoint });
  const key = localPseudonymKey(dataDir);
  return {
    mode: 'local',
    bucket: LOCAL_BUCKET,
    tableName: LOCAL_TABLE,
    location: dataDir ?? 'memory',
    pseudonymKey: async () => key,
    endpoints: { s3: s3.endpoint, dynamodb: dynamo.endpoint },
    source: { kind: 'aws', bucket: LOCAL_BUCKET, table: LOCAL_TABLE, region: 'us-east-1', s3Endpoint: s3.endpoint, dynamoEndpoint: dynamo.endpoint, pseudonymKey: key },
    blobs: new S3BlobStore(clients.s3, LOCAL_BUCKET),
    table: new DynamoTable(clients.dynamo, LOCAL_TABLE),
    async close() {
      try {
        await s3.flush();
      } finally {
        clients.destroy();
        await Promise.all([s3.stop(), dynamo.stop()]);
        unlock();
      }
    },
  };
}


/**
 * The variables under which the Lambda handlers, unchanged, use this local environment instead of
 * AWS (what the integration tests and the cost benchmark set before calling them).
 */
export function handlerVariablesFor(env: VocEnvironment): Record<string, string> {
  if (!env.endpoints) throw new Error('handlerVariablesFor needs a local environment (it has no emulator endpoints)');
  return { VOC_BUCKET: env.bucket, VOC_TABLE: env.tableName, VOC_S3_ENDPOINT: env.endpoints.s3, VOC_DYNAMODB_ENDPOINT: env.endpoints.dynamodb };
}
