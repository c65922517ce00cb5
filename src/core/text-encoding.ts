/**
 * Exports are not always UTF-8: Excel writes UTF-16 ("Unicode text"), older tools Windows-1252, Chinese
 * systems GB18030, Arabic ones Windows-1256. The encoding is decided once per file from evidence (a
 * byte-order mark, the pattern of zero bytes, how much of the first 64 KB is valid UTF-8, how plausible the
 * text is in each legacy encoding), said out loud (`evidence`), and never changed silently half-way: a UTF-8
 * file with a few invalid bytes stays UTF-8, the bytes become U+FFFD and are counted, so ingest can
 * quarantine the records that hold them.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';

export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'gb18030' | 'windows-1256';

export interface EncodingDecision {
  encoding: SourceEncoding;
  /** Why, in words: what was seen in the sample. */
  evidence: string;
}

/** Live counters of a decoding in progress (read them after the stream ends, or while it runs). */
export interface DecodeInfo extends EncodingDecision {
  /** Byte sequences that were not valid in the chosen encoding, each replaced by U+FFFD. */
  invalidSequences: number;
}

/** How much of a file's start the encoding is decided from. */
export const SAMPLE_BYTES = 64 * 1024;

/** Valid multi-byte UTF-8 sequences and bytes that are no part of any, in a sample (a sequence cut by the sample's end counts as neither). */
export function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number; highBytes: number } {
  let valid = 0;
  let invalid = 0;
  let highBytes = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    highBytes++;
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (!length) {
      invalid++;
      i++;
      continue;
    }
    if (i + length > bytes.length) break; // cut by the sample's end
    let ok = true;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok && length === 3 && ((b === 0xe0 && bytes[i + 1]! < 0xa0) || (b === 0xed && bytes[i + 1]! > 0x9f))) ok = false;
    if (ok && length === 4 && ((b === 0xf0 && bytes[i + 1]! < 0x90) || (b === 0xf4 && bytes[i + 1]! > 0x8f))) ok = false;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid, highBytes };
}

/** How plausible a decoded sample is as text of its script: letters of one script next to each other, few replacement characters. */
function plausibility(text: string, encoding: SourceEncoding): number {
  let good = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd) bad += 2;
    else if (encoding === 'gb18030' && ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef))) good++;
    else if (encoding === 'windows-1256' && c >= 0x0600 && c <= 0x06ff) good++;
    else if (encoding === 'windows-1252' && c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) {
      // An accented letter inside a word ("café", "Müller") is Latin text; runs of symbols are mojibake.
      const near = (k: number) => /[A-Za-z\u00c0-\u00ff]/.test(text[k] ?? '');
      if (near(i - 1) || near(i + 1)) good++;
      else bad++;
    } else bad++;
  }
  return good - bad;
}

/** The encoding of a file from its first bytes, with the evidence for it. */
export function detectEncoding(sample: Uint8Array): EncodingDecision {
  const kb = `${Math.max(1, Math.round(sample.length / 1024))} KB`;
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', evidence: 'UTF-16LE byte-order mark' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', evidence: 'UTF-16BE byte-order mark' };
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', evidence: 'UTF-8 byte-order mark' };
  // UTF-16 without a mark: text in Latin script has a zero byte in every other position.
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? zeroOdd++ : zeroEven++);
  const half = sample.length / 2;
  if (half >= 8 && zeroOdd > half * 0.3 && zeroEven < half * 0.05) return { encoding: 'utf-16le', evidence: `no byte-order mark, but ${zeroOdd} zero bytes at odd positions in the first ${kb}` };
  if (half >= 8 && zeroEven > half * 0.3 && zeroOdd < half * 0.05) return { encoding: 'utf-16be', evidence: `no byte-order mark, but ${zeroEven} zero bytes at even positions in the first ${kb}` };
  const { valid, invalid, highBytes } = utf8Evidence(sample);
  if (!highBytes) return { encoding: 'utf-8', evidence: `ASCII only in the first ${kb}` };
  if (!invalid) return { encoding: 'utf-8', evidence: `${valid} valid UTF-8 multi-byte sequences and no invalid byte in the first ${kb}` };
  if (valid >= invalid) {
    return { encoding: 'utf-8', evidence: `${valid} valid UTF-8 multi-byte sequences against ${invalid} invalid byte(s) in the first ${kb}: UTF-8 with damage (records holding invalid bytes are quarantined)` };
  }
  const candidates: SourceEncoding[] = ['windows-1252', 'gb18030', 'windows-1256'];
  const scored = candidates.map((encoding) => ({ encoding, score: plausibility(new TextDecoder(encoding).decode(sample), encoding) })).sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  return {
    encoding: best.encoding,
    evidence: `not UTF-8 (${invalid} invalid against ${valid} valid multi-byte sequences in the first ${kb}); ${best.encoding} reads it most plausibly (${scored.map((s) => `${s.encoding} ${s.score}`).join(', ')})`,
  };
}

