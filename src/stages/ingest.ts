/**
 * INGEST: one export file in the archive bucket → canonical, redacted conversations partitioned by
 * day, a quarantine of what could not be normalised (with reasons), and a manifest that makes the
 * file's ingest idempotent. The manifest is written last: it is the commit marker.
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { maybeGunzip } from '../core/jsonl';
import { detectConnector, describeFormats, type Connector } from '../core/connectors';
import type { Normaliser } from '../core/connectors/normalize';
import { FingerprintSet } from '../core/fingerprint-set';
import { conversationDay, type Conversation } from '../core/schema/conversation';
import { layout, PREFIX, today } from '../core/storage-layout';
import type { BlobStore, Stores } from '../ports';
import { PartitionedWriter } from './partitioned-writer';

export interface IngestContext {
  runId: string;
  connectors: Connector[];
  normaliser: Normaliser;
  /** Re-ingest even when this exact file was ingested before. */
  force?: boolean;
  now?: () => Date;
  onProgress?: (p: { key: string; bytes: number; records: number }) => void;
}

export interface IngestCounts {
  read: number;
  normalised: number;
  /** Satisfaction ratings exported apart from their conversations (joined at analysis). */
  ratings: number;
  quarantined: number;
  duplicates: number;
}

export interface IngestManifest extends IngestCounts {
  fileId: string;
  fileName: string;
  sourceKey: string;
  rawKey: string;
  etag?: string;
  size: number;
  format: string;
  runId: string;
  ingestedAt: string;
  parts: string[];
  /** ratings/ parts (a ratings export writes these instead of conversation parts). */
  ratingParts: string[];
  quarantineParts: string[];
  days: string[];
  /** Newest updatedAt seen per source: the next incremental export can start after it. */
  watermarks: Record<string, string>;
}

export interface IngestFileResult extends IngestCounts {
  key: string;
  fileId: string;
  format: string;
  skipped: boolean;
  days: string[];
  manifestKey: string;
}

/** Input that cannot be read at all (unknown format, broken gzip): the only reason ingest fails. */
export class UnreadableInputError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
    this.name = 'UnreadableInputError';
  }
}

/** The export's own name; for a file already moved to raw/, without the "<fileId>-" prefix added there. */
export function fileNameOf(key: string): string {
  const base = key.slice(key.lastIndexOf('/') + 1);
  return key.startsWith(PREFIX.raw) ? base.replace(/^[0-9a-f]{16}-/, '') : base;
}

/** Same bytes under the same name → same id → same output keys, however often it is ingested. */
export function fileIdOf(fileName: string, etag: string | undefined, size: number): string {
  return createHash('sha256').update(`${fileName}\u0000${etag ?? ''}\u0000${size}`).digest('hex').slice(0, 16);
}

/** Bytes of a file's (decompressed) start that format detection sees. */
export const HEAD_BYTES = 4096;

async function headOf(blobs: BlobStore, key: string): Promise<string> {
  const stream = await blobs.stream(key);
  if (!stream) throw new UnreadableInputError(key, 'object not found');
  // We stop reading early on purpose: the resulting "premature close" is not an error.
  stream.on('error', () => undefined);
  let head = '';
  try {
    const decompressed = await maybeGunzip(stream);
    decompressed.on('error', () => undefined);
    for await (const chunk of decompressed) {
      head += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
      if (head.length >= HEAD_BYTES) break;
    }
    return head.slice(0, HEAD_BYTES);
  } catch (e) {
    // A damaged file (truncated gzip…) is still detected from what could be read; the full read
    // then says how many records came out before the damage.
    if (head.trim()) return head.slice(0, HEAD_BYTES);
    throw new UnreadableInputError(key, `cannot read the file (${(e as Error).message})`);
  } finally {
    stream.destroy();
  }
}

function countingStream(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

async function readManifest(blobs: BlobStore, fileId: string): Promise<IngestManifest | undefined> {
  const bytes = await blobs.get(layout.ingestManifest(fileId));
  return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as IngestManifest) : undefined;
}

/** A watermark only moves forward: the newest timestamp seen for its stream. */
function raiseWatermark(watermarks: Record<string, string>, stream: string, at: string): void {
  if (!watermarks[stream] || watermarks[stream]! < at) watermarks[stream] = at;
}

/** Moves an inbox upload to raw/ (copy, then delete): safe to repeat, nothing is lost in between. */
async function archiveRaw(blobs: BlobStore, key: string, rawKey: string): Promise<void> {
  if (!key.startsWith(PREFIX.inbox) || key === rawKey) return;
  if (!(await blobs.head(rawKey))) await blobs.copy(key, rawKey);
  await blobs.delete([key]);
}

