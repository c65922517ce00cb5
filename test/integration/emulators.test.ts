/**
 * Both local runtimes behave as the BlobStore and KeyValueTable ports say: the data folder as files (the
 * default) and the embedded emulators, whose tests prove the S3 and DynamoDB adapters the Lambdas use
 * (real SDK clients over HTTP, no mocks). The same cases run against each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';

const text = async (bytes: Uint8Array | undefined) => Buffer.from(bytes!).toString('utf8');

describe.each([
  { runtime: 'data folder (files)', emulators: false },
  { runtime: 'embedded emulators (S3 and DynamoDB adapters)', emulators: true },
])('$runtime', ({ emulators }) => {
let env: VocEnvironment;
beforeAll(async () => {
  env = await openLocalEnvironment({ emulators });
});
afterAll(() => env.close());

describe('BlobStore', () => {
  it('stores strings, bytes and streams, and reports missing keys as undefined', async () => {
    await env.blobs.put('t/a.txt', 'hello');
    await env.blobs.put('t/b.bin', new Uint8Array([1, 2, 3]));
    await env.blobs.put('t/c.txt', Readable.from(['str', 'eam']));
    expect(await text(await env.blobs.get('t/a.txt'))).toBe('hello');
    expect([...(await env.blobs.get('t/b.bin'))!]).toEqual([1, 2, 3]);
    expect(await text(await env.blobs.get('t/c.txt'))).toBe('stream');
    expect(await env.blobs.get('t/missing')).toBeUndefined();
    expect(await env.blobs.head('t/missing')).toBeUndefined();
    expect(await env.blobs.stream('t/missing')).toBeUndefined();
    expect((await env.blobs.head('t/a.txt'))?.size).toBe(5);
  });

  it('uploads a large stream in multipart parts and reads it back intact', async () => {
    const line = 'x'.repeat(1023) + '\n';
    const body = Readable.from((function* () {
      for (let i = 0; i < 12 * 1024; i++) yield line; // 12 MiB: three 5 MiB parts
    })());
    await env.blobs.put('t/big.txt', body);
    const info = await env.blobs.head('t/big.txt');
    expect(info?.size).toBe(12 * 1024 * 1024);
    // S3: a multipart ETag (md5 of the parts' md5s, part count); files: the md5 of the bytes.
    expect(info?.etag).toMatch(emulators ? /-3"$/ : /^"[0-9a-f]{32}"$/);
    const read = await env.blobs.stream('t/big.txt');
    let bytes = 0;
    for await (const chunk of read!) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(12 * 1024 * 1024);
  });

  it('gives the same content the same ETag, and other content another', async () => {
    await env.blobs.put('e/one', 'same bytes');
    await env.blobs.put('e/two', Readable.from(['same ', 'bytes']));
    const [one, two] = [await env.blobs.head('e/one'), await env.blobs.head('e/two')];
    expect(one?.etag).toBe(two?.etag);
    await env.blobs.put('e/two', 'other bytes');
    expect((await env.blobs.head('e/two'))?.etag).not.toBe(one?.etag);
    expect((await env.blobs.head('e/two'))?.lastModified).toBeInstanceOf(Date);
  });

  it('lists in key order (S3 byte order, not folder order) and keeps odd characters in keys', async () => {
    const keys = ['o/a-b', 'o/a/b', 'o/a b/ü%.txt', 'o/a.b', 'o/A'];
    for (const k of keys) await env.blobs.put(k, k);
    const listed: string[] = [];
    for await (const o of env.blobs.list('o/')) listed.push(o.key);
    expect(listed).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    const partial: string[] = [];
    for await (const o of env.blobs.list('o/a')) partial.push(o.key);
    expect(partial).toEqual(['o/a b/ü%.txt', 'o/a-b', 'o/a.b', 'o/a/b']);
    expect(await text(await env.blobs.get('o/a b/ü%.txt'))).toBe('o/a b/ü%.txt');
  });

  it('pages through listings larger than one page (1,000 keys)', async () => {
    const keys = Array.from({ length: 1005 }, (_, i) => `many/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 100) await Promise.all(keys.slice(i, i + 100).map((k) => env.blobs.put(k, k)));
    const listed: string[] = [];
    for await (const o of env.blobs.list('many/')) listed.push(o.key);
    expect(listed).toEqual(keys);
  });

  it('copies and batch-deletes', async () => {
    await env.blobs.copy('t/a.txt', 'u/copy of a.txt');
    expect(await text(await env.blobs.get('u/copy of a.txt'))).toBe('hello');
    await env.blobs.delete(['t/a.txt', 'u/copy of a.txt', 'never/existed']);
    expect(await env.blobs.head('t/a.txt')).toBeUndefined();
    expect(await env.blobs.head('u/copy of a.txt')).toBeUndefined();
  });
});

describe('KeyValueTable', () => {
  it('batch-writes past 25 items, queries key ranges and the GSI, and deletes', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ PK: 'P#1', SK: `S#${String(i).padStart(2, '0')}`, GSI1PK: `G#${i % 2}`, GSI1SK: `K#${String(i).padStart(2, '0')}`, n: i }));
    await env.table.putMany(items);
    const range: number[] = [];
    for await (const it of env.table.query({ partition: 'P#1', between: ['S#10', 'S#14'] })) range.push(it.n as number);
    expect(range).toEqual([10, 11, 12, 13, 14]);
    const odd: number[] = [];
    for await (const it of env.table.query({ index: 'GSI1', partition: 'G#1', beginsWith: 'K#5' })) odd.push(it.n as number);
    expect(odd).toEqual([51, 53, 55, 57, 59]);
    await env.table.deleteMany(items.slice(0, 59));
    const left: unknown[] = [];
    for await (const it of env.table.query({ partition: 'P#1' })) left.push(it.SK);
    expect(left).toEqual(['S#59']);
    expect(await env.table.get({ PK: 'P#1', SK: 'S#00' })).toBeUndefined();
  });

  it('batch-gets past 100 keys, in the order asked, with gaps for missing items and repeated keys', async () => {
    const items = Array.from({ length: 130 }, (_, i) => ({ PK: 'B#1', SK: `S#${String(i).padStart(3, '0')}`, n: i }));
    await env.table.putMany(items);
    const keys = [...items.map(({ PK, SK }) => ({ PK, SK })).reverse(), { PK: 'B#1', SK: 'missing' }, { PK: 'B#1', SK: 'S#007' }];
    const got = await env.table.getMany(keys);
    expect(got.map((g) => g?.n)).toEqual([...items.map((i) => i.n).reverse(), undefined, 7]);
  });

  it('lets the last write of a key win within one batch (DynamoDB rejects duplicate keys in a batch)', async () => {
    await env.table.putMany([{ PK: 'D', SK: '1', v: 'first' }, { PK: 'D', SK: '1', v: 'second' }]);
    expect((await env.table.get({ PK: 'D', SK: '1' }))?.v).toBe('second');
  });

  it('moves an item in the index when its index keys change, and answers queries in sort-key order', async () => {
    await env.table.putMany([
      { PK: 'M', SK: '1', GSI1PK: 'IDX#a', GSI1SK: '2', v: 1 },
      { PK: 'M', SK: '2', GSI1PK: 'IDX#a', GSI1SK: '1', v: 2 },
      { PK: 'M', SK: 'team:Soporte técnico/Nivel 2 · 日本語のチーム名はとても長いことがあります'.repeat(3), v: 3 },
    ]);
    const order: unknown[] = [];
    for await (const it of env.table.query({ index: 'GSI1', partition: 'IDX#a' })) order.push(it.v);
    expect(order).toEqual([2, 1]);
    await env.table.putMany([{ PK: 'M', SK: '1', GSI1PK: 'IDX#b', GSI1SK: '1', v: 1 }]);
    const left: unknown[] = [];
    for await (const it of env.table.query({ index: 'GSI1', partition: 'IDX#a' })) left.push(it.v);
    expect(left).toEqual([2]);
    const long: unknown[] = [];
    for await (const it of env.table.query({ partition: 'M', beginsWith: 'team:' })) long.push(it.v);
    expect(long).toEqual([3]);
  });
});
});

describe.each([{ emulators: false }, { emulators: true }])('local persistence (emulators: $emulators)', ({ emulators }) => {
  it('keeps objects and items in the data folder between runs, and forgets deleted ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-persist-'));
    try {
      const first = await openLocalEnvironment({ dataDir: dir, emulators });
      await first.blobs.put('conversations/date=2026-11-02/part a.jsonl.gz', 'kept');
      await first.blobs.put('gone.txt', 'temporary');
      await first.blobs.delete(['gone.txt']);
      await first.table.putMany([{ PK: 'STATE', SK: 'LATEST', latestDay: '2026-11-02' }]);
      const key = await first.pseudonymKey();
      await first.close();

      const second = await openLocalEnvironment({ dataDir: dir, emulators });
      expect(await text(await second.blobs.get('conversations/date=2026-11-02/part a.jsonl.gz'))).toBe('kept');
      expect(await second.blobs.head('gone.txt')).toBeUndefined();
      expect((await second.table.get({ PK: 'STATE', SK: 'LATEST' }))?.latestDay).toBe('2026-11-02');
      expect(await second.pseudonymKey()).toBe(key);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('one writer per data folder', () => {
  it('refuses a second writer with a clear message while readers read along, and allows it after close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-lock-'));
    try {
      const writer = await openLocalEnvironment({ dataDir: dir });
      await writer.blobs.put('a.txt', 'by the writer');
      await writer.table.putMany([{ PK: 'STATE', SK: 'LATEST', latestDay: '2026-11-02' }]);
      const other = await openLocalEnvironment({ dataDir: dir });
      // Reading needs no lock: voc themes or voc serve beside a running voc run.
      expect(await text(await other.blobs.get('a.txt'))).toBe('by the writer');
      expect((await other.table.get({ PK: 'STATE', SK: 'LATEST' }))?.latestDay).toBe('2026-11-02');
      await expect(other.blobs.put('b.txt', 'second writer')).rejects.toThrow(/in use by another voc process/);
      await expect(other.table.putMany([{ PK: 'X', SK: 'Y' }])).rejects.toThrow(/in use by another voc process/);
      await writer.close();
      await other.blobs.put('b.txt', 'now it may');
      await other.close();
      // The emulators hold the folder open (LevelDB locks it): one process at a time.
      const emulated = await openLocalEnvironment({ dataDir: dir, emulators: true });
      await expect(openLocalEnvironment({ dataDir: dir, emulators: true })).rejects.toThrow(/in use by another voc process/);
      await emulated.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reopens a data folder holding an object over 11 MiB, with either runtime (the emulated S3 refuses such single bodies)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-big-'));
    try {
      const first = await openLocalEnvironment({ dataDir: dir });
      const line = `${'y'.repeat(1023)}\n`;
      await first.blobs.put('raw/big.jsonl', Readable.from((function* () {
        for (let i = 0; i < 13 * 1024; i++) yield line;
      })()));
      await first.close();
      for (const emulators of [false, true]) {
        const again = await openLocalEnvironment({ dataDir: dir, emulators });
        expect((await again.blobs.head('raw/big.jsonl'))?.size).toBe(13 * 1024 * 1024);
        await again.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a data folder from an earlier voc (table in dynalite under dynamodb/)', () => {
  it('is copied into table/ on first open, without the old per-theme aggregate rows, and only once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-legacy-'));
    try {
      const old = await openLocalEnvironment({ dataDir: dir, emulators: true });
      await old.table.putMany([
        { PK: 'RUN#run-1', SK: 'STATE', GSI1PK: 'RUNS', GSI1SK: '2026-11-01T00:00:00Z#run-1', type: 'run', runId: 'run-1' },
        { PK: 'THEME#t-1', SK: 'META', type: 'theme', label: 'late parcels' },
        { PK: 'THEME#t-1', SK: 'SEG#all#DAY#2026-11-01', GSI1PK: 'SEG#all#MONTH#2026-11', GSI1SK: 'DAY#2026-11-01#THEME#t-1', type: 'theme-day', volume: 3 },
      ]);
      await old.close();
      const opened = await openLocalEnvironment({ dataDir: dir });
      expect((await opened.table.get({ PK: 'THEME#t-1', SK: 'META' }))?.label).toBe('late parcels');
      const runs: unknown[] = [];
      for await (const r of opened.table.query({ index: 'GSI1', partition: 'RUNS' })) runs.push(r.runId);
      expect(runs).toEqual(['run-1']);
      expect(await opened.table.get({ PK: 'THEME#t-1', SK: 'SEG#all#DAY#2026-11-01' })).toBeUndefined();
      await opened.table.putMany([{ PK: 'THEME#t-1', SK: 'META', type: 'theme', label: 'changed since' }]);
      await opened.close();
      const again = await openLocalEnvironment({ dataDir: dir });
      expect((await again.table.get({ PK: 'THEME#t-1', SK: 'META' }))?.label).toBe('changed since');
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('embedded emulators on the network', () => {
  it('listen on 127.0.0.1 only: another host cannot reach the local archive', async () => {
    const net = await import('node:net');
    const env = await openLocalEnvironment({ emulators: true });
    try {
      const external = Object.values(os.networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;
      for (const endpoint of [env.endpoints!.s3, env.endpoints!.dynamodb]) {
        const { hostname, port } = new URL(endpoint);
        expect(hostname, endpoint).toBe('127.0.0.1');
        const reach = (host: string) =>
          new Promise<string>((resolve) => {
            const socket = net.connect({ host, port: Number(port) }, () => (socket.destroy(), resolve('connected')));
            socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
          });
        expect(await reach('127.0.0.1'), endpoint).toBe('connected');
        // Through this machine's own network address, as another host would come: refused.
        if (external) expect(await reach(external), `${endpoint} via ${external}`).toBe('ECONNREFUSED');
      }
    } finally {
      await env.close();
    }
  });
});
