/**
 * INGEST: one export file in the archive bucket → canonical, redacted conversations partitioned by
 * day, a quarantine of what could not be normalised (with reasons), and a manifest that makes the
 * file's ingest idempotent. The manifest is written last: it is the commit marker.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import { openExport, type ExportInfo } from '../core/jsonl';
import { detectConnector, describeFormats, type Connector } from '../core/connectors';
import { jsonSkeleton } from '../core/connectors/json-export';
import { EARLIEST_TIMESTAMP, timestampOutOfRange, type Normaliser } from '../core/connectors/normalize';
import { FingerprintSet } from '../core/fingerprint-set';
import type { Redactor } from '../core/pii/redact';
import { conversationDay, type Conversation } from '../core/schema/conversation';
import { addDays, layout, PREFIX, today } from '../core/storage-layout';
import type { BlobStore, Stores } from '../ports';
import { UnreadableInput } from '../core/errors';
import { PartitionedWriter } from './partitioned-writer';
import { quarantineEntry } from './ingest-quarantine';

/** What one file may cost: bounds that make a hostile or broken export cost only itself. */
export interface IngestLimits {
  /** Most bytes a compressed export may expand to. Default: 100 × its compressed size, at least 256 MB. */
  maxDecompressedBytes?: number;
  /** Timestamps later than the end of the ingest day plus this many days are quarantined (a clock or export error). Default 1. */
  futureMarginDays?: number;
}

export const DECOMPRESSION_RATIO = 100;
export const MIN_DECOMPRESSED_LIMIT = 256 * 1024 * 1024;

export interface IngestContext {
  runId: string;
  connectors: Connector[];
  normaliser: Normaliser;
  /** Redacts what quarantine keeps (reasons, excerpts, ids): the same redactor the normaliser uses. */
  redactor: Redactor;
  limits?: IngestLimits;
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
  /** Of the quarantined: records with the id and updatedAt of an earlier one in the file but other content (the first is kept). */
  conflicts: number;
}

/** How the file was read: its encoding and why, bytes that could not be decoded, and why reading stopped early, if it did. */
export interface IngestReading {
  compressed: boolean;
  encoding: string;
  encodingEvidence: string;
  invalidSequences: number;
  decompressedBytes: number;
  stoppedEarly?: string;
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
  reading: IngestReading;
  /** Why the file could not be read at all (it was set aside to rawKey: ingestUpload); absent for files that were read. */
  unreadable?: string;
}

export interface IngestFileResult extends IngestCounts {
  key: string;
  fileId: string;
  format: string;
  skipped: boolean;
  days: string[];
  manifestKey: string;
  /** Absent for a skipped file ingested before this field existed. */
  reading?: IngestReading;
  /** The file could not be read at all: why. It was set aside (moved to raw/, a quarantine entry names it), and nothing else came of it. */
  unreadable?: string;
}

/**
 * Input that cannot be read at all (unknown format, broken gzip): the only reason ingest refuses a file. An upload
 * in inbox/ is then set aside (ingestUpload) instead of failing every later night. Errors of the storage itself
 * (S3 or DynamoDB faults, throttling, timeouts) are never this: they propagate as they are, so the file is retried.
 */
