import { describe, expect, it } from 'vitest';
import { connectorRegistry, detectConnector } from '../../../src/core/connectors';
import { intercom } from '../../../src/core/connectors/intercom';
import { firstLine, fixture, get, ingest, pseudonymise } from './helpers';

describe('intercom connector', () => {
  it('maps an API 2.x conversation.list page: source first, parts in order, notes internal, empty parts skipped', async () => {
    const { conversations, errors } = await ingest(intercom, fixture('intercom/conversations-v2.json'));
    const c = get(conversations, '9000001');
    expect(c).toMatchObject({
      id: 'intercom:9000001',
      channel: 'chat',
      createdAt: '2026-11-03T10:00:00.000Z', // Unix seconds → ISO
      updatedAt: '2026-11-03T12:00:00.000Z',
      closedAt: '2026-11-03T12:00:00.000Z',
      status: 'closed',
      priority: 'high',
      csat: 4,
      tags: ['export', 'bug'],
      assignee: '5001',
      team: '6001',
      customer: { id: pseudonymise('priya@example.com') },
    });
    expect(c.messages.map((m) => [m.id, m.role, m.public, m.text])).toEqual([
      ['40001', 'customer', true, 'Hi, my export to CSV is empty since yesterday.\n\nCan you check?'],
      ['p1', 'bot', true, 'Thanks for reaching out! A teammate will be with you shortly.'],
      ['p3', 'agent', false, 'Known regression in 4.2, see JIRA-123'],
      ['p4', 'agent', true, 'We found the problem — a fix is live now. Could you try again?'],
      ['p5', 'customer', true, 'Works now, thank you!'], // quoted reply cut
    ]); // p2 (assignment, no body) and p6 (close, empty body) skipped
    expect(c.messages[1]!.createdAt).toBe('2026-11-03T10:00:30.000Z');

    const lead = get(conversations, '9000002');
    expect(lead).toMatchObject({ channel: 'email', status: 'on_hold', priority: 'normal', customer: { id: pseudonymise('ops@acme.example') }, messages: [{ role: 'customer', text: 'Please change the address on invoice 2026-118.' }] });
    expect(lead.csat).toBeUndefined();
    expect(errors).toEqual([{ position: 'conversations[2] (line 249)', sourceId: '9000003', error: 'conversation 9000003: no created_at' }]);
  });

  it('reads the API 1.x shape (conversation_message) of the intercom-go fixtures, single and list', async () => {
    const single = await ingest(intercom, fixture('intercom/conversation-v1.json'));
    const c = get(single.conversations, '147');
    expect(c).toMatchObject({ channel: 'chat', createdAt: '2014-05-23T13:16:13.000Z', tags: ['Some tag'], assignee: '25', customer: { id: pseudonymise('intercom:536e564f316c83104c000020') } });
    expect(c.messages.map((m) => [m.role, m.authorId === c.customer.id ? 'customer-pseudonym' : m.authorId, m.text])).toEqual([
      ['agent', '25', 'Hi [NAME],\n\nWe noticed you using our Product, do you have any questions?\n\n- [NAME]'],
      ['customer', 'customer-pseudonym', "Hi [NAME], it's all great thanks!"],
    ]);
    const list = await ingest(intercom, fixture('intercom/conversations-v1.json'));
    expect([...list.conversations.keys()]).toEqual(['147']);
    expect(list.errors).toEqual([]);
  });

  it('reports a truncated page and a non-conversation document', async () => {
    const text = fixture('intercom/conversations-v2.json').toString();
    const cut = await ingest(intercom, text.slice(0, text.indexOf('"9000002"')));
    expect(cut.conversations.has('9000001')).toBe(true);
    expect(cut.errors).toEqual([{ position: expect.stringMatching(/^line \d+$/), error: expect.stringContaining('truncated export') }]);
    const other = await ingest(intercom, '{"type":"admin.list","admins":[]}');
    expect(other.errors).toEqual([{ position: 'line 1', error: 'no conversations found (top-level keys: type, admins)' }]);
  });

  it('is detected from a minified first line, or the file name for pretty-printed files', () => {
    const registry = connectorRegistry();
    expect(detectConnector(registry, 'conversations.json', '{"type":"conversation.list","conversations":[{"type":"conversation"')?.name).toBe('intercom');
    expect(detectConnector(registry, 'intercom-conversations.json', firstLine(fixture('intercom/conversations-v2.json')))?.name).toBe('intercom');
    expect(detectConnector(registry, 'conversations.json', firstLine(fixture('intercom/conversations-v2.json')))).toBeUndefined();
  });
});
