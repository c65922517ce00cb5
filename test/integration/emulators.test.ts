/**
 * The embedded emulators are the default runtime, so their behaviour is tested through the same
 * adapters the pipeline uses: real SDK clients over HTTP, no mocks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';

let env: VocEnvironment;
beforeAll(async () => {
  env = await openLocalEnvironment();
});
afterAll(() => env.close());

const text = async (bytes: Uint8Array | undefined) => Buffer.from(bytes!).toString('utf8');

describe('embedded S3 through the BlobStore adapter', () => {
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
    expect(info?.etag).toMatch(/-3"$/); // multipart ETag: md5-of-parts, part count
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

describe('embedded DynamoDB through the KeyValueTable adapter', () => {
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
});

describe('local persistence', () => {
  it('keeps objects and items in the data folder between runs, and forgets deleted ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-persist-'));
    try {
      const first = await openLocalEnvironment({ dataDir: dir });
      await first.blobs.put('conversations/date=2026-11-02/part a.jsonl.gz', 'kept');
      await first.blobs.put('gone.txt', 'temporary');
      await first.blobs.delete(['gone.txt']);
      await first.table.putMany([{ PK: 'STATE', SK: 'LATEST', latestDay: '2026-11-02' }]);
      const key = await first.pseudonymKey();
      await first.close();

      const second = await openLocalEnvironment({ dataDir: dir });
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

describe('one process per data folder', () => {
  it('refuses a second open of the same folder with a clear message, and allows it after close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-lock-'));
    try {
      const first = await openLocalEnvironment({ dataDir: dir });
      await expect(openLocalEnvironment({ dataDir: dir })).rejects.toThrow(/in use by another voc process/);
      await first.close();
      const again = await openLocalEnvironment({ dataDir: dir });
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
