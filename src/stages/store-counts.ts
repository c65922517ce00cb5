/** Counts what a stage writes through the ports (table items put or deleted, objects put), for per-stage figures. */
import type { Readable } from 'node:stream';
import type { BlobStore, KeyValueTable, Stores, TableItem, TableKey } from '../ports';

export interface WriteCounts {
  items: number;
  objects: number;
}

export function countingStores(stores: Stores): Stores & { counts: WriteCounts } {
  const counts: WriteCounts = { items: 0, objects: 0 };
  const { blobs, table } = stores;
  const countedBlobs: BlobStore = {
    put: (key: string, body: string | Uint8Array | Readable, contentType?: string) => {
      counts.objects++;
      return blobs.put(key, body, contentType);
    },
    get: (key) => blobs.get(key),
    stream: (key) => blobs.stream(key),
    head: (key) => blobs.head(key),
    list: (prefix) => blobs.list(prefix),
    delete: (keys) => blobs.delete(keys),
    copy: (from, to) => {
      counts.objects++;
      return blobs.copy(from, to);
    },
  };
  const countedTable: KeyValueTable = {
    get: (key) => table.get(key),
    getMany: (keys) => table.getMany(keys),
    putMany: (items: TableItem[]) => {
      counts.items += items.length;
      return table.putMany(items);
    },
    deleteMany: (keys: TableKey[]) => {
      counts.items += keys.length;
      return table.deleteMany(keys);
    },
    query: (q) => table.query(q),
  };
  return { blobs: countedBlobs, table: countedTable, counts };
}
