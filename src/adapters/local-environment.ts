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

/**
 * One process at a time per data folder: the emulators hold it open (LevelDB locks it, and S3
 * writes are mirrored as they land). A second `voc` gets a clear message instead of a crash.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'voc.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      let alive = false;
      try {
        alive = pid > 0 && process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (alive) throw new Error(`the data folder ${dataDir} is in use by another voc process (pid ${pid}, e.g. voc serve); stop it, or use --data-dir or --in-memory`);
      fs.rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new Error(`could not lock the data folder ${dataDir}`);
}

/** @param dataDir folder to keep data in between runs; undefined keeps everything in memory. */
export async function openLocalEnvironment(options: { dataDir?: string } = {}): Promise<VocEnvironment> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let started;
  try {
    started = await Promise.all([
      startEmbeddedS3({ dir: dataDir && path.join(dataDir, 's3'), buckets: [LOCAL_BUCKET] }),
      startEmbeddedDynamo({ dir: dataDir && path.join(dataDir, 'dynamodb'), tables: [LOCAL_TABLE] }),
    ]);
  } catch (e) {
    unlock();
    throw e;
  }
  const [s3, dynamo] = started;
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
