import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { maybeGunzip } from '../../src/core/jsonl';
import { sniffEncoding } from '../../src/core/text-encoding';

const text = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
};

describe('reading exports in other encodings', () => {
  const sample = 'conversation_id,text\n1,Café crème — très déçu\n';

  it('decodes Windows-1252 (Latin-1) to UTF-8', async () => {
    const latin1 = Buffer.from(sample.replace('—', '-'), 'latin1');
    expect(sniffEncoding(latin1)).toBe('windows-1252');
    expect(await text(await maybeGunzip(Readable.from([latin1])))).toBe(sample.replace('—', '-'));
  });

  it('decodes UTF-16 with a byte-order mark, also inside gzip', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]);
    expect(sniffEncoding(utf16)).toBe('utf-16le');
    expect(await text(await maybeGunzip(Readable.from([gzipSync(utf16)])))).toBe(sample); // the BOM is consumed
  });

  it('passes UTF-8 through untouched, even when a chunk ends inside a character', async () => {
    const bytes = Buffer.from(sample, 'utf8');
    const cut = bytes.indexOf(Buffer.from('é')) + 1; // split "é" across two chunks
    expect(sniffEncoding(bytes.subarray(0, cut))).toBe('utf-8');
    expect(await text(await maybeGunzip(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)])))).toBe(sample);
  });
});

describe('sniffing a chunk that ends inside a character', () => {
  it('still calls UTF-8 what is UTF-8, whatever the byte the chunk was cut at', () => {
    const arabic = Buffer.from('الخدمة ممتازة والتوصيل سريع', 'utf8');
    for (let cut = arabic.length - 6; cut <= arabic.length; cut++) expect(sniffEncoding(arabic.subarray(0, cut))).toBe('utf-8');
    expect(sniffEncoding(Buffer.from('caf\xe9 cr\xe8me and more text', 'latin1'))).toBe('windows-1252');
  });
});
