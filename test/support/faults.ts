/**
 * Seeded faults around the two ports, as S3 and DynamoDB produce them once the SDK has given up retrying:
 * errors before a call (S3 500 InternalError, 503 SlowDown, DynamoDB throttling), timeouts after a write
 * that did land (the response was lost), streams that break half way, and batch writes of which only a
 * prefix landed (UnprocessedItems never drained). Same seed, same faults for the same sequence of calls.
 */
import { Transform, type Readable } from 'node:stream';
import { mulberry32 } from '../../src/core/analysis/kmeans';
import type { BlobInfo, BlobStore, KeyValueTable, Stores, TableItem, TableKey, TableQuery } from '../../src/ports';

export type FaultKind = 'error' | 'throttle' | 'lost-response' | 'broken-stream' | 'partial-batch';

/** The seeded PRNG k-means uses (mulberry32), so a failing seed can be replayed. */
export const seededRandom = mulberry32;

/** An error shaped as the AWS SDK's: a `name` code and the service's HTTP status. */
export class InjectedFault extends Error {
  constructor(
    readonly kind: FaultKind,
    name: string,
    operation: string,
  ) {
    super(`injected ${kind} (${name}) in ${operation}`);
    this.name = name;
  }
}

export class FaultInjector {
  readonly injected: Record<FaultKind, number> = { error: 0, throttle: 0, 'lost-response': 0, 'broken-stream': 0, 'partial-batch': 0 };
  calls = 0;
  private readonly random: () => number;
  /** Off while the test sets up or checks. */
  enabled = true;

  constructor(
    readonly seed: number,
    /** Chance that a call fails. */
    readonly rate: number,
  ) {
    this.random = seededRandom(seed);
  }

  get total(): number {
    return Object.values(this.injected).reduce((a, b) => a + b, 0);
  }

  /** Decides whether this call fails, and how (from the kinds that make sense for it). */
  next(kinds: FaultKind[]): FaultKind | undefined {
    if (!this.enabled) return undefined;
    this.calls++;
    if (this.random() >= this.rate) return undefined;
    const kind = kinds[Math.floor(this.random() * kinds.length)]!;
    this.injected[kind]++;
    return kind;
  }

  fraction(): number {
    return this.random();
  }
}

const S3_CODES: Record<FaultKind, string> = { error: 'InternalError', throttle: 'SlowDown', 'lost-response': 'RequestTimeout', 'broken-stream': 'ECONNRESET', 'partial-batch': 'InternalError' };
const DYNAMO_CODES: Record<FaultKind, string> = {
  error: 'InternalServerError',
  throttle: 'ProvisionedThroughputExceededException',
  'lost-response': 'TimeoutError',
  'broken-stream': 'ECONNRESET',
  'partial-batch': 'ProvisionedThroughputExceededException',
};

class FaultyBlobStore implements BlobStore {
  constructor(
    private readonly inner: BlobStore,
    private readonly faults: FaultInjector,
  ) {}

  private async call<T>(operation: string, kinds: FaultKind[], run: () => Promise<T>): Promise<T> {
    const kind = this.faults.next(kinds);
    if (kind === 'error' || kind === 'throttle') throw new InjectedFault(kind, S3_CODES[kind], operation);
    const result = await run();
    if (kind === 'lost-response') throw new InjectedFault(kind, S3_CODES[kind], operation);
    return result;
  }

