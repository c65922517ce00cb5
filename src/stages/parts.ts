/**
 * Day-partitioned gzip JSON Lines parts (conversations/ and ratings/): listing them and reading their rows. One
 * implementation for every partitioned prefix, so both are listed and read the same way.
 */
import type { Readable } from 'node:stream';
import { readJsonLines } from '../core/jsonl';
import { dayOfKey } from '../core/storage-layout';
import type { BlobInfo, BlobStore } from '../ports';

/** The parts under one prefix (e.g. a day's folder). */
export async function listParts(blobs: BlobStore, prefix: string): Promise<BlobInfo[]> {
  const parts: BlobInfo[] = [];
  for await (const o of blobs.list(prefix)) if (o.key.endsWith('.jsonl.gz')) parts.push(o);
  return parts;
}

/** Every part under a partitioned prefix, grouped by its day, days ascending. */
export async function listPartsByDay(blobs: BlobStore, prefix: string): Promise<Map<string, BlobInfo[]>> {
  const days = new Map<string, BlobInfo[]>();
  for await (const o of blobs.list(prefix)) {
    const day = dayOfKey(o.key);
    if (!day || !o.key.endsWith('.jsonl.gz')) continue;
    const list = days.get(day) ?? [];
    list.push(o);
    days.set(day, list);
  }
  return new Map([...days.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** The rows of some parts, in key order (deterministic); a line that is not JSON stops the read, naming part and line. */
export async function* readPartRows(blobs: BlobStore, parts: BlobInfo[]): AsyncIterable<unknown> {
  for (const key of parts.map((p) => p.key).sort()) {
    const stream = (await blobs.stream(key)) as Readable | undefined;
    if (!stream) continue; // removed by a concurrent re-ingest: its replacement is listed too
    for await (const row of readJsonLines(stream)) {
      if (row.error) throw new Error(`${key} ${row.line}: ${row.error}`);
      yield row.value;
    }
  }
}
