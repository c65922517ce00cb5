/**
 * The two storage ports every stage talks to. The stages and the core never see an AWS SDK type:
 * S3 and DynamoDB adapters (src/adapters) implement these, against AWS or the embedded emulators.
 */
import type { Readable } from 'node:stream';

export interface BlobInfo {
  key: string;
  size: number;
  etag?: string;
  lastModified?: Date;
}

/** S3-shaped object storage. Keys are '/'-separated paths; see src/core/storage-layout.ts. */
export interface BlobStore {
  /** Whole-object write; replaces any previous object with the same key (so retries are safe). */
  put(key: string, body: string | Uint8Array | Readable, contentType?: string): Promise<void>;
  /** The object's bytes, or undefined when there is none. For small objects (manifests, catalogues). */
  get(key: string): Promise<Uint8Array | undefined>;
  /** The object as a stream, or undefined when there is none. For archives of any size. */
  stream(key: string): Promise<Readable | undefined>;
  head(key: string): Promise<BlobInfo | undefined>;
  /** Every object under the prefix, in key order, paging as needed. */
  list(prefix: string): AsyncIterable<BlobInfo>;
  delete(keys: string[]): Promise<void>;
  copy(fromKey: string, toKey: string): Promise<void>;
}

/** A stored row of the single table: string keys PK/SK, optional GSI1PK/GSI1SK, any JSON attributes. */
export type TableItem = { PK: string; SK: string; GSI1PK?: string; GSI1SK?: string } & Record<string, unknown>;
export type TableKey = Pick<TableItem, 'PK' | 'SK'>;

export interface TableQuery {
  /** Query the base table (PK/SK) or the GSI1 index (GSI1PK/GSI1SK). */
  index?: 'GSI1';
  partition: string;
  /** Inclusive sort-key range. */
  between?: [string, string];
  beginsWith?: string;
}

/** DynamoDB-shaped key-value table (see docs/STORAGE.md for the single-table design). */
export interface KeyValueTable {
  get(key: TableKey): Promise<TableItem | undefined>;
  /** Several items at once (DynamoDB BatchGetItem), in the order of `keys`; undefined where there is none. */
  getMany(keys: TableKey[]): Promise<Array<TableItem | undefined>>;
  /** Writes replace whole items, so a retried write leaves the same item. */
  putMany(items: TableItem[]): Promise<void>;
  deleteMany(keys: TableKey[]): Promise<void>;
  query(query: TableQuery): AsyncIterable<TableItem>;
}

/** What a stage needs to run anywhere. */
export interface Stores {
  blobs: BlobStore;
  table: KeyValueTable;
}
