/** JSON Lines in and out, gzip-aware, streaming: memory stays bounded by one line. */
import { createGunzip, gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { decodeToUtf8, type DecodeInfo } from './text-encoding';

export interface JsonLine {
  /** 1-based line number in the (decompressed) file. */
  line: number;
  text: string;
  value?: unknown;
  error?: string;
}

/** What opening an export found out: whether it was compressed, its encoding, and whether reading stopped early. */
export interface ExportInfo extends DecodeInfo {
  compressed: boolean;
  /** Bytes after decompression, before decoding (grows while the stream is read). */
  decompressedBytes: number;
  /** Why the rest of the file could not be read (a decompression limit, damaged compressed data); undefined when it was read to its end. */
  stoppedEarly?: string;
}

export interface OpenOptions {
  /** Most bytes a compressed file may expand to; past it reading stops (a compression bomb). Default: no limit. */
  maxDecompressedBytes?: number;
  /**
   * Damaged compressed data: 'throw' (the default, for callers that must not miss a truncation) or 'stop' (end
   * the text there and say so in `info.stoppedEarly`: ingest keeps what came before and quarantines the rest).
   */
  onDamage?: 'throw' | 'stop';
}

/**
 * An export as UTF-8 text: gzip streams are decompressed whatever the file is called (with a byte limit),
 * then the text is decoded from the encoding its first bytes show (src/core/text-encoding.ts). Damaged
 * compressed data and the limit end the stream early instead of failing it: what came before is kept, and
 * `info.stoppedEarly` says why the rest is missing. Errors of the source itself (I/O) still propagate.
 */
export async function openExport(input: Readable, options: OpenOptions = {}): Promise<{ stream: Readable; info: ExportInfo }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await iterator.next();
  const head = first.done ? Buffer.alloc(0) : Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value);
  let rawBytes = 0;
  const raw = Readable.from(
    (async function* () {
      rawBytes += head.length;
      if (head.length) yield head;
      if (first.done) return;
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        rawBytes += r.value.length;
        yield r.value;
      }
    })(),
  );
  input.on('error', (e) => raw.destroy(e));
  const compressed = head[0] === 0x1f && head[1] === 0x8b;
  const state = { compressed, decompressedBytes: 0, stoppedEarly: undefined as string | undefined };
  const limit = options.maxDecompressedBytes ?? Infinity;
  async function* gunzipped(): AsyncGenerator<Buffer> {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    raw.pipe(gunzip);
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        state.decompressedBytes += chunk.length;
        if (state.decompressedBytes > limit) {
          const keep = chunk.length - (state.decompressedBytes - limit);
          state.decompressedBytes = limit;
          if (keep > 0) yield chunk.subarray(0, keep);
          state.stoppedEarly = `it decompresses to more than ${formatBytes(limit)} (after ${formatBytes(rawBytes)} of compressed data): reading stopped there, as for a compression bomb. Split the export, or raise the limit if the file is genuine`;
          return;
        }
        yield chunk;
      }
    } catch (e) {
      if (options.onDamage !== 'stop' || !String((e as { code?: unknown }).code ?? '').startsWith('Z_')) throw e; // I/O is not the file's fault
      state.stoppedEarly = `its compressed data is damaged after ${formatBytes(state.decompressedBytes)} of text (${(e as Error).message}): the rest could not be read`;
    } finally {
      gunzip.destroy();
      raw.destroy();
    }
  }
  async function* plain(): AsyncGenerator<Buffer> {
    for await (const chunk of raw as AsyncIterable<Buffer | string>) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      state.decompressedBytes += buf.length;
      yield buf;
    }
  }
  const bytes = Readable.from(compressed ? gunzipped() : plain(), { objectMode: false });
  const decoded = await decodeToUtf8(bytes);
  const info = decoded.info as ExportInfo;
  Object.defineProperties(info, {
    compressed: { get: () => state.compressed, enumerable: true },
    decompressedBytes: { get: () => state.decompressedBytes, enumerable: true },
    stoppedEarly: { get: () => state.stoppedEarly, enumerable: true },
  });
  decoded.stream.on('close', () => {
    if (!input.destroyed) input.destroy();
  });
  return { stream: decoded.stream, info };
}

