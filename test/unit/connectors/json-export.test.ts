import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sniffJsonFormat, streamJson, type JsonEvent } from '../../../src/core/connectors/json-export';
import { streamOf } from './helpers';

async function events(input: Readable, collections: string[]): Promise<JsonEvent[]> {
  const out: JsonEvent[] = [];
  for await (const e of streamJson(input, collections)) out.push(e);
  return out;
}

describe('streamJson', () => {
  it('streams collection elements one by one and hands other keys over whole, across chunk boundaries', async () => {
    const doc = JSON.stringify({ tickets: [{ id: 1, t: 'a\u00e9\u4e2d' }, { id: 2, nested: { x: [1, null, true, false, -1.5e3] } }], users: [{ id: 9 }], end_time: 17 }, null, 2);
    const ev = await events(streamOf(doc, 7), ['tickets']);
    expect(ev.map((e) => e.kind)).toEqual(['docStart', 'item', 'item', 'value', 'value', 'docEnd']);
    expect(ev[1]).toMatchObject({ kind: 'item', collection: 'tickets', index: 0, value: { id: 1, t: 'a\u00e9\u4e2d' } });
    expect(ev[2]).toMatchObject({ value: { id: 2, nested: { x: [1, null, true, false, -1500] } } });
    expect(ev[3]).toMatchObject({ kind: 'value', path: 'users', value: [{ id: 9 }] });
    expect(ev[4]).toMatchObject({ kind: 'value', path: 'end_time', value: 17 });
  });

  it('walks into objects on the way to a nested collection and streams a top-level array', async () => {
    const nested = await events(streamOf('{"_embedded":{"conversations":[{"id":1}],"x":2},"page":{"size":1}}'), ['_embedded.conversations']);
    expect(nested.filter((e) => e.kind !== 'docStart' && e.kind !== 'docEnd')).toMatchObject([
      { kind: 'item', collection: '_embedded.conversations', value: { id: 1 } },
      { kind: 'value', path: '_embedded.x', value: 2 },
      { kind: 'value', path: 'page', value: { size: 1 } },
    ]);
    const array = await events(streamOf('[{"id":1},{"id":2}]'), []);
    expect(array.filter((e) => e.kind === 'item').map((e) => (e as { value: unknown }).value)).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('reads JSON Lines and gzip, one document per line with its line number', async () => {
    const ev = await events(Readable.from([gzipSync('{"id":1}\n\n{"id":2}\n')]), []);
    expect(ev.filter((e) => e.kind === 'docStart').map((e) => e.line)).toEqual([1, 3]);
    expect(ev.filter((e) => e.kind === 'value')).toMatchObject([{ path: 'id', value: 1, doc: 1 }, { path: 'id', value: 2, doc: 2 }]);
  });

  it('reports malformed and truncated JSON with its line, after everything readable before it', async () => {
    const bad = await events(streamOf('{"tickets":[{"id":1},\n{"id":2,,}]}'), ['tickets']);
    expect(bad.at(-2)).toMatchObject({ kind: 'item', value: { id: 1 } });
    expect(bad.at(-1)).toMatchObject({ kind: 'error', line: 2, message: expect.stringMatching(/^malformed JSON at line 2 .*expected/) });
    const truncated = await events(streamOf('{"tickets":[{"id":1},{"id":2,"subj'), ['tickets']);
    expect(truncated.filter((e) => e.kind === 'item')).toHaveLength(1);
    expect(truncated.at(-1)).toMatchObject({ kind: 'error', message: expect.stringContaining('malformed JSON') });
    const html = await events(streamOf('\n<!DOCTYPE html><html>'), []);
    expect(html).toEqual([{ kind: 'error', line: 1, byte: 0, message: expect.stringContaining('HTML page') }]);
  });

  it('lets errors of the input itself (I/O, corrupt gzip) propagate instead of calling them bad JSON', async () => {
    const failing = new Readable({ read() { this.destroy(new Error('connection reset')); } });
    await expect(events(failing, [])).rejects.toThrow('connection reset');
    const gz = Buffer.from(gzipSync('{"id":1}'));
    gz.writeUInt32LE((gz.readUInt32LE(gz.length - 8) ^ 0xffffffff) >>> 0, gz.length - 8); // wrong CRC
    await expect(events(Readable.from([gz]), [])).rejects.toThrow(/check/);
  });

  it('yields the first record long before a large export has been read (after the 64 KB its encoding is decided from)', async () => {
    let pulled = 0;
    const chunks = 200;
    const perChunk = 10;
    const body = function* () {
      yield '{"tickets":[';
      for (let c = 0; c < chunks; c++) {
        pulled++;
        yield Array.from({ length: perChunk }, (_, i) => `${c || i ? ',' : ''}{"id":${c * perChunk + i},"description":"${'x'.repeat(200)}"}`).join('');
      }
      yield ']}';
    };
    let pulledAtFirst = -1;
    let items = 0;
    for await (const e of streamJson(Readable.from(body()), ['tickets'])) {
      if (e.kind !== 'item') continue;
      if (items++ === 0) pulledAtFirst = pulled;
    }
    expect(items).toBe(chunks * perChunk);
    expect(pulledAtFirst).toBeLessThan(40); // 64 KB of ~2 KB chunks
  });
});

describe('sniffJsonFormat', () => {
  it('recognises each help desk from a minified first line', () => {
    expect(sniffJsonFormat('export.json', '{"tickets":[{"url":"https://x.zendesk.com/api/v2/tickets/1.json","id":1')).toBe('zendesk');
    expect(sniffJsonFormat('t.jsonl.gz', '{"id":1,"via":{"channel":"email"},"submitter_id":2}')).toBe('zendesk');
    expect(sniffJsonFormat('c.json', '{"type":"conversation.list","conversations":[')).toBe('intercom');
    expect(sniffJsonFormat('t.json', '[{"cc_emails":[],"fr_escalated":false,"requester_id":1}]')).toBe('freshdesk');
    expect(sniffJsonFormat('h.json', '{"_embedded":{"conversations":[{"id":1')).toBe('helpscout');
  });
  it('falls back to the file name for pretty-printed JSON, and reads a longer head when given one', () => {
    expect(sniffJsonFormat('zendesk-tickets.json', '{')).toBe('zendesk');
    expect(sniffJsonFormat('intercom_2026.json.gz', '[')).toBe('intercom');
    expect(sniffJsonFormat('export.json', '{')).toBeUndefined();
    expect(sniffJsonFormat('export.json', '{\n  "type": "conversation",\n  "id": "1"')).toBe('intercom');
  });
  it('rejects non-JSON names and content', () => {
    expect(sniffJsonFormat('zendesk.csv', '{"tickets":[')).toBeUndefined();
    expect(sniffJsonFormat('zendesk.json', '<!DOCTYPE html>')).toBeUndefined();
  });
});
