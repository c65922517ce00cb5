import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { connectorRegistry, detectConnector, type ConnectorRecord } from '../../src/core/connectors';
import { canonicalJsonl } from '../../src/core/connectors/canonical-jsonl';
import { createGenericCsv } from '../../src/core/connectors/generic-csv';
import { conversation, jsonl } from '../support/conversations';

async function collect(records: AsyncIterable<ConnectorRecord>): Promise<ConnectorRecord[]> {
  const out: ConnectorRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}

const CSV = `conversation_id,created_at,role,text,channel,customer_id
T-1,2026-11-02 09:00:00,customer,"My parcel is late, where is it?",email,cust-9
T-1,2026-11-02 09:30:00,agent,It ships tomorrow.,email,
T-2,2026-11-03 10:00:00,user,Great service thanks,chat,cust-3
T-1,2026-11-04 10:00:00,customer,Back again,email,cust-9
`;

describe('format detection', () => {
  const registry = connectorRegistry();
  it('picks the canonical JSONL reader for .jsonl files whose first line is a conversation', () => {
    expect(detectConnector(registry, 'export.jsonl.gz', JSON.stringify(conversation()))?.name).toBe('jsonl');
    expect(detectConnector(registry, 'export.jsonl', '{"id":1,"text":"hi"}')).toBeUndefined();
  });
  it('picks the CSV reader when the header names a conversation id and a text column', () => {
    expect(detectConnector(registry, 'tickets.csv', 'Ticket_ID,Date,Body')?.name).toBe('csv');
    expect(detectConnector(registry, 'tickets.csv', 'a,b,c')).toBeUndefined();
    expect(detectConnector(registry, 'page.html', '<!doctype html>')).toBeUndefined();
  });
});

describe('canonical JSON Lines', () => {
  it('reads conversations and reports bad lines by number with the reason', async () => {
    const text = jsonl([conversation({ id: 'a' })]) + '{oops\n' + '[1,2]\n' + JSON.stringify({ ...conversation({ id: 'b' }), schemaVersion: 9 }) + '\n';
    const records = await collect(canonicalJsonl.read(Readable.from([gzipSync(text)]), 'x.jsonl.gz'));
    expect(records).toHaveLength(4);
    expect(records[0]!.conversation?.sourceId).toBe('a');
    expect(records[1]).toMatchObject({ position: 'line 2', error: expect.stringContaining('not valid JSON') });
    expect(records[2]).toMatchObject({ position: 'line 3', error: expect.stringContaining('JSON object') });
    expect(records[3]).toMatchObject({ position: 'line 4', sourceId: 'b', error: expect.stringContaining('schemaVersion 9') });
  });
});

describe('generic CSV', () => {
  it('groups contiguous rows into conversations with roles, channel and customer', async () => {
    const records = await collect(createGenericCsv().read(Readable.from([CSV]), 't.csv'));
    const t1 = records[0]!.conversation!;
    expect(t1.id).toBe('csv:T-1');
    expect(t1.channel).toBe('email');
    expect(t1.customer.id).toBe('cust-9');
    expect(t1.messages.map((m) => [m.role, m.text])).toEqual([
      ['customer', 'My parcel is late, where is it?'],
      ['agent', 'It ships tomorrow.'],
    ]);
    expect(records[1]!.conversation!.messages[0]!.role).toBe('customer'); // "user" is a customer
  });

  it('quarantines rows of a conversation that reappears after others (not contiguous)', async () => {
    const records = await collect(createGenericCsv().read(Readable.from([CSV]), 't.csv'));
    expect(records).toHaveLength(3);
    expect(records[2]).toMatchObject({ position: 'line 5', sourceId: 'T-1', error: expect.stringContaining('not contiguous') });
  });

  it('uses an explicit column mapping and reports a header without the needed columns', async () => {
    const mapped = createGenericCsv({ conversation_id: 'Case', text: 'Said', created_at: 'When', role: 'Who' });
    const ok = await collect(mapped.read(Readable.from(['Case,When,Who,Said\n9,2026-11-01T08:00:00Z,agent,Hello\n']), 'm.csv'));
    expect(ok[0]!.conversation!.messages[0]).toMatchObject({ role: 'agent', text: 'Hello' });
    const bad = await collect(createGenericCsv().read(Readable.from(['foo,bar\n1,2\n']), 'b.csv'));
    expect(bad).toEqual([{ position: 'header', error: expect.stringContaining('lacks column(s) conversation_id, created_at, text') }]);
  });
});
