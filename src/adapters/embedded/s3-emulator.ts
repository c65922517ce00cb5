/**
 * An in-process S3 that speaks the real wire protocol (fauxqs 1.9.2, the last release that runs on
 * Node 20), made durable: every object written through the API is mirrored to
 * `<dir>/<bucket>/<key>` as it lands, and the folder is loaded back at start.
 *
 * Why fauxqs and not s3rver: s3rver 3.7.1 answers 500 to a truncated ListObjectsV2 page, which real
 * archives hit; fauxqs passed put/get, streams, multipart (lib-storage), paginated listing, copy and
 * batch delete with default SDK settings (test/integration/emulators.test.ts keeps it honest).
 */
import { startFauxqs } from 'fauxqs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { keyToRelativePath, relativePathToKey, TEMP_SUFFIX } from '../fs-blob-store';

const LARGEST_SINGLE_PUT = 8 * 1024 * 1024;

export interface EmbeddedS3 {
  endpoint: string;
  /** Waits until every write so far is on disk. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

interface S3SpyEvent {
  service: string;
  bucket?: string;
  key?: string;
  status?: string;
}

function* walkFiles(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(full);
    else if (entry.isFile() && !entry.name.endsWith(TEMP_SUFFIX)) yield full;
  }
}

/**
 * fauxqs always listens on 0.0.0.0 (its `host` option only names URLs), which would let any host on the network read
 * and write the local archive. While it starts, a listen on 0.0.0.0 is made a listen on 127.0.0.1 instead.
 */
async function onLoopbackOnly<T>(start: () => Promise<T>): Promise<T> {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    const [first, second] = args;
    if (first && typeof first === 'object' && (first as net.ListenOptions).host === '0.0.0.0') args[0] = { ...(first as net.ListenOptions), host: '127.0.0.1' };
    if (typeof first === 'number' && second === '0.0.0.0') args[1] = '127.0.0.1';
    return (listen as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof listen;
  try {
    return await start();
  } finally {
    net.Server.prototype.listen = listen;
  }
}

export async function startEmbeddedS3(options: { dir?: string; buckets: string[] }): Promise<EmbeddedS3> {
  const server = await onLoopbackOnly(() => startFauxqs({ port: 0, logger: false, messageSpies: true }));
  const endpoint = `http://127.0.0.1:${server.port}`;
  for (const bucket of options.buckets) server.createBucket(bucket);
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'voc-local', secretAccessKey: 'voc-local' },
  });

  const dir = options.dir;
  let loading = true;
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown;

  if (dir) {
    // Replace the spy's buffering with write-through persistence: one ordered queue, so a put
    // followed by a delete of the same key ends with no file.
    const spy = server.spy as unknown as { addMessage(e: S3SpyEvent): void };
    spy.addMessage = (event: S3SpyEvent) => {
      if (loading || event.service !== 's3' || !event.bucket || event.key === undefined) return;
      const { bucket, key, status } = event;
      if (status !== 'uploaded' && status !== 'deleted') return;
      const file = path.join(dir, bucket, keyToRelativePath(key));
      queue = queue.then(async () => {
        try {
          if (status === 'deleted') {
            await fs.promises.rm(file, { force: true });
            return;
          }
          const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          const bytes = await out.Body!.transformToByteArray();
          await fs.promises.mkdir(path.dirname(file), { recursive: true });
          const tmp = `${file}.${process.pid}${TEMP_SUFFIX}`;
          await fs.promises.writeFile(tmp, bytes);
          await fs.promises.rename(tmp, file);
        } catch (e) {
          // A later write may have replaced or deleted the object already; that is not a failure.
          if ((e as { name?: string }).name === 'NoSuchKey') return;
          failure ??= e;
        }
      });
    };
    try {
      for (const bucket of options.buckets) {
        const root = path.join(dir, bucket);
        for (const file of walkFiles(root)) {
          const key = relativePathToKey(path.relative(root, file));
          // The emulator refuses single bodies over 11 MiB: larger objects go up in 5 MiB parts.
          if (fs.statSync(file).size > LARGEST_SINGLE_PUT) await new Upload({ client, params: { Bucket: bucket, Key: key, Body: fs.createReadStream(file) } }).done();
          else await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: fs.readFileSync(file) }));
        }
      }
    } catch (e) {
      // Stop the server, or the process would never exit.
      client.destroy();
      await server.stop();
      throw new Error(`could not load the local S3 data from ${dir} into the S3 emulator: ${(e as Error).message}. The default runtime (without --emulators) reads the folder directly.`);
    }
  }
  loading = false;

  const flush = async () => {
    await queue;
    if (failure) throw new Error(`could not persist the local S3 data under ${dir}: ${String(failure)}`);
  };
  return {
    endpoint,
    flush,
    async stop() {
      try {
        await flush();
      } finally {
        client.destroy();
        await server.stop();
      }
    },
  };
}
