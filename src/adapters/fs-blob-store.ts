/**
 * BlobStore on the local file system: the default local runtime. Objects are files under
 * `<root>/<key>` (the same layout the embedded S3 mirrored to, so older data folders read as they are),
 * streamed from and to disk, never held in memory; nothing is loaded at start, so opening a data folder
 * costs the same whatever the archive's size.
 *
 * Writes land in a temporary file that is renamed into place, so a reader (another `voc` process) sees
 * the old object or the new one, never half of one. ETags are content hashes as S3's are (MD5 of the
 * bytes), computed while writing and kept in `<metaRoot>/<key>.json`; an object without one (copied in by
 * hand, or written by an older voc) gets it computed on first use.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobInfo, BlobStore } from '../ports';

/** Keys stay readable on disk: only characters a file system may mangle are %-escaped. */
export function keyToRelativePath(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      segment === '' || segment === '.' || segment === '..'
        ? encodeURIComponent(segment) || '%00'
        : segment.replace(/[^A-Za-z0-9._=+@,-]/g, (ch) => encodeURIComponent(ch).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)),
    )
    .join(path.sep);
}

export function relativePathToKey(rel: string): string {
  return rel
    .split(path.sep)
    .map((segment) => (segment === '%00' ? '' : decodeURIComponent(segment)))
    .join('/');
}

/** Suffix of files being written; never listed, and left-overs of a crash are ignored. */
export const TEMP_SUFFIX = '.voc-tmp';

interface ObjectMeta {
  etag: string;
  size: number;
  mtimeMs: number;
  contentType?: string;
}

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR';

/** Writes `bytes` to `file` through a temporary file and a rename, creating folders as needed. */
export async function writeFileAtomic(file: string, bytes: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
  try {
    await fs.promises.writeFile(tmp, bytes);
  } catch (e) {
    if (!isMissing(e)) throw e;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(tmp, bytes);
  }
  await fs.promises.rename(tmp, file);
}

export class FsBlobStore implements BlobStore {
  readonly root: string;
  private readonly metaRoot: string;

  /**
   * @param root folder holding one file per object
   * @param metaRoot folder for each object's ETag and content type (outside `root`, so never listed)
   */
  constructor(root: string, metaRoot: string) {
    this.root = path.resolve(root);
    this.metaRoot = path.resolve(metaRoot);
  }

  private fileOf(key: string): string {
    if (!key) throw new Error('an object key cannot be empty');
    return path.join(this.root, keyToRelativePath(key));
  }

  private metaOf(key: string): string {
    return path.join(this.metaRoot, `${keyToRelativePath(key)}.json`);
  }

  async put(key: string, body: string | Uint8Array | Readable, contentType?: string): Promise<void> {
    const file = this.fileOf(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
    const md5 = createHash('md5');
    try {
      if (body instanceof Readable) {
        const hashing = new Transform({
          transform(chunk: Buffer | string, _enc, done) {
            md5.update(chunk);
            done(null, chunk);
          },
        });
        await pipeline(body, hashing, fs.createWriteStream(tmp));
      } else {
        md5.update(body);
        await fs.promises.writeFile(tmp, body);
      }
      await fs.promises.rename(tmp, file);
    } catch (e) {
      await fs.promises.rm(tmp, { force: true });
      throw e;
    }
    const stat = await fs.promises.stat(file);
    await this.writeMeta(key, { etag: `"${md5.digest('hex')}"`, size: stat.size, mtimeMs: stat.mtimeMs, contentType });
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await fs.promises.readFile(this.fileOf(key));
    } catch (e) {
      if (isMissing(e) || (e as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw e;
    }
  }

  async stream(key: string): Promise<Readable | undefined> {
    // Opened before it is returned, so a missing object is `undefined`, as S3's NoSuchKey is.
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(this.fileOf(key), 'r');
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return undefined;
    }
    return handle.createReadStream({ highWaterMark: 256 * 1024 });
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(this.fileOf(key));
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    if (!stat.isFile()) return undefined;
    return this.info(key, stat);
  }

  async *list(prefix: string): AsyncIterable<BlobInfo> {
    // The folder that every key with this prefix lives under; the rest of the prefix filters names.
    const lastSlash = prefix.lastIndexOf('/');
    const dirKey = lastSlash < 0 ? '' : prefix.slice(0, lastSlash);
    const dir = dirKey ? path.join(this.root, keyToRelativePath(dirKey)) : this.root;
    const found: { key: string; file: string }[] = [];
    await this.walk(dir, dirKey, prefix, found);
    // S3 lists in UTF-8 byte order of keys, not in folder order ("a-b" before "a/b").
    found.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
    for (const { key, file } of found) {
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(file);
      } catch (e) {
        if (isMissing(e)) continue; // deleted since the folder was read
        throw e;
      }
      yield await this.info(key, stat);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      await fs.promises.rm(this.fileOf(key), { force: true });
      await fs.promises.rm(this.metaOf(key), { force: true });
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const from = this.fileOf(fromKey);
    const to = this.fileOf(toKey);
    const source = await this.head(fromKey);
    if (!source) throw Object.assign(new Error(`cannot copy ${fromKey}: no such object`), { name: 'NoSuchKey' });
    await fs.promises.mkdir(path.dirname(to), { recursive: true });
    const tmp = `${to}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
    await fs.promises.copyFile(from, tmp);
    await fs.promises.rename(tmp, to);
    const stat = await fs.promises.stat(to);
    await this.writeMeta(toKey, { etag: source.etag!, size: stat.size, mtimeMs: stat.mtimeMs });
  }

  private async walk(dir: string, dirKey: string, prefix: string, out: { key: string; file: string }[]): Promise<void> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (isMissing(e)) return;
      throw e;
    }
    for (const entry of entries) {
      if (entry.name.endsWith(TEMP_SUFFIX)) continue;
      const name = relativePathToKey(entry.name);
      const key = dirKey ? `${dirKey}/${name}` : name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // Descend only where keys can still start with the prefix.
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) await this.walk(full, key, prefix, out);
      } else if (entry.isFile() && key.startsWith(prefix)) out.push({ key, file: full });
    }
  }

  private async info(key: string, stat: fs.Stats): Promise<BlobInfo> {
    let meta: ObjectMeta | undefined;
    try {
      meta = JSON.parse(await fs.promises.readFile(this.metaOf(key), 'utf8')) as ObjectMeta;
    } catch (e) {
      if (!isMissing(e) && !(e instanceof SyntaxError)) throw e;
    }
    // A file replaced behind our back (or never written by this store) gets its hash computed now.
    if (!meta || meta.size !== stat.size || meta.mtimeMs !== stat.mtimeMs) {
      const md5 = createHash('md5');
      await pipeline(fs.createReadStream(this.fileOf(key)), md5);
      meta = { etag: `"${md5.digest('hex')}"`, size: stat.size, mtimeMs: stat.mtimeMs, contentType: meta?.contentType };
      await this.writeMeta(key, meta);
    }
    return { key, size: stat.size, etag: meta.etag, lastModified: stat.mtime };
  }

  private async writeMeta(key: string, meta: ObjectMeta): Promise<void> {
    await writeFileAtomic(this.metaOf(key), JSON.stringify(meta));
  }
}
