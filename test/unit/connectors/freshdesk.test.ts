import { describe, expect, it } from 'vitest';
import { connectorRegistry, detectConnector } from '../../../src/core/connectors';
import { freshdesk } from '../../../src/core/connectors/freshdesk';
import { firstLine, fixture, get, ingest, pseudonymise } from './helpers';

describe('freshdesk connector', () => {
  it('maps an array of tickets with embedded conversations: incoming/private, numeric source/status/priority', async () => {
    const { conversations, errors } = await ingest(freshdesk, fixture('freshdesk/tickets-with-conversations.json'));
    const t = get(conversations, '201');
    expect(t).toMatchObject({
      id: 'freshdesk:201',
      channel: 'chat', // source 7
      status: 'solved', // status 4 (Resolved)
      priority: 'high', // priority 3
      tags: ['users', 'permissions'],
      assignee: '41001',
      team: '51001',
      createdAt: '2026-09-14T10:00:00.000Z',
      closedAt: '2026-09-14T12:00:00.000Z',
      customer: { id: pseudonymise('jo.bloggs@example.co.uk') },
    });
    expect(t.messages.map((m) => [m.id, m.role, m.public, m.createdAt, m.text])).toEqual([
      ['description', 'customer', true, '2026-09-14T10:00:00.000Z', 'Hi, when I add a second user I get error 403.'],
      ['301', 'agent', true, '2026-09-14T10:20:00.000Z', 'Your plan allows one user; upgrading fixes it.'],
      ['302', 'agent', false, '2026-09-14T10:21:00.000Z', 'Customer is on Basic plan, offered upgrade.'],
      ['303', 'customer', true, '2026-09-14T11:45:00.000Z', 'OK, upgraded. Works!'], // freshdesk_quote cut
    ]);
    expect(get(conversations, '202')).toMatchObject({ channel: 'phone', status: 'open', priority: 'low', customer: { id: pseudonymise('freshdesk:31002') } });
    expect(errors).toEqual([{ position: '[2] (line 102)', sourceId: '203', error: 'ticket 203: no created_at' }]);
  });

  it('reads the python-freshdesk API samples: a single v2 ticket and a v1-style array', async () => {
    const one = await ingest(freshdesk, fixture('freshdesk/ticket_1.json'));
    const t = get(one.conversations, '1');
    expect(t).toMatchObject({ channel: 'web', status: 'open', priority: 'low', tags: ['foo', 'bar'], assignee: '6010396333', createdAt: '2016-05-18T04:36:04.000Z', customer: { id: pseudonymise('dummyname@example.com') } });
    expect(t.closedAt).toBeUndefined(); // open, although stats carry a resolved_at
    expect(t.messages).toMatchObject([{ role: 'customer', text: 'This is a sample ticket, feel free to delete it.' }]);
    const all = await ingest(freshdesk, fixture('freshdesk/all_tickets.json'));
    expect(get(all.conversations, '1')).toMatchObject({ createdAt: '2014-12-31T02:27:09.000Z', tags: ['mytag'], customer: { id: pseudonymise('freshdesk:5004272351') } });
  });

  it('joins the sample ticket with the sample conversations when embedded', async () => {
    const ticket = JSON.parse(fixture('freshdesk/ticket_1.json').toString()) as Record<string, unknown>;
    ticket.conversations = JSON.parse(fixture('freshdesk/conversations.json').toString());
    const { conversations } = await ingest(freshdesk, JSON.stringify([ticket]));
    expect(get(conversations, '1').messages.map((m) => [m.role, m.public, m.text])).toEqual([
      ['customer', true, 'This is a sample ticket, feel free to delete it.'],
      ['agent', false, 'This is a private note'],
      ['agent', true, 'This is a reply'],
    ]);
  });

  it('starts an outbound e-mail ticket (source 10) with the agent\'s message', async () => {
    const outbound = [{ id: 9, source: 10, status: 3, priority: 2, requester_id: 5, responder_id: 77, email: 'lee@example.org', created_at: '2026-09-20T10:00:00Z', updated_at: '2026-09-20T11:00:00Z', description: '<p>Your renewal is due.</p>', description_text: 'Your renewal is due.', conversations: [{ id: 1, incoming: true, private: false, user_id: 5, body_text: 'Thanks, renewing today.', created_at: '2026-09-20T11:00:00Z' }] }];
    const { conversations } = await ingest(freshdesk, JSON.stringify(outbound));
    expect(get(conversations, '9')).toMatchObject({ channel: 'email', status: 'pending', priority: 'normal', customer: { id: pseudonymise('lee@example.org') }, messages: [{ role: 'agent', authorId: '77', text: 'Your renewal is due.' }, { role: 'customer', text: 'Thanks, renewing today.' }] });
  });

  it('reports truncated JSON and an HTML page', async () => {
    const text = fixture('freshdesk/tickets-with-conversations.json').toString();
    const cut = await ingest(freshdesk, text.slice(0, text.indexOf('"id": 202')));
    expect([...cut.conversations.keys()]).toEqual(['201']);
    expect(cut.errors).toHaveLength(1);
    expect(cut.errors[0]!.error).toMatch(/^malformed JSON at line \d+/);
    expect((await ingest(freshdesk, fixture('errors/error-page.json'))).errors[0]!.error).toContain('HTML page');
  });

  it('is detected from Freshdesk-only fields or the file name', () => {
    const registry = connectorRegistry();
    expect(detectConnector(registry, 'tickets.json', '[{"cc_emails":[],"fr_escalated":false,"id":1}]')?.name).toBe('freshdesk');
    expect(detectConnector(registry, 'freshdesk-ticket_1.json', firstLine(fixture('freshdesk/ticket_1.json')))?.name).toBe('freshdesk');
  });
});
