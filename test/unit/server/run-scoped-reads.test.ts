import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsTable } from '../../../src/adapters/fs-table';
import type { TableItem } from '../../../src/ports';
import { RunScopedReads } from '../../../src/server/run-scoped-reads';

const dirs: string[] = [];
function table(): FsTable {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-reads-'));
  dirs.push(dir);
  return new FsTable(dir);
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const collect = async (it: AsyncIterable<TableItem>) => {
  const out: TableItem[] = [];
  for await (const x of it) out.push(x);
  return out;
};
const day = (d: string, n: number): TableItem => ({ PK: 'SEG#all', SK: `DAY#${d}`, n });

describe('RunScopedReads (voc serve reads the window once per run)', () => {
  it('answers a repeated query and get from memory until cleared, then reads the table again', async () => {
    const raw = table();
    await raw.putMany([day('2026-01-01', 1), day('2026-01-02', 2)]);
    const reads = new RunScopedReads(raw);
    const q = { partition: 'SEG#all', between: ['DAY#2026-01-01', 'DAY#2026-01-31'] as [string, string] };
    expect((await collect(reads.query(q))).map((i) => i.n)).toEqual([1, 2]);
    expect((await reads.get({ PK: 'SEG#all', SK: 'DAY#2026-01-02' }))?.n).toBe(2);

    // Another process (a run) changes the table: the remembered answers stand until the run marker moves.
    await raw.putMany([day('2026-01-02', 20), day('2026-01-03', 3)]);
    expect((await collect(reads.query(q))).map((i) => i.n)).toEqual([1, 2]);
    expect((await reads.get({ PK: 'SEG#all', SK: 'DAY#2026-01-02' }))?.n).toBe(2);

    reads.clear();
    expect((await collect(reads.query(q))).map((i) => i.n)).toEqual([1, 20, 3]);
    expect((await reads.get({ PK: 'SEG#all', SK: 'DAY#2026-01-02' }))?.n).toBe(20);
  });

  it('forgets everything when written through, and never keeps a query the reader stopped early', async () => {
    const raw = table();
    await raw.putMany([day('2026-01-01', 1), day('2026-01-02', 2)]);
    const reads = new RunScopedReads(raw);
    const q = { partition: 'SEG#all', beginsWith: 'DAY#' };
    for await (const first of reads.query(q)) {
      expect(first.n).toBe(1);
      break;
    }
    await raw.putMany([day('2026-01-03', 3)]);
    expect((await collect(reads.query(q))).map((i) => i.n)).toEqual([1, 2, 3]);
    await reads.putMany([day('2026-01-04', 4)]);
    expect((await collect(reads.query(q))).map((i) => i.n)).toEqual([1, 2, 3, 4]);
    await reads.deleteMany([{ PK: 'SEG#all', SK: 'DAY#2026-01-01' }]);
    expect((await collect(reads.query(q))).map((i) => i.n)).toEqual([2, 3, 4]);
  });

  it('reads the keys it does not know in one getMany, in the order asked, missing ones included', async () => {
    const raw = table();
    await raw.putMany([day('2026-01-01', 1), day('2026-01-02', 2), day('2026-01-03', 3)]);
    const batches: string[][] = [];
    const counting = Object.assign(Object.create(raw) as FsTable, {
      getMany: (keys: Parameters<FsTable['getMany']>[0]) => (batches.push(keys.map((k) => k.SK)), raw.getMany(keys)),
    });
    const reads = new RunScopedReads(counting);
    const key = (d: string) => ({ PK: 'SEG#all', SK: `DAY#${d}` });
    expect((await reads.get(key('2026-01-02')))?.n).toBe(2);
    const got = await reads.getMany([key('2026-01-03'), key('2026-01-02'), key('2026-01-09'), key('2026-01-01'), key('2026-01-03')]);
    expect(got.map((i) => i?.n)).toEqual([3, 2, undefined, 1, 3]);
    expect(batches).toEqual([['DAY#2026-01-03', 'DAY#2026-01-09', 'DAY#2026-01-01']]);
    expect((await reads.getMany([key('2026-01-01'), key('2026-01-09')])).map((i) => i?.n)).toEqual([1, undefined]);
    expect(batches).toHaveLength(1);
  });
});
