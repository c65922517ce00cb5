/** BlobStore over S3: translation only, no pipeline logic. */
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import type { BlobInfo, BlobStore } from '../ports';

const isMissing = (e: unknown) =>
  e instanceof NoSuchKey || e instanceof NotFound || (e as { name?: string })?.name === 'NoSuchKey' || (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

const isDenied = (e: unknown) =>
  (e as { name?: string })?.name === 'AccessDenied' || (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 403;

/**
 * A read S3 refused (403): never taken as "missing" (an optional setting would silently fall back to defaults),
 * but said plainly: which key, and the grant the function's role lacks.
 */
export class ReadDenied extends Error {
  constructor(bucket: string, key: string, cause: unknown) {
    const prefix = key.includes('/') ? `${key.slice(0, key.indexOf('/') + 1)}*` : key;
    super(
      `access denied reading s3://${bucket}/${key}: this function's role is not granted s3:GetObject on ${prefix}. ` +
        `Grant it in lib/pipeline.ts (PIPELINE_ACCESS) and redeploy (${(cause as Error)?.message ?? String(cause)})`,
    );
    this.name = 'ReadDenied';
  }
}

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, body: string | Uint8Array | Readable, contentType?: string): Promise<void> {
    if (body instanceof Readable) {
      // Streams of unknown length: multipart upload in bounded memory (5 MB parts, 4 in flight).
      await new Upload({ client: this.s3, params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType } }).done();
      return;
    }
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await out.Body!.transformToByteArray();
    } catch (e) {
      if (isMissing(e)) return undefined;
      if (isDenied(e)) throw new ReadDenied(this.bucket, key, e);
      throw e;
    }
  }

  async stream(key: string): Promise<Readable | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body as Readable;
    } catch (e) {
      if (isMissing(e)) return undefined;
      if (isDenied(e)) throw new ReadDenied(this.bucket, key, e);
      throw e;
    }
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: out.ContentLength ?? 0, etag: out.ETag, lastModified: out.LastModified };
    } catch (e) {
      if (isMissing(e)) return undefined;
      if (isDenied(e)) throw new ReadDenied(this.bucket, key, e);
      throw e;
    }
  }

  async *list(prefix: string): AsyncIterable<BlobInfo> {
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        yield { key: o.Key!, size: o.Size ?? 0, etag: o.ETag, lastModified: o.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const out = await this.s3.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      if (out.Errors?.length) {
        throw new Error(`could not delete ${out.Errors.length} object(s) from s3://${this.bucket}: ${out.Errors[0]!.Key} ${out.Errors[0]!.Message}`);
      }
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    await this.s3.send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${this.bucket}/${encodeURIComponent(fromKey).replace(/%2F/g, '/')}` }),
    );
  }
}