export class UnreadableInputError extends UnreadableInput {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${key}: ${reason}`);
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

/** Characters of a file's (decompressed, decoded) start that format detection reads: enough for a long first record. */
export const HEAD_CHARS = 1024 * 1024;

/**
 * The start of a file as format detection sees it: decompressed and decoded like the full read, up to
 * HEAD_CHARS, and for JSON with long strings shortened (jsonSkeleton), so keys after a long first value
 * still show.
 */
async function headOf(blobs: BlobStore, key: string): Promise<string> {
  const stream = await blobs.stream(key);
  if (!stream) throw new UnreadableInputError(key, 'object not found');
  // We stop reading early on purpose: the resulting "premature close" is not an error. A failure of the store is.
  let sourceError: unknown;
  let stopped = false;
  stream.on('error', (e) => {
    if (!stopped) sourceError ??= e;
  });
  let head = '';
  try {
    const opened = await openExport(stream, { onDamage: 'stop' });
    opened.stream.on('error', () => undefined);
    for await (const chunk of opened.stream) {
      head += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
      if (head.length >= HEAD_CHARS) break;
    }
    stopped = true;
    opened.stream.destroy();
  } catch (e) {
    if (sourceError !== undefined) throw sourceError;
    // A damaged file is still detected from what could be read; the full read says how much came out.
    if (!head.trim()) throw new UnreadableInputError(key, `cannot read the file (${(e as Error).message})`);
  } finally {
    stopped = true;
    stream.destroy();
  }
  if (sourceError !== undefined) throw sourceError;
  head = head.slice(0, HEAD_CHARS).replace(/^\uFEFF/, '');
  return /^\s*[[{]/.test(head) ? jsonSkeleton(head) : head.slice(0, 64 * 1024);
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

const EARLIEST = EARLIEST_TIMESTAMP;

function readingOf(info: ExportInfo): IngestReading {
  return {
    compressed: info.compressed, encoding: info.encoding, encodingEvidence: info.evidence, invalidSequences: info.invalidSequences,
    decompressedBytes: info.decompressedBytes, ...(info.stoppedEarly ? { stoppedEarly: info.stoppedEarly } : {}),
  };
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
    return {
      ...(previous.unreadable ? { unreadable: previous.unreadable } : {}),
      key, fileId, format: previous.format, skipped: true, days: previous.days, manifestKey, read: previous.read, normalised: previous.normalised,
      ratings: previous.ratings ?? 0, quarantined: previous.quarantined, duplicates: previous.duplicates, conflicts: previous.conflicts ?? 0, reading: previous.reading,
    };
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
  const counts: IngestCounts = { read: 0, normalised: 0, ratings: 0, quarantined: 0, duplicates: 0, conflicts: 0 };
  const seen = new FingerprintSet(); // (id, updatedAt) of every record in this file
  const seenContent = new FingerprintSet(); // (id, updatedAt, content): tells a plain duplicate from a conflicting one
  const watermarks: Record<string, string> = {};
  const rawKey = key.startsWith(PREFIX.inbox) ? layout.rawKey(today(now), fileId, fileName) : (previous?.rawKey ?? key);
  const latest = `${addDays(today(now), 1 + (ctx.limits?.futureMarginDays ?? 1))}T00:00:00.000Z`;
  let bytes = 0;

  const stream = await blobs.stream(key);
  if (!stream) throw new Error(`${key} disappeared while it was being ingested: it will be ingested when it is back`);
  // Whose fault a failure is decides what happens to the file: the store's (retried, the file stays) or the content's (set aside).
  let storageError: unknown;
  const counted = stream.pipe(countingStream((n) => (bytes += n)));
  stream.on('error', (e) => {
    storageError ??= e;
    counted.destroy(e);
  });
  const stored = async (write: Promise<void>) => {
    try {
      await write;
    } catch (e) {
      storageError ??= e;
      throw e;
    }
  };
  const maxDecompressedBytes = ctx.limits?.maxDecompressedBytes ?? Math.max(MIN_DECOMPRESSED_LIMIT, DECOMPRESSION_RATIO * info.size);
  const opened = await openExport(counted, { maxDecompressedBytes, onDamage: 'stop' });
  const reading = (): IngestReading => readingOf(opened.info);
  const quarantineRecord = async (position: string, reason: string, sourceId?: string, record?: unknown) => {
    counts.quarantined++;
    await stored(quarantine.add('q', quarantineEntry(ctx.redactor, { file: key, fileName, format: connector.name, rawKey, position, sourceId, reason, record, runId: ctx.runId, quarantinedAt: now.toISOString() })));
  };
  /** Bytes that were not valid in the file's encoding became U+FFFD: a record holding one is quarantined, not stored garbled. */
  const undecodable = (value: unknown): boolean => opened.info.invalidSequences > 0 && JSON.stringify(value).includes('\ufffd');
  const undecodableReason = () => `holds bytes that are not valid ${opened.info.encoding} (the file was read as ${opened.info.encoding}: ${opened.info.evidence})`;

  try {
    for await (const record of connector.read(opened.stream, fileName)) {
      counts.read++;
      if (counts.read % 500 === 0) ctx.onProgress?.({ key, bytes, records: counts.read });
      if (record.error !== undefined) {
        await quarantineRecord(record.position, record.error, record.sourceId, record.raw);
        continue;
      }
      if (record.rating) {
        let rated: ReturnType<Normaliser['normaliseRating']>;
        try {
          rated = ctx.normaliser.normaliseRating(record.rating);
        } catch (e) {
          rated = { ok: false, reason: `could not be normalised (${(e as Error).message})` };
        }
        if (!rated.ok) await quarantineRecord(record.position, rated.reason, record.sourceId, record.rating);
        else if (undecodable(rated.rating)) await quarantineRecord(record.position, undecodableReason(), record.sourceId, rated.rating);
        else if (rated.rating.ratedAt > latest || rated.rating.ratedAt < EARLIEST) await quarantineRecord(record.position, `ratedAt ${rated.rating.ratedAt} is outside ${EARLIEST} … ${latest} (the ingest day plus the margin): a clock or export error`, record.sourceId, rated.rating);
        else {
          const identity = `rating\u0000${rated.rating.source}:${rated.rating.sourceId}\u0000${rated.rating.ratedAt}`;
          const line = JSON.stringify(rated.rating);
          const fresh = seen.add(identity);
          const sameContent = !seenContent.add(`${identity}\u0000${line}`);
          if (!fresh && sameContent) counts.duplicates++;
          else if (!fresh) {
            counts.conflicts++;
            await quarantineRecord(record.position, `conflict: an earlier rating in this file has the same id and ratedAt but other content; the earlier one is kept`, record.sourceId, rated.rating);
          } else {
            counts.ratings++;
            // Ratings are exported on their own schedule: their own watermark says where the next export starts.
            raiseWatermark(watermarks, `${rated.rating.source}:ratings`, rated.rating.ratedAt);
            await stored(ratings.addLine(rated.rating.ratedAt.slice(0, 10), line));
          }
        }
        continue;
      }
      let result: ReturnType<Normaliser['normalise']>;
      try {
        result = ctx.normaliser.normalise(record.conversation);
      } catch (e) {
        // A value no check foresaw costs only its record.
        result = { ok: false, reason: `could not be normalised (${(e as Error).message})` };
      }
      if (!result.ok) {
        await quarantineRecord(record.position, result.reason, record.sourceId, record.conversation);
        continue;
      }
      const c: Conversation = result.conversation;
      if (undecodable(c)) {
        await quarantineRecord(record.position, undecodableReason(), record.sourceId, c);
        continue;
      }
      const outOfRange = timestampOutOfRange(c, latest);
      if (outOfRange) {
        // Never stored, so it never moves a watermark.
        await quarantineRecord(record.position, `${outOfRange} (the ingest day plus the margin, or the earliest date a help desk record can have): a clock or export error`, record.sourceId, c);
        continue;
      }
      // The same version twice in one export is skipped; different versions are both kept and the
      // newest wins when the day is read, so a file never needs to fit in memory to be deduplicated.
      // The same version with other content is a conflict: quarantined so it is seen, the first one kept.
      const identity = `${c.id}\u0000${c.updatedAt}`;
      const line = JSON.stringify(c);
      const fresh = seen.add(identity);
      const sameContent = !seenContent.add(`${identity}\u0000${line}`);
      if (!fresh && sameContent) {
        counts.duplicates++;
        continue;
      }
      if (!fresh) {
        counts.conflicts++;
        await quarantineRecord(record.position, `conflict: an earlier record in this file has the same id and updatedAt (${c.updatedAt}) but other content; the earlier one is kept`, record.sourceId, c);
        continue;
      }
      counts.normalised++;
      raiseWatermark(watermarks, c.source, c.updatedAt);
      await stored(conversations.addLine(conversationDay(c), line));
    }
  } catch (e) {
    if (storageError !== undefined) throw storageError;
    throw new UnreadableInputError(key, `reading stopped after ${counts.read} record(s): ${ctx.redactor.redact((e as Error).message)}`);
  }
  if (opened.info.stoppedEarly) {
    // The unread rest of the file is one more record: quarantined with the reason, so the reconciliation shows it.
    counts.read++;
    await quarantineRecord(`after ${opened.info.decompressedBytes} bytes of text`, `the rest of the file was not read: ${opened.info.stoppedEarly}`);
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
  const manifest: IngestManifest = {
    fileId, fileName, sourceKey: key, rawKey, etag: info.etag, size: info.size, format: connector.name, runId: ctx.runId,
    ingestedAt: now.toISOString(), ...counts, parts, ratingParts, quarantineParts, days, watermarks, reading: reading(),
  };
  await blobs.put(manifestKey, JSON.stringify(manifest, null, 2), 'application/json');
  await archiveRaw(blobs, key, rawKey);
  return { key, fileId, format: connector.name, skipped: false, days, manifestKey, ...counts, reading: reading() };
}

/**
 * Ingests one upload as the nightly run and the ingest Lambda do: a file that cannot be read at all is set aside
 * instead of failing the night: moved to raw/ (where exports as received live, and expire), with a quarantine entry
 * saying why and a manifest that makes the same file's next upload a no-op. The result carries `unreadable`.
 * Storage faults still throw: the file stays in inbox/ and is tried again.
 */
export async function ingestUpload(stores: Stores, ctx: IngestContext, key: string): Promise<IngestFileResult> {
  try {
    return await ingestObject(stores, ctx, key);
  } catch (error) {
    if (!(error instanceof UnreadableInputError) || !key.startsWith(PREFIX.inbox)) throw error;
    return setAside(stores, ctx, key, error.reason);
  }
}

async function setAside(stores: Stores, ctx: IngestContext, key: string, reason: string): Promise<IngestFileResult> {
  const { blobs } = stores;
  const now = ctx.now?.() ?? new Date();
  const info = await blobs.head(key);
  const fileName = fileNameOf(key);
  const fileId = fileIdOf(fileName, info?.etag, info?.size ?? 0);
  const manifestKey = layout.ingestManifest(fileId);
  const previous = await readManifest(blobs, fileId);
  const rawKey = previous?.rawKey ?? layout.rawKey(today(now), fileId, fileName);
  if (!info) {
    // Already moved by an earlier attempt that stopped before its manifest: what is in raw/ is the file.
    if (!(await blobs.head(rawKey))) throw new UnreadableInputError(key, reason);
  }
  const quarantineKey = layout.quarantinePart(fileId, 0);
  const entry = quarantineEntry(ctx.redactor, { file: key, fileName, format: 'unreadable', rawKey, position: 'the whole file', reason: `set aside: ${reason}`, runId: ctx.runId, quarantinedAt: now.toISOString() });
  await blobs.put(quarantineKey, gzipSync(`${JSON.stringify(entry)}\n`), 'application/gzip');
  const counts: IngestCounts = { read: 0, normalised: 0, ratings: 0, quarantined: 0, duplicates: 0, conflicts: 0 };
  const reading: IngestReading = { compressed: false, encoding: 'unknown', encodingEvidence: 'not read', invalidSequences: 0, decompressedBytes: 0, stoppedEarly: reason };
  const manifest: IngestManifest = {
    fileId, fileName, sourceKey: key, rawKey, etag: info?.etag, size: info?.size ?? 0, format: 'unreadable', runId: ctx.runId, ingestedAt: now.toISOString(),
    ...counts, parts: [], ratingParts: [], quarantineParts: [quarantineKey], days: [], watermarks: {}, reading, unreadable: reason,
  };
  // The manifest before the move: a stop in between leaves the upload in inbox/, and the next run moves it (skip path).
  await blobs.put(manifestKey, JSON.stringify(manifest, null, 2), 'application/json');
  if (info) await archiveRaw(blobs, key, rawKey);
  return { key, fileId, format: 'unreadable', skipped: false, days: [], manifestKey, ...counts, reading, unreadable: reason };
}

/** Every upload waiting in inbox/, oldest key first. */
export async function listInbox(blobs: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of blobs.list(PREFIX.inbox)) if (!o.key.endsWith('/')) keys.push(o.key);
  return keys;
}
