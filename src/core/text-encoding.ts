/**
 * Exports are not always UTF-8: Excel writes UTF-16 ("Unicode text") and older tools Windows-1252.
 * Read the first bytes, then decode the whole stream to UTF-8, so every connector sees proper text
 * instead of U+FFFD where "é" was.
 */
import { Readable, Transform } from 'node:stream';

export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** From a file's first bytes: a BOM decides; otherwise UTF-8 if those bytes are valid UTF-8. */
export function sniffEncoding(head: Uint8Array): SourceEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // A chunk may end inside a multi-byte character: streaming mode holds an incomplete tail back
  // instead of calling it invalid (trimming a fixed number of bytes can cut a character in two).
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The stream as UTF-8 bytes (UTF-8 input passes through untouched). */
export async function toUtf8(input: Readable): Promise<{ stream: Readable; encoding: SourceEncoding }> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return { stream: Readable.from([]), encoding: 'utf-8' };
  const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value as string);
  const encoding = sniffEncoding(head);
  const source = Readable.from(
    (async function* () {
      yield head;
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value as Buffer;
    })(),
  );
  if (encoding === 'utf-8') return { stream: source, encoding };
  const decoder = new TextDecoder(encoding);
  const transcode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
  source.on('error', (e) => transcode.destroy(e));
  return { stream: source.pipe(transcode), encoding };
}
