/**
 * The table as `voc serve` reads it: queries and gets remembered until the aggregates change (a new run), so
 * answers that differ only in sorting or in a filter applied after reading (`/themes?sort=negative` after
 * `/themes`, the CSV after the table) read the window's items once. The items a query returns are kept only
 * while the total stays under a bound, so memory does not follow the archive's size; a larger query is
 * streamed through as before. Writes pass through and forget everything.
 */
import type { KeyValueTable, TableItem, TableKey, TableQuery } from '../ports';

/** Items remembered at most (a segment × day item holds every theme of its day: a few KB). */
const MAX_ITEMS = 20_000;

export class RunScopedReads implements KeyValueTable {
  private readonly queries = new Map<string, TableItem[]>();
  private readonly items = new Map<string, TableItem | undefined>();
  private held = 0;

  constructor(private readonly table: KeyValueTable) {}

  /** Forget every remembered read (the aggregates changed). */
  clear(): void {
    this.queries.clear();
    this.items.clear();
    this.held = 0;
  }

  async get(key: TableKey): Promise<TableItem | undefined> {
    const id = `${key.PK}\u0000${key.SK}`;
    if (this.items.has(id)) return this.items.get(id);
    const item = await this.table.get(key);
    this.remember(() => this.items.set(id, item), 1);
    return item;
  }

  /** The keys not remembered are read in one getMany (a BatchGetItem on DynamoDB), not one get each. */
  async getMany(keys: TableKey[]): Promise<Array<TableItem | undefined>> {
    const ids = keys.map((k) => `${k.PK}\u0000${k.SK}`);
    const unknown = [...new Set(ids.filter((id) => !this.items.has(id)))];
    const read = unknown.length ? await this.table.getMany(unknown.map((id) => keys[ids.indexOf(id)]!)) : [];
    const fresh = new Map(unknown.map((id, i) => [id, read[i]]));
    this.remember(() => fresh.forEach((item, id) => this.items.set(id, item)), fresh.size);
    return ids.map((id) => (fresh.has(id) ? fresh.get(id) : this.items.get(id)));
  }

  async putMany(items: TableItem[]): Promise<void> {
    this.clear();
    await this.table.putMany(items);
  }

  async deleteMany(keys: TableKey[]): Promise<void> {
    this.clear();
    await this.table.deleteMany(keys);
  }

  async *query(query: TableQuery): AsyncIterable<TableItem> {
    const id = JSON.stringify(query);
    const known = this.queries.get(id);
    if (known) {
      yield* known;
      return;
    }
    const seen: TableItem[] = [];
    let keep = true;
    for await (const item of this.table.query(query)) {
      if (keep) {
        seen.push(item);
        if (this.held + seen.length > MAX_ITEMS) keep = false;
      }
      yield item;
    }
    if (keep) this.remember(() => this.queries.set(id, seen), seen.length);
  }

  private remember(store: () => void, count: number): void {
    if (this.held + count > MAX_ITEMS) return;
    store();
    this.held += count;
  }
}
