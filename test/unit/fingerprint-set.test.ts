import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../../src/core/fingerprint-set';

describe('FingerprintSet', () => {
  it('remembers what it has seen, through many resizes, with no false duplicates in 200,000 ids', () => {
    const set = new FingerprintSet(4);
    let duplicates = 0;
    for (let i = 0; i < 200_000; i++) if (!set.add(`zendesk:${i}\u00002026-11-0${i % 9}T00:00:00Z`)) duplicates++;
    expect(duplicates).toBe(0);
    expect(set.size).toBe(200_000);
    expect(set.add('zendesk:42\u00002026-11-06T00:00:00Z')).toBe(false);
    expect(set.has('zendesk:42\u00002026-11-06T00:00:00Z')).toBe(true);
    expect(set.has('zendesk:42\u00002026-11-07T00:00:00Z')).toBe(false);
  });

  it('treats the empty string as an ordinary value', () => {
    const set = new FingerprintSet();
    expect(set.add('')).toBe(true);
    expect(set.add('')).toBe(false);
  });
});
