/**
 * KeyValueTable on the local file system: the default local runtime's DynamoDB. One JSON file per item,
 * `<root>/items/<PK>/<SK>.json`, and for items with GSI1 keys a copy under `<root>/gsi1/<GSI1PK>/` (the
 * index projects every attribute, as the deployed one does). A query lists one partition's folder and reads
 * the items in range, so its cost follows what it returns, not the table's size; nothing is loaded at
 * start. Writes go through a temporary file and a rename, so other processes reading the folder (`voc
 * serve`, `voc themes` while a run writes) see whole items.
 *
 * Why not dynalite on disk: its LevelDB store grew to 365 MB for 100,000 conversations and every query
 * went through an HTTP server in the same process. dynalite still proves the DynamoDB adapter in the
 * tests (test/integration/emulators.test.ts), and `--emulators` runs on it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KeyValueTable, TableItem, TableKey, TableQuery } from '../ports';
import { TEMP_SUFFIX, writeFileAtomic } from './fs-blob-store';

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR';

/** Longest file name we write (file systems allow 255 bytes; the rest is suffixes). */
const MAX_NAME = 200;
const HASHED = '~';
/** Items written at once by putMany/deleteMany. */
const WRITE_CONCURRENCY = 16;

/** One key as one file name: readable, %-escaped; too long a key becomes a hash (the item says its key). */
export function keyToFileName(key: string): string {
  const escaped = key.replace(/[^A-Za-z0-9._=+@,#:-]/g, (ch) => [...Buffer.from(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  if (escaped.length <= MAX_NAME && escaped !== '.' && escaped !== '..' && !escaped.startsWith(HASHED)) return escaped;
  return `${HASHED}${createHash('sha256').update(key).digest('hex')}`;
}

function fileNameToKey(name: string): string | undefined {
  return name.startsWith(HASHED) ? undefined : decodeURIComponent(name);
}

async function readJson(file: string): Promise<TableItem | undefined> {
  try {
    return JSON.parse(await fs.promises.readFile(file, 'utf8')) as TableItem;
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw new Error(`cannot read table item ${file}: ${(e as Error).message}`);
  }
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += WRITE_CONCURRENCY) await Promise.all(items.slice(i, i + WRITE_CONCURRENCY).map(work));
}

export class FsTable implements KeyValueTable {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private itemFile(key: TableKey): string {
    return path.join(this.root, 'items', keyToFileName(key.PK), `${keyToFileName(key.SK)}.json`);
  }

  /** GSI1 keys are not unique: the file name adds the item's own key, hashed. */
  private indexFile(item: TableItem): string {
    const own = createHash('sha256').update(`${item.PK}\u0000${item.SK}`).digest('hex').slice(0, 16);
    return path.join(this.root, 'gsi1', keyToFileName(item.GSI1PK!), `${keyToFileName(item.GSI1SK!)}~${own}.json`);
  }

  async get(key: TableKey): Promise<TableItem | undefined> {
    return readJson(this.itemFile(key));
  }

  async getMany(keys: TableKey[]): Promise<Array<TableItem | undefined>> {
    return Promise.all(keys.map((k) => this.get(k)));
  }

  async putMany(items: TableItem[]): Promise<void> {
    // The last write of a key wins, as it would sequentially (and as the DynamoDB adapter does).
    const byKey = new Map(items.map((item) => [`${item.PK}\u0000${item.SK}`, item]));
    await inBatches([...byKey.values()], async (item) => {
      if (typeof item.PK !== 'string' || typeof item.SK !== 'string') throw new Error(`a table item needs string PK and SK (got ${JSON.stringify({ PK: item.PK, SK: item.SK })})`);
      const previous = await this.get(item);
      const body = JSON.stringify(item);
      await writeFileAtomic(this.itemFile(item), body);
      const hasIndex = typeof item.GSI1PK === 'string' && typeof item.GSI1SK === 'string';
      if (previous?.GSI1PK !== undefined && (!hasIndex || previous.GSI1PK !== item.GSI1PK || previous.GSI1SK !== item.GSI1SK)) {
        await fs.promises.rm(this.indexFile(previous), { force: true });
      }
      if (hasIndex) await writeFileAtomic(this.indexFile(item), body);
    });
  }

  async deleteMany(keys: TableKey[]): Promise<void> {
    await inBatches(keys, async (key) => {
      const previous = await this.get(key);
      if (!previous) return;
      if (previous.GSI1PK !== undefined) await fs.promises.rm(this.indexFile(previous), { force: true });
      await fs.promises.rm(this.itemFile(key), { force: true });
    });
  }

  async *query(q: TableQuery): AsyncIterable<TableItem> {
    const dir = path.join(this.root, q.index ? 'gsi1' : 'items', keyToFileName(q.partition));
    let names: string[];
    try {
      names = await fs.promises.readdir(dir);
    } catch (e) {
      if (isMissing(e)) return;
      throw e;
    }
    const sortKeyOf = (item: TableItem) => String(q.index ? item.GSI1SK : item.SK);
    const inRange = (sk: string) =>
      (!q.between || (sk >= q.between[0] && sk <= q.between[1])) && (q.beginsWith === undefined || sk.startsWith(q.beginsWith));
    const candidates: { sk?: string; file: string }[] = [];
    for (const name of names) {
      if (!name.endsWith('.json') || name.endsWith(TEMP_SUFFIX)) continue;
      const stem = name.slice(0, -'.json'.length);
      const sk = fileNameToKey(q.index ? stem.slice(0, stem.lastIndexOf('~')) : stem);
      // Hashed names say nothing about their key: those items are read to find out.
      if (sk !== undefined && !inRange(sk)) continue;
      candidates.push({ sk, file: path.join(dir, name) });
    }
    const items: TableItem[] = [];
    for (let i = 0; i < candidates.length; i += WRITE_CONCURRENCY) {
      const read = await Promise.all(candidates.slice(i, i + WRITE_CONCURRENCY).map((c) => readJson(c.file)));
      for (const item of read) if (item && inRange(sortKeyOf(item))) items.push(item);
    }
    // DynamoDB returns a partition in sort-key order (UTF-8 bytes); ties on an index by the item's key.
    const order = (item: TableItem) => Buffer.from(`${sortKeyOf(item)}\u0000${item.PK}\u0000${item.SK}`);
    items.sort((a, b) => Buffer.compare(order(a), order(b)));
    yield* items;
  }
}
