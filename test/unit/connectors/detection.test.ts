import { describe, expect, it } from 'vitest';
import { connectorRegistry, detectConnector, describeFormats } from '../../../src/core/connectors';
import { firstLine, fixture } from './helpers';

/** Every fixture under the name a user might give it, and what must read it. */
const CASES: [file: string, name: string, expected: string][] = [
  ['zendesk/tickets-page.json', 'zendesk_tickets.json', 'zendesk'],
  ['zendesk/incremental-export.json', 'export-2026-11-01.json', 'zendesk'],
  ['zendesk/tickets.jsonl', 'tickets.jsonl', 'zendesk'],
  ['zendesk/ticket-with-audits.json', 'zendesk-ticket-7001.json', 'zendesk'],
  ['intercom/conversations-v2.json', 'intercom.json', 'intercom'],
  ['intercom/conversation-v1.json', 'intercom-147.json', 'intercom'],
  ['freshdesk/tickets-with-conversations.json', 'freshdesk-tickets.json', 'freshdesk'],
  ['freshdesk/all_tickets.json', 'Freshdesk_all.json', 'freshdesk'],
  ['helpscout/conversations-page.json', 'helpscout.json', 'helpscout'],
  ['helpscout/conversation.json', 'help-scout-81003.json.gz', 'helpscout'],
  ['twitter/twcs-sample.csv', 'twcs.csv', 'twitter'],
];

describe('format detection across the registry', () => {
  const registry = connectorRegistry();
  it.each(CASES)('%s as %s → %s', (file, name, expected) => {
    expect(detectConnector(registry, name, firstLine(fixture(file)))?.name).toBe(expected);
  });

  it('exactly one connector claims each fixture', () => {
    for (const [file, name] of CASES) {
      expect(registry.filter((c) => c.detect(name, firstLine(fixture(file)))).map((c) => c.name)).toHaveLength(1);
    }
  });

  it('reads satisfaction-rating exports as ratings, whatever help desk and file name (ingest sniffs the first 4 KB)', () => {
    for (const [file, name] of [
      ['freshdesk/satisfaction-ratings.json', 'freshdesk-satisfaction_ratings.json'],
      ['helpscout/ratings.json', 'helpscout-ratings.json'],
      ['zendesk/satisfaction-ratings.json', 'zendesk.json'],
    ] as const) {
      expect(detectConnector(registry, name, fixture(file).toString('utf8').slice(0, 4096))?.name, file).toBe('ratings');
    }
    // Tickets that carry their own rating stay with their help desk's reader.
    for (const [file, expected] of [['zendesk/tickets-page.json', 'zendesk'], ['helpscout/conversations-page.json', 'helpscout'], ['freshdesk/tickets-with-conversations.json', 'freshdesk']] as const) {
      expect(detectConnector(registry, 'export.json', fixture(file).toString('utf8').slice(0, 4096))?.name, file).toBe(expected);
    }
  });

  it('keeps canonical JSON Lines and generic CSV working', () => {
    const canonical = JSON.stringify({ schemaVersion: 1, id: 'x:1', source: 'x', sourceId: '1', messages: [] });
    expect(detectConnector(registry, 'export.jsonl', canonical)?.name).toBe('jsonl');
    expect(detectConnector(registry, 'zendesk.jsonl', canonical)?.name).toBe('jsonl');
    expect(detectConnector(registry, 'tickets.csv', 'ticket_id,created_at,body')?.name).toBe('csv');
  });

  it('claims no garbage', () => {
    for (const [name, line] of [
      ['export.json', firstLine(fixture('errors/error-page.json'))],
      ['zendesk.json', '<html><body>Login</body></html>'],
      ['data.json', '{"foo":1}'],
      ['data.json', '{'],
      ['notes.txt', '{"tickets":[]}'],
      ['random.csv', 'a,b,c'],
      ['image.png', '\u0089PNG'],
    ] as const) {
      expect(detectConnector(registry, name, line), `${name}: ${line}`).toBeUndefined();
    }
  });

  it('describes every format', () => {
    expect(describeFormats(registry).split('\n').map((l) => l.trim().split(/\s+/)[0])).toEqual(['jsonl', 'ratings', 'zendesk', 'intercom', 'freshdesk', 'helpscout', 'twitter', 'csv']);
  });
});