/** The old one-word answer, for callers that only need the name. */
export function sniffEncoding(head: Uint8Array): SourceEncoding {
  return detectEncoding(head).encoding;
}

/** Bytes at the end of a chunk that may start a character the next chunk completes. */
function incompleteTail(buf: Buffer): number {
  for (let k = 1; k <= Math.min(3, buf.length); k++) {
    const b = buf[buf.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

const LITERAL_REPLACEMENT = Buffer.from('\ufffd', 'utf8');
function countLiteralReplacement(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(LITERAL_REPLACEMENT); i >= 0; i = buf.indexOf(LITERAL_REPLACEMENT, i + 1)) n++;
  return n;
}

/**
 * The stream as UTF-8 bytes, decoded with the encoding its first SAMPLE_BYTES show. Valid UTF-8 passes through
 * untouched (checked natively chunk by chunk); invalid sequences become U+FFFD and are counted in `info`.
 */
export async function decodeToUtf8(input: Readable): Promise<{ stream: Readable; info: DecodeInfo }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SAMPLE_BYTES) {
    const r = await iterator.next();
    if (r.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    head.push(chunk);
    headBytes += chunk.length;
  }
  const first = Buffer.concat(head);
  const info: DecodeInfo = { ...detectEncoding(first.subarray(0, SAMPLE_BYTES)), invalidSequences: 0 };
  async function* chunks(): AsyncGenerator<Buffer> {
    if (first.length) yield first;
    if (ended) return;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
  }
  async function* utf8(): AsyncGenerator<Buffer> {
    const decoder = new TextDecoder('utf-8');
    let carry: Buffer = Buffer.alloc(0);
    for await (const chunk of chunks()) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = buf.length - incompleteTail(buf);
      const whole = buf.subarray(0, cut);
      carry = Buffer.from(buf.subarray(cut));
      if (isUtf8(whole)) {
        if (whole.length) yield whole;
        continue;
      }
      const text = decoder.decode(whole);
      info.invalidSequences += Math.max(0, countReplacement(text) - countLiteralReplacement(whole));
      yield Buffer.from(text, 'utf8');
    }
    if (carry.length) {
      const text = decoder.decode(carry);
      info.invalidSequences += Math.max(0, countReplacement(text) - countLiteralReplacement(carry));
      yield Buffer.from(text, 'utf8');
    }
  }
  async function* transcode(): AsyncGenerator<Buffer> {
    const decoder = new TextDecoder(info.encoding);
    for await (const chunk of chunks()) {
      const text = decoder.decode(chunk, { stream: true });
      info.invalidSequences += countReplacement(text);
      if (text) yield Buffer.from(text, 'utf8');
    }
    const rest = decoder.decode();
    info.invalidSequences += countReplacement(rest);
    if (rest) yield Buffer.from(rest, 'utf8');
  }
  const stream = Readable.from(info.encoding === 'utf-8' ? utf8() : transcode(), { objectMode: false });
  // Destroying the decoded stream releases the source too (a reader that stops early).
  stream.on('close', () => {
    if (!input.destroyed) input.destroy();
  });
  return { stream, info };
}

/** The stream as UTF-8 bytes (UTF-8 input passes through untouched). */
export async function toUtf8(input: Readable): Promise<{ stream: Readable; encoding: SourceEncoding }> {
  const { stream, info } = await decodeToUtf8(input);
  return { stream, encoding: info.encoding };
}
