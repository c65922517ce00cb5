/** JSON Lines in and out, gzip-aware, streaming: memory stays bounded by one line. */
import { createGunzip, gzipSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { toUtf8 } from './text-encoding';

export interface JsonLine {
  /** 1-based line number in the (decompressed) file. */
  line: number;
  text: string;
  value?: unknown;
  error?: string;
}

/**
 * Peeks at the first bytes: gzip streams are decompressed whatever the file is called, and text in
 * UTF-16 or Windows-1252 is decoded to UTF-8 (src/core/text-encoding.ts).
 */
export async function maybeGunzip(input: Readable): Promise<Readable> {
  return (await toUtf8(await gunzipIfCompressed(input))).stream;
}

async function gunzipIfCompressed(input: Readable): Promise<Readable> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return Readable.from([]);
  const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value as string);
  const rest = async function* () {
    yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value as Buffer;
  };
  const source = Readable.from(rest());
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    source.on('error', (e) => gunzip.destroy(e));
    return source.pipe(gunzip);
  }
  return source;
}

export async function* readLines(input: Readable): AsyncIterable<{ line: number; text: string }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
  }
}

/** Parses each non-blank line; a line that is not JSON comes back with `error` instead of throwing. */
export async function* readJsonLines(input: Readable): AsyncIterable<JsonLine> {
  for await (const { line, text } of readLines(await maybeGunzip(input))) {
    if (!text.trim()) continue;
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