export async function ingestObject(stores: Stores, ctx: IngestContext, key: string): Promise<IngestFileResult> {
  const { blobs } = stores;
  const now = ctx.now?.() ?? new Date();
  const info = await blobs.head(key);
  if (!info) throw new UnreadableInputError(key, 'object not found');
  const fileName = fileNameOf(key);
  const fileId = fileIdOf(fileName, info.etag, info.size);
  const manifestKey = layout.ingestManifest(fileId);

  const previous = await readManifest(blobs, fileId);
  if (previous && !ctx.force) {
    await archiveRaw(blobs, key, previous.rawKey);
    return { key, fileId, format: previous.format, skipped: true, days: previous.days, manifestKey, read: previous.read, normalised: previous.normalised, ratings: previous.ratings ?? 0, quarantined: previous.quarantined, duplicates: previous.duplicates };
  }

  const head = await headOf(blobs, key);
  if (info.size === 0 || !head.trim()) throw new UnreadableInputError(key, 'the file is empty');
  const connector = detectConnector(ctx.connectors, fileName, head);
  if (!connector) {
    const looksLikeHtml = /^\s*<(!doctype|html)/i.test(head.replace(/^\uFEFF/, ''));
    throw new UnreadableInputError(
      key,
      `${looksLikeHtml ? 'this is an HTML page, not an export' : 'unrecognised export format'}. Formats read (by file name and first line):\n${describeFormats(ctx.connectors)}`,
    );
  }

  const conversations = new PartitionedWriter(blobs, (day, seq) => layout.conversationPart(day, fileId, seq));
  const ratings = new PartitionedWriter(blobs, (day, seq) => layout.ratingPart(day, fileId, seq));
  const quarantine = new PartitionedWriter(blobs, (_p, seq) => layout.quarantinePart(fileId, seq));
  const counts: IngestCounts = { read: 0, normalised: 0, ratings: 0, quarantined: 0, duplicates: 0 };
  const seen = new FingerprintSet(); // (id, updatedAt) of every conversation in this file
  const watermarks: Record<string, string> = {};
  let bytes = 0;

  const stream = (await blobs.stream(key)) as Readable;
  const counted = stream.pipe(countingStream((n) => (bytes += n)));
  stream.on('error', (e) => counted.destroy(e));
  const quarantineRecord = (position: string, reason: string, sourceId?: string, raw?: string) =>
    quarantine.add('q', { file: key, fileName, format: connector.name, position, sourceId, reason, raw, runId: ctx.runId, quarantinedAt: now.toISOString() });

  try {
    for await (const record of connector.read(counted, fileName)) {
      counts.read++;
      if (counts.read % 500 === 0) ctx.onProgress?.({ key, bytes, records: counts.read });
      if (record.error !== undefined) {
        counts.quarantined++;
        await quarantineRecord(record.position, record.error, record.sourceId, record.raw);
        continue;
      }
      if (record.rating) {
        const rated = ctx.normaliser.normaliseRating(record.rating);
        if (!rated.ok) {
          counts.quarantined++;
          await quarantineRecord(record.position, rated.reason, record.sourceId, JSON.stringify(record.rating).slice(0, 2000));
        } else if (!seen.add(`rating\u0000${rated.rating.source}:${rated.rating.sourceId}\u0000${rated.rating.ratedAt}`)) counts.duplicates++;
        else {
          counts.ratings++;
          // Ratings are exported on their own schedule: their own watermark says where the next export starts.
          raiseWatermark(watermarks, `${rated.rating.source}:ratings`, rated.rating.ratedAt);
          await ratings.add(rated.rating.ratedAt.slice(0, 10), rated.rating);
        }
        continue;
      }
      const result = ctx.normaliser.normalise(record.conversation);
      if (!result.ok) {
        counts.quarantined++;
        await quarantineRecord(record.position, result.reason, record.sourceId, JSON.stringify(record.conversation).slice(0, 2000));
        continue;
      }
      const c: Conversation = result.conversation;
      // The same version twice in one export is skipped; different versions are both kept and the
      // newest wins when the day is read, so a file never needs to fit in memory to be deduplicated.
      if (!seen.add(`${c.id}\u0000${c.updatedAt}`)) {
        counts.duplicates++;
        continue;
      }
      counts.normalised++;
      raiseWatermark(watermarks, c.source, c.updatedAt);
      await conversations.add(conversationDay(c), c);
    }
  } catch (e) {
    throw new UnreadableInputError(key, `reading stopped after ${counts.read} record(s): ${(e as Error).message}`);
  }
  ctx.onProgress?.({ key, bytes, records: counts.read });

  const days = conversations.partitions().sort();
  const parts = await conversations.close();
  const ratingParts = await ratings.close();
  const quarantineParts = await quarantine.close();
  if (previous) {
    // A forced re-ingest may write fewer parts than last time: remove the ones it no longer wrote.
    const keep = new Set([...parts, ...ratingParts, ...quarantineParts]);
    const stale = [...previous.parts, ...(previous.ratingParts ?? []), ...previous.quarantineParts].filter((k) => !keep.has(k));
    if (stale.length) await blobs.delete(stale);
  }
  const rawKey = key.startsWith(PREFIX.inbox) ? layout.rawKey(today(now), fileId, fileName) : (previous?.rawKey ?? key);
  const manifest: IngestManifest = {
    fileId, fileName, sourceKey: key, rawKey, etag: info.etag, size: info.size, format: connector.name, runId: ctx.runId,
    ingestedAt: now.toISOString(), ...counts, parts, ratingParts, quarantineParts, days, watermarks,
  };
  await blobs.put(manifestKey, JSON.stringify(manifest, null, 2), 'application/json');
  await archiveRaw(blobs, key, rawKey);
  return { key, fileId, format: connector.name, skipped: false, days, manifestKey, ...counts };
}

/** Every upload waiting in inbox/, oldest key first. */
export async function listInbox(blobs: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of blobs.list(PREFIX.inbox)) if (!o.key.endsWith('/')) keys.push(o.key);
  return keys;
}
