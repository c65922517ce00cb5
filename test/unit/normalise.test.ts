import { describe, expect, it } from 'vitest';
import { createNormaliser, createPseudonymiser, toIsoTimestamp } from '../../src/core/connectors/normalize';
import { createRedactor } from '../../src/core/pii/redact';
import { conversationDay } from '../../src/core/schema/conversation';
import { conversation } from '../support/conversations';

const normaliser = createNormaliser({ redactor: createRedactor(), pseudonymise: createPseudonymiser('test-secret') });

describe('normalising a connector record', () => {
  it('redacts message text and pseudonymises the customer, consistently across records', () => {
    const input = conversation({ customerId: 'Jane@Example.com', customer: ['email me at jane@example.com or call +44 20 7946 0958'] });
    const result = normaliser.normalise(input);
    if (!result.ok) throw new Error(result.reason);
    const c = result.conversation;
    expect(c.messages[0]!.text).toBe('email me at [EMAIL] or call [PHONE]');
    expect(c.customer.id).toMatch(/^c_[0-9a-f]{20}$/);
    expect(c.customer.id).not.toContain('jane');
    expect(c.messages[0]!.authorId).toBe(c.customer.id);
    const again = normaliser.normalise(conversation({ customerId: 'jane@example.com ' }));
    expect(again.ok && again.conversation.customer.id).toBe(c.customer.id);
    const otherKey = createNormaliser({ redactor: createRedactor(), pseudonymise: createPseudonymiser('other') }).normalise(input);
    expect(otherKey.ok && otherKey.conversation.customer.id).not.toBe(c.customer.id);
  });

  it('accepts common timestamp spellings and stores ISO-8601 UTC', () => {
    expect(toIsoTimestamp('2026-11-20 09:15:00')).toBe('2026-11-20T09:15:00.000Z');
    expect(toIsoTimestamp('2026-11-20T10:15:00+01:00')).toBe('2026-11-20T09:15:00.000Z');
    expect(toIsoTimestamp(1_763_630_100)).toBe('2025-11-20T09:15:00.000Z');
    expect(toIsoTimestamp('1763630100000')).toBe('2025-11-20T09:15:00.000Z');
    expect(toIsoTimestamp('next tuesday')).toBeUndefined();
    expect(toIsoTimestamp('')).toBeUndefined();
  });

  it('sorts messages by time and fills updatedAt from the last message', () => {
    const input = conversation({ customer: ['first', 'third'], agent: ['second'] });
    input.messages.reverse();
    input.updatedAt = '';
    const result = normaliser.normalise(input);
    if (!result.ok) throw new Error(result.reason);
    expect(result.conversation.messages.map((m) => m.text)).toEqual(['first', 'second', 'third']);
    expect(result.conversation.updatedAt).toBe(result.conversation.messages[2]!.createdAt);
  });

  it('rejects records with a reason naming the field', () => {
    const missingTime = conversation();
    missingTime.messages[0]!.createdAt = '';
    const r1 = normaliser.normalise(missingTime);
    expect(r1).toEqual({ ok: false, reason: expect.stringContaining('messages.0.createdAt: missing timestamp') });

    const badRole = conversation();
    (badRole.messages[0] as { role: string }).role = 'robot';
    const r2 = normaliser.normalise(badRole);
    expect(r2.ok).toBe(false);
    expect(!r2.ok && r2.reason).toMatch(/messages\.0\.role/);

    const noMessages = { ...conversation(), messages: [] };
    expect(normaliser.normalise(noMessages)).toMatchObject({ ok: false });
  });

  it('cuts oversized messages instead of rejecting the conversation', () => {
    const result = normaliser.normalise(conversation({ customer: ['x'.repeat(50_000)] }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.conversation.messages[0]!.text.length).toBeLessThan(20_100);
    expect(result.conversation.messages[0]!.text).toMatch(/\[TRUNCATED\]$/);
  });

  it('puts a conversation in the UTC day it was created', () => {
    expect(conversationDay({ createdAt: '2026-11-20T23:30:00-05:00' })).toBe('2026-11-21');
  });
});
