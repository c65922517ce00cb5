import { describe, expect, it } from 'vitest';
import { createRedactor, ibanValid, luhnValid, parseCustomRules } from '../../src/core/pii/redact';

const redact = createRedactor().redact;

describe('PII redaction', () => {
  it('replaces e-mail addresses with a typed placeholder', () => {
    expect(redact('write to jane.doe+billing@example.co.uk please')).toBe('write to [EMAIL] please');
  });

  it('redacts Luhn-valid card numbers and leaves other long numbers alone', () => {
    expect(luhnValid('4111 1111 1111 1111')).toBe(true);
    expect(luhnValid('4111 1111 1111 1112')).toBe(false);
    expect(redact('card 4111 1111 1111 1111 was charged')).toBe('card [CARD] was charged');
    expect(redact('order 4111111111111112 is late')).not.toContain('[CARD]');
  });

  it('redacts IBANs that pass the mod-97 check', () => {
    expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanValid('DE00 3704 0044 0532 0130 00')).toBe(false);
    expect(redact('refund to DE89 3704 0044 0532 0130 00 thanks')).toBe('refund to [IBAN] thanks');
  });

  it('redacts phone numbers and IP addresses but not dates, prices or short numbers', () => {
    expect(redact('call me on +1 415 555 0134 tonight')).toBe('call me on [PHONE] tonight');
    expect(redact('my number is 0612345678')).toBe('my number is [PHONE]');
    expect(redact('login from 192.168.10.24 failed')).toBe('login from [IP] failed');
    const untouched = 'ordered on 2026-11-20, paid 49.99 for 3 items, order 12345';
    expect(redact(untouched)).toBe(untouched);
  });

  it('applies configured extra patterns', () => {
    const custom = createRedactor(parseCustomRules(['ORDER=\\bORD-\\d{6}\\b']));
    expect(custom.redact('where is ORD-123456?')).toBe('where is [ORDER]?');
    expect(() => parseCustomRules(['nonsense'])).toThrow(/KIND=regex/);
  });
});
