/**
 * Buffers JSON lines per partition and writes them as gzip parts, so an archive of any size is
 * written in bounded memory: a partition is flushed when it reaches `partBytes`, and when all
 * buffers together reach `totalBytes` the largest are flushed until half of that is left (flushing
 * only the largest would, with many similar partitions, write a tiny part for almost every row). Part keys are deterministic (partition + sequence),
 * so writing the same input again replaces the same objects.
 */
import { gzipSync } from 'node:zlib';
import type { BlobStore } from '../ports';

export class PartitionedWriter {
  private readonly buffers = new Map<string, { lines: string[]; bytes: number; seq: number }>();
  private total = 0;
  readonly written: string[] = [];

  constructor(
    private readonly blobs: BlobStore,
    private readonly keyFor: (partition: string, seq: number) => string,
    private readonly limits = { partBytes: 8 * 1024 * 1024, totalBytes: 48 * 1024 * 1024 },
  ) {}

  async add(partition: string, row: unknown): Promise<void> {
    await this.addLine(partition, JSON.stringify(row));
  }

  /** A row already serialised as JSON (without its newline): callers that needed the JSON anyway save a second stringify. */
  async addLine(partition: string, json: string): Promise<void> {
    const line = `${json}\n`;
    let buffer = this.buffers.get(partition);
    if (!buffer) this.buffers.set(partition, (buffer = { lines: [], bytes: 0, seq: 0 }));
    buffer.lines.push(line);
    buffer.bytes += line.length;
    this.total += line.length;
    if (buffer.bytes >= this.limits.partBytes) await this.flushPartition(partition);
    else if (this.total >= this.limits.totalBytes) {
      const largestFirst = [...this.buffers.entries()].filter(([, b]) => b.bytes > 0).sort((a, b) => b[1].bytes - a[1].bytes);
      for (const [name] of largestFirst) {
        if (this.total <= this.limits.totalBytes / 2) break;
        await this.flushPartition(name);
      }
    }
  }

  async close(): Promise<string[]> {
    for (const partition of [...this.buffers.keys()].sort()) await this.flushPartition(partition);
    return this.written;
  }

  partitions(): string[] {
    return [...this.buffers.keys()];
  }

  private async flushPartition(partition: string): Promise<void> {
    const buffer = this.buffers.get(partition);
    if (!buffer || buffer.lines.length === 0) return;
    const key = this.keyFor(partition, buffer.seq++);
    const body = gzipSync(Buffer.from(buffer.lines.join('')));
    this.total -= buffer.bytes;
    buffer.lines = [];
    buffer.bytes = 0;
    await this.blobs.put(key, body, 'application/gzip');
    this.written.push(key);
  }
}