  put(key: string, body: string | Uint8Array | Readable, contentType?: string): Promise<void> {
    return this.call(`PutObject ${key}`, ['error', 'throttle', 'lost-response'], () => this.inner.put(key, body, contentType));
  }
  get(key: string): Promise<Uint8Array | undefined> {
    return this.call(`GetObject ${key}`, ['error', 'throttle'], () => this.inner.get(key));
  }
  async stream(key: string): Promise<Readable | undefined> {
    const kind = this.faults.next(['error', 'throttle', 'broken-stream']);
    if (kind === 'error' || kind === 'throttle') throw new InjectedFault(kind, S3_CODES[kind], `GetObject ${key}`);
    const stream = await this.inner.stream(key);
    if (!stream || kind !== 'broken-stream') return stream;
    // The connection drops after some of the bytes: a reader sees an error, never a short file.
    const info = await this.inner.head(key);
    let left = Math.floor((info?.size ?? 0) * this.faults.fraction());
    const breaking = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (chunk.length <= left) {
          left -= chunk.length;
          return done(null, chunk);
        }
        this.push(chunk.subarray(0, left));
        left = 0;
        done(new InjectedFault('broken-stream', S3_CODES['broken-stream'], `GetObject ${key} (stream)`));
      },
    });
    stream.on('error', (e) => breaking.destroy(e));
    breaking.on('close', () => stream.destroy());
    return stream.pipe(breaking);
  }
  head(key: string): Promise<BlobInfo | undefined> {
    return this.call(`HeadObject ${key}`, ['error', 'throttle'], () => this.inner.head(key));
  }
  async *list(prefix: string): AsyncIterable<BlobInfo> {
    const kind = this.faults.next(['error', 'throttle']);
    if (kind) throw new InjectedFault(kind, S3_CODES[kind], `ListObjectsV2 ${prefix}`);
    yield* this.inner.list(prefix);
  }
  delete(keys: string[]): Promise<void> {
    return this.call(`DeleteObjects ${keys[0] ?? ''}…`, ['error', 'throttle', 'lost-response'], () => this.inner.delete(keys));
  }
  copy(fromKey: string, toKey: string): Promise<void> {
    return this.call(`CopyObject ${fromKey}`, ['error', 'throttle', 'lost-response'], () => this.inner.copy(fromKey, toKey));
  }
}

class FaultyTable implements KeyValueTable {
  constructor(
    private readonly inner: KeyValueTable,
    private readonly faults: FaultInjector,
  ) {}

  private before(operation: string, kinds: FaultKind[] = ['error', 'throttle']): FaultKind | undefined {
    const kind = this.faults.next(kinds);
    if (kind === 'error' || kind === 'throttle') throw new InjectedFault(kind, DYNAMO_CODES[kind], operation);
    return kind;
  }

  async get(key: TableKey): Promise<TableItem | undefined> {
    this.before('GetItem');
    return this.inner.get(key);
  }
  async getMany(keys: TableKey[]): Promise<Array<TableItem | undefined>> {
    if (keys.length) this.before('BatchGetItem');
    return this.inner.getMany(keys);
  }
  async putMany(items: TableItem[]): Promise<void> {
    if (!items.length) return this.inner.putMany(items);
    const kind = this.before('BatchWriteItem', ['error', 'throttle', 'lost-response', 'partial-batch']);
    if (kind === 'partial-batch') {
      await this.inner.putMany(items.slice(0, Math.floor(items.length * this.faults.fraction())));
      throw new InjectedFault(kind, DYNAMO_CODES[kind], 'BatchWriteItem (unprocessed items left)');
    }
    await this.inner.putMany(items);
    if (kind === 'lost-response') throw new InjectedFault(kind, DYNAMO_CODES[kind], 'BatchWriteItem');
  }
  async deleteMany(keys: TableKey[]): Promise<void> {
    if (!keys.length) return this.inner.deleteMany(keys);
    const kind = this.before('BatchWriteItem (delete)', ['error', 'throttle', 'partial-batch']);
    if (kind === 'partial-batch') {
      await this.inner.deleteMany(keys.slice(0, Math.floor(keys.length * this.faults.fraction())));
      throw new InjectedFault(kind, DYNAMO_CODES[kind], 'BatchWriteItem delete (unprocessed items left)');
    }
    await this.inner.deleteMany(keys);
  }
  async *query(query: TableQuery): AsyncIterable<TableItem> {
    this.before(`Query ${query.partition}`);
    yield* this.inner.query(query);
  }
}

/** The stores, with seeded faults on every call while `faults.enabled`. */
export function faultyStores(stores: Stores, faults: FaultInjector): Stores {
  return { blobs: new FaultyBlobStore(stores.blobs, faults), table: new FaultyTable(stores.table, faults) };
}
