import { describe, expect, it } from 'vitest';
import { connectorRegistry, detectConnector } from '../../../src/core/connectors';
import { helpscout } from '../../../src/core/connectors/helpscout';
import { firstLine, fixture, get, ingest, pseudonymise } from './helpers';

describe('helpscout connector', () => {
  it('maps a Mailbox API 2.0 page with embedded threads: time order, notes internal, line items and drafts skipped', async () => {
    const { conversations, errors } = await ingest(helpscout, fixture('helpscout/conversations-page.json'));
    expect(errors).toEqual([]);
    const c = get(conversations, '81001');
    expect(c).toMatchObject({
      id: 'helpscout:81001',
      channel: 'email',
      status: 'closed',
      createdAt: '2026-08-20T07:00:00.000Z',
      updatedAt: '2026-08-20T09:30:00.000Z',
      closedAt: '2026-08-20T09:30:00.000Z',
      tags: ['password', 'account'],
      assignee: '11',
      team: 'mailbox:13',
      customer: { id: pseudonymise('alex@example.com') },
    });
    expect(c.messages.map((m) => [m.id, m.role, m.public, m.createdAt, m.text])).toEqual([
      ['5000', 'customer', true, '2026-08-20T07:00:00.000Z', 'I can\'t reset my password, the link says "expired".'],
      ['5002', 'agent', false, '2026-08-20T07:45:00.000Z', 'Reset token expired, sent a new one.'],
      ['5001', 'agent', true, '2026-08-20T08:00:00.000Z', 'Hi [NAME],\n\nUse the link below to reset your password.\n\nBest,\n[NAME]'],
      ['5003', 'customer', true, '2026-08-20T09:00:00.000Z', 'Thanks, that worked!'],
    ]);
    expect(get(conversations, '81002')).toMatchObject({ channel: 'chat', status: 'open', customer: { id: pseudonymise('sam@example.net') }, messages: [{ role: 'customer', text: 'Do you ship to Norway?' }] });
  });

  it('reads a single conversation (beacon → web, pending)', async () => {
    const { conversations } = await ingest(helpscout, fixture('helpscout/conversation.json'));
    expect(get(conversations, '81003')).toMatchObject({ channel: 'web', status: 'pending', team: 'mailbox:14' });
  });

  it('says why a conversation exported without threads cannot be ingested, and reports broken JSON', async () => {
    const noThreads = await ingest(helpscout, '{"_embedded":{"conversations":[{"id":5,"createdAt":"2026-01-01T00:00:00Z","status":"active"}]},"page":{"size":50}}');
    expect(noThreads.errors).toEqual([{ position: '_embedded.conversations[0] (line 1)', sourceId: '5', error: 'conversation 5: no threads with a body (export conversations with embed=threads)' }]);
    const empty = await ingest(helpscout, '{"_embedded":{"conversations":[]},"page":{"size":50,"totalElements":0}}');
    expect(empty.records).toEqual([]);
    const broken = await ingest(helpscout, '{"_embedded":{"conversations":[{"id":5,}]}}');
    expect(broken.errors).toEqual([{ position: 'line 1', error: expect.stringMatching(/^malformed JSON at line 1/) }]);
  });

  it('is detected from _embedded / Help Scout fields or the file name', () => {
    const registry = connectorRegistry();
    expect(detectConnector(registry, 'page.json', '{"_embedded":{"conversations":[{"id":1,"mailboxId":2}]}}')?.name).toBe('helpscout');
    expect(detectConnector(registry, 'helpscout-export.json', firstLine(fixture('helpscout/conversations-page.json')))?.name).toBe('helpscout');
  });
});
