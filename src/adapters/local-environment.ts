/**
 * The default runtime: the archive bucket and the table as files in one local data folder
 * (`<dataDir>/s3/<bucket>/<key>` and `<dataDir>/table/`), read and written by the same stage code the
 * Lambdas run. Nothing is loaded at start and nothing is held in memory, so start-up costs the same for a
 * day of conversations as for years of them. `--emulators` runs the wire-protocol emulators instead
 * (emulator-environment.ts), which is how the tests prove the S3 and DynamoDB adapters.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobInfo, BlobStore, KeyValueTable, TableItem, TableKey, TableQuery } from '../ports';
import type { VocEnvironment } from './environment';
import { DEFAULT_DATA_DIR, LOCAL_BUCKET, LOCAL_TABLE, localPseudonymKey, lockDataDir } from './data-folder';
import { FsBlobStore } from './fs-blob-store';
import { FsTable } from './fs-table';
import { hasLegacyTable } from './legacy-table';

export { DEFAULT_DATA_DIR, LOCAL_BUCKET, LOCAL_TABLE };

export interface LocalOptions {
  /** Folder to keep data in between runs; undefined keeps nothing (a temporary folder, removed at close). */
  dataDir?: string;
  /** Run the embedded S3 (fauxqs) and DynamoDB (dynalite) emulators instead of plain files. */
  emulators?: boolean;
}

/** The stores of a data folder as files; no lock, no key: what a worker thread opens beside its parent. */
export function openDataFolderStores(dataDir: string): Pick<VocEnvironment, 'blobs' | 'table'> {
  const s3 = path.join(dataDir, 's3');
  return {
    blobs: new FsBlobStore(path.join(s3, LOCAL_BUCKET), path.join(s3, '.meta', LOCAL_BUCKET)),
    table: new FsTable(path.join(dataDir, 'table')),
  };
}

/**
 * The data folder is locked by the first write (a failed lock is a rejected promise, as a failed write is), not at open: commands that only read (voc themes, voc serve)
 * never lock it, so they run beside each other and beside the one process that writes.
 */
class WriteLock {
  private release?: () => void;
  constructor(private readonly dataDir: string | undefined) {}
  take(): void {
    if (!this.release && this.dataDir) this.release = lockDataDir(this.dataDir);
  }
  free(): void {
    this.release?.();
    this.release = undefined;
  }
}

class LockingBlobStore implements BlobStore {
  constructor(
    private readonly inner: BlobStore,
    private readonly lock: WriteLock,
  ) {}
  async put(key: string, body: string | Uint8Array | Readable, contentType?: string): Promise<void> {
    this.lock.take();
    return this.inner.put(key, body, contentType);
  }
  get(key: string): Promise<Uint8Array | undefined> {
    return this.inner.get(key);
  }
  stream(key: string): Promise<Readable | undefined> {
    return this.inner.stream(key);
  }
  head(key: string): Promise<BlobInfo | undefined> {
    return this.inner.head(key);
  }
  list(prefix: string): AsyncIterable<BlobInfo> {
    return this.inner.list(prefix);
  }
  async delete(keys: string[]): Promise<void> {
    this.lock.take();
    return this.inner.delete(keys);
  }
  async copy(fromKey: string, toKey: string): Promise<void> {
    this.lock.take();
    return this.inner.copy(fromKey, toKey);
  }
}

class LockingTable implements KeyValueTable {
  constructor(
    private readonly inner: KeyValueTable,
    private readonly lock: WriteLock,
  ) {}
  get(key: TableKey): Promise<TableItem | undefined> {
    return this.inner.get(key);
  }
  getMany(keys: TableKey[]): Promise<Array<TableItem | undefined>> {
    return this.inner.getMany(keys);
  }
  async putMany(items: TableItem[]): Promise<void> {
    if (items.length) this.lock.take();
    return this.inner.putMany(items);
  }
  async deleteMany(keys: TableKey[]): Promise<void> {
    if (keys.length) this.lock.take();
    return this.inner.deleteMany(keys);
  }
  query(query: TableQuery): AsyncIterable<TableItem> {
    return this.inner.query(query);
  }
}

export async function openLocalEnvironment(options: LocalOptions = {}): Promise<VocEnvironment> {
  if (options.emulators) {
    const { openEmulatorEnvironment } = await import('./emulator-environment');
    return openEmulatorEnvironment(options);
  }
  const temporary = !options.dataDir;
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'voc-in-memory-'));
  const lock = new WriteLock(temporary ? undefined : dataDir);
  const stores = openDataFolderStores(dataDir);
  if (!temporary && hasLegacyTable(dataDir)) {
    const { migrateLegacyTable } = await import('./legacy-table');
    lock.take();
    try {
      await migrateLegacyTable(dataDir, stores.table, (m) => process.stderr.write(`${m}\n`));
      fs.mkdirSync(path.join(dataDir, 'table'), { recursive: true }); // also when there was nothing to copy
    } finally {
      lock.free();
    }
  }
  let key: string | undefined;
  return {
    mode: 'local',
    bucket: LOCAL_BUCKET,
    tableName: LOCAL_TABLE,
    location: temporary ? 'memory' : dataDir,
    pseudonymKey: async () => (key ??= localPseudonymKey(dataDir)),
    source: { kind: 'files', dataDir },
    blobs: new LockingBlobStore(stores.blobs, lock),
    table: new LockingTable(stores.table, lock),
    async close() {
      lock.free();
      if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