export function formatChars(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} M` : n >= 1024 ? `${(n / 1024).toFixed(1)} K` : String(n);
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/**
 * Peeks at the first bytes: gzip streams are decompressed whatever the file is called, and text in
 * UTF-16 or a legacy encoding is decoded to UTF-8 (src/core/text-encoding.ts). A stream that is already
 * UTF-8 text (ingest opens exports itself, with limits) passes through.
 */
export async function maybeGunzip(input: Readable): Promise<Readable> {
  return (await openExport(input)).stream;
}

/** A line of a file, or how long the line was when it was longer than allowed (it is skipped, not held). */
export type BoundedLine = { line: number; text: string; tooLong?: undefined } | { line: number; text?: undefined; tooLong: number };

/**
 * Lines of a UTF-8 stream, each at most `maxChars` characters: a longer line is skipped while it streams (its
 * length is counted, its text never held), so one huge line cannot exhaust memory.
 */
export async function* readLines(input: Readable, maxChars = Infinity): AsyncIterable<BoundedLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipped = 0;
  let line = 0;
  const finish = (rest: string): BoundedLine => {
    line++;
    if (skipped) {
      const tooLong = skipped + rest.length;
      skipped = 0;
      return { line, tooLong };
    }
    let text = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { line, text };
  };
  const hold = (piece: string) => {
    if (skipped || pending.length + piece.length > maxChars) {
      skipped += pending.length + piece.length;
      pending = '';
    } else pending += piece;
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let at = 0;
    for (let nl = text.indexOf('\n', at); nl >= 0; nl = text.indexOf('\n', at)) {
      const piece = text.slice(at, nl);
      if (skipped || pending.length + piece.length > maxChars) {
        hold(piece);
        yield finish('');
      } else {
        const whole = pending + piece;
        pending = '';
        yield finish(whole);
      }
      at = nl + 1;
    }
    if (at < text.length) hold(text.slice(at));
  }
  hold(decoder.end());
  if (pending || skipped) {
    const rest = pending;
    pending = '';
    yield finish(rest);
  }
}

/** Deepest nesting of a JSON text (brackets outside strings), counted without parsing it. */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
      if (max > stopAt) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export interface JsonLinesOptions {
  /** Longest line read, in characters; longer ones come back as an error without being held. Default: no limit. */
  maxLineChars?: number;
  /** Deepest nesting parsed; deeper lines come back as an error. Default: no limit. */
  maxDepth?: number;
}

/** Parses each non-blank line; a line that is not JSON (or too long, or too deep) comes back with `error` instead of throwing. */
export async function* readJsonLines(input: Readable, options: JsonLinesOptions = {}): AsyncIterable<JsonLine> {
  for await (const row of readLines(await maybeGunzip(input), options.maxLineChars)) {
    if (row.tooLong !== undefined) {
      yield { line: row.line, text: '', error: `line is ${formatChars(row.tooLong)} characters, longer than the ${formatChars(options.maxLineChars!)} one record may take` };
      continue;
    }
    const { line, text } = row;
    if (!text.trim()) continue;
    if (options.maxDepth !== undefined && jsonDepth(text, options.maxDepth) > options.maxDepth) {
      yield { line, text, error: `nested deeper than ${options.maxDepth} levels` };
      continue;
    }
    try {
      yield { line, text, value: JSON.parse(text) };
    } catch (e) {
      yield { line, text, error: `not valid JSON (${(e as Error).message})` };
    }
  }
}

export function toJsonLines(rows: Iterable<unknown>): string {
  let out = '';
  for (const row of rows) out += `${JSON.stringify(row)}\n`;
  return out;
}

export function gzipJsonLines(rows: Iterable<unknown>): Buffer {
  return gzipSync(Buffer.from(toJsonLines(rows)));
}
