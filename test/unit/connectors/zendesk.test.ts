import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { connectorRegistry, detectConnector } from '../../../src/core/connectors';
import { zendesk } from '../../../src/core/connectors/zendesk';
import { firstLine, fixture, get, ingest, pseudonymise } from './helpers';

describe('zendesk connector', () => {
  it('maps a tickets page with embedded comments and side-loaded users and groups', async () => {
    const { conversations, errors } = await ingest(zendesk, fixture('zendesk/tickets-page.json'));
    expect(errors).toEqual([]);
    const t = get(conversations, '4101');
    expect(t).toMatchObject({
      id: 'zendesk:4101',
      source: 'zendesk',
      channel: 'email',
      createdAt: '2026-10-05T08:12:00.000Z',
      updatedAt: '2026-10-06T15:40:00.000Z',
      closedAt: '2026-10-06T15:40:00.000Z',
      status: 'solved',
      priority: 'high',
      csat: 5,
      tags: ['billing', 'refund'],
      assignee: '7001',
      team: 'Billing',
      language: 'es',
      customer: { id: pseudonymise('maria.lopez@example.org') },
    });
    expect(t.messages.map((m) => [m.id, m.role, m.public, m.createdAt])).toEqual([
      ['51001', 'customer', true, '2026-10-05T08:12:00.000Z'],
      ['51002', 'agent', false, '2026-10-05T09:30:00.000Z'],
      ['51003', 'agent', true, '2026-10-05T09:35:00.000Z'],
      ['51004', 'customer', true, '2026-10-06T15:40:00.000Z'], // a CC'd end-user (users side-load), not an agent
    ]);
    expect(t.messages[0]!.text).toBe('Hi,\n\nI was charged twice for order 5521. Please refund one of them.\n\nMaria');
    expect(t.messages[2]!.text).toBe('Hello [NAME],\n\nwe have refunded the duplicate charge & it shows in 3–5 days.'); // signature after "-- " gone
    expect(t.messages[3]!.text).toBe('Thanks, I see it now.'); // Gmail quote gone
    expect(t.messages[0]!.authorId).toBe(t.customer.id);
    expect(t.messages[1]!.authorId).toBe('7001');
  });

  it('uses the description when a ticket has no comments; voice → phone, hold → on_hold, bad → 1', async () => {
    const { conversations } = await ingest(zendesk, fixture('zendesk/tickets-page.json'));
    const t = get(conversations, '4102');
    expect(t).toMatchObject({ channel: 'phone', status: 'on_hold', priority: 'normal', csat: 1, team: 'Phone support', customer: { id: pseudonymise('zendesk:9003') } });
    expect(t.closedAt).toBeUndefined();
    expect(t.messages).toEqual([{ id: 'description', role: 'customer', authorId: t.customer.id, createdAt: '2026-10-07T11:00:00.000Z', text: 'Caller cannot log in after the password reset.', public: true }]);
  });

  it('reads an incremental export page (one minified line) with comments from embedded audits', async () => {
    const { conversations, errors } = await ingest(zendesk, fixture('zendesk/incremental-export.json'));
    expect(errors).toEqual([]);
    const t = get(conversations, '5001');
    expect(t).toMatchObject({ channel: 'web', status: 'open', priority: 'urgent', tags: ['crash', 'ios'] });
    expect(t.messages.map((m) => [m.id, m.role, m.text, m.createdAt])).toEqual([
      ['61101', 'customer', 'The app crashes on start since the update.', '2026-11-01T10:00:00.000Z'],
      ['61301', 'agent', 'Which iOS version are you on?', '2026-11-01T12:00:00.000Z'], // the Notification event is not a message
    ]);
    expect(get(conversations, '5002')).toMatchObject({ channel: 'social', status: 'new', messages: [{ role: 'customer', text: '@brand my order never arrived' }] });
  });

  it('reads JSON Lines (gzip too) and quarantines a ticket without created_at by name', async () => {
    const { conversations, errors } = await ingest(zendesk, gzipSync(fixture('zendesk/tickets.jsonl')), 'tickets.jsonl.gz');
    const t = get(conversations, '6001');
    expect(t).toMatchObject({ channel: 'chat', status: 'closed', priority: 'low', createdAt: '2026-11-03T09:00:00.000Z', customer: { id: pseudonymise('li.wei@example.net') } });
    expect(t.messages.map((m) => [m.role, m.text])).toEqual([['customer', 'Where is my parcel?'], ['agent', 'It is out for delivery today.']]);
    expect(errors).toEqual([{ position: 'line 2', sourceId: '6002', error: 'ticket 6002: no created_at' }]);
  });

  it('joins a single ticket with audits side-loaded after it', async () => {
    const { conversations, errors } = await ingest(zendesk, fixture('zendesk/ticket-with-audits.json'));
    expect(errors).toEqual([]);
    const t = get(conversations, '7001');
    expect(t).toMatchObject({ channel: 'api', status: 'pending', assignee: '7002' });
    expect(t.messages.map((m) => [m.role, m.text, m.createdAt])).toEqual([
      ['customer', 'Webhook retries fail with 500.', '2026-11-04T08:00:00.000Z'],
      ['agent', 'Known issue, fix shipping tomorrow.', '2026-11-04T09:00:00.000Z'],
    ]);
  });

  it('understands numeric via ids and marks trigger comments as system', async () => {
    const ticket = { id: 9, via: { channel: 4 }, created_at: '2026-11-06T08:00:00Z', requester_id: 1, comments: [
      { id: 1, author_id: 1, body: 'Hello', created_at: '2026-11-06T08:00:00Z' },
      { id: 2, author_id: 2, body: 'We got your request', via: { channel: 8 }, created_at: '2026-11-06T08:00:01Z' },
    ] };
    const { conversations } = await ingest(zendesk, `${JSON.stringify(ticket)}\n`, 'tickets.jsonl');
    expect(get(conversations, '9')).toMatchObject({ channel: 'email', messages: [{ role: 'customer' }, { role: 'system' }] });
  });

  it('rebuilds tickets from an audits listing alone', async () => {
    const audits = { audits: [
      { id: 1, ticket_id: 88, created_at: '2026-11-05T10:00:00Z', author_id: 5, via: { channel: 'email' }, events: [
        { id: 11, type: 'Comment', author_id: 5, body: 'Order 12 is damaged', public: true },
        { id: 12, type: 'Create', field_name: 'requester_id', value: '5' },
        { id: 13, type: 'Create', field_name: 'status', value: 'new' },
        { id: 14, type: 'Create', field_name: 'tags', value: ['damage'] },
      ] },
      { id: 2, ticket_id: 88, created_at: '2026-11-05T11:00:00Z', author_id: 6, events: [
        { id: 21, type: 'Comment', author_id: 6, body: 'Replacement sent', public: true },
        { id: 22, type: 'Change', field_name: 'status', value: 'solved' },
      ] },
    ] };
    const { conversations } = await ingest(zendesk, JSON.stringify(audits));
    expect(get(conversations, '88')).toMatchObject({ channel: 'email', status: 'solved', tags: ['damage'], createdAt: '2026-11-05T10:00:00.000Z', updatedAt: '2026-11-05T11:00:00.000Z', messages: [{ role: 'customer' }, { role: 'agent', text: 'Replacement sent' }] });
  });

  it('turns a truncated export, a ticket without id and an HTML error page into error records', async () => {
    const page = fixture('zendesk/tickets-page.json').toString();
    const truncated = await ingest(zendesk, page.slice(0, page.indexOf('"id": 4102') + 40));
    expect(truncated.conversations.has('4101')).toBe(true); // what came before the damage is kept
    expect(truncated.errors).toEqual([{ position: expect.stringMatching(/^line \d+$/), error: expect.stringMatching(/^malformed JSON at line \d+ \(byte ~\d+\): .*truncated/) }]);
    const noId = await ingest(zendesk, '{"tickets":[{"created_at":"2026-11-01T00:00:00Z","description":"x"}],"users":[]}');
    expect(noId.errors).toEqual([{ position: 'tickets[0] (line 1)', error: 'ticket without an id' }]);
    const html = await ingest(zendesk, fixture('errors/error-page.json'));
    expect(html.errors).toEqual([{ position: 'line 1', error: expect.stringContaining('HTML page') }]);
  });

  it('is detected from the first line of each fixture (or the file name when pretty-printed)', () => {
    const registry = connectorRegistry();
    expect(detectConnector(registry, 'incremental-export.json', firstLine(fixture('zendesk/incremental-export.json')))?.name).toBe('zendesk');
    expect(detectConnector(registry, 'tickets.jsonl', firstLine(fixture('zendesk/tickets.jsonl')))?.name).toBe('zendesk');
    expect(detectConnector(registry, 'zendesk-tickets-page.json', firstLine(fixture('zendesk/tickets-page.json')))?.name).toBe('zendesk');
    expect(detectConnector(registry, 'ticket.json', '{"ticket":{"id":1}}')?.name).toBe('zendesk');
    expect(detectConnector(registry, 'zendesk.json', firstLine(fixture('errors/error-page.json')))).toBeUndefined();
  });
});
