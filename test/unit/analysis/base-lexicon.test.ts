import { describe, expect, it } from 'vitest';
import { decodeBase, encodeBase, sharePrefixes } from '../../../src/core/analysis/languages/base-lexicon';
import de from '../../../src/core/analysis/languages/de/base';
import en from '../../../src/core/analysis/languages/en/base';

describe('base lexicon encoding', () => {
  it('gives back exactly the pairs it was given, shared prefixes, repeated scores and phrases included', () => {
    const pairs = [
      ['abbrach', '-1.4'], ['abbrachen', '-1.4'], ['abbrechen', '-1.4'], ['abfuhr', '-1.3'], ['ab', '2'],
      ['cool stuff', '3'], ['cool', '1'], ['*aprov*', '2'], ['x'.repeat(60), '2'], ['x'.repeat(61), '-2'], ['ünd', '0.4'], ['🀄', '5'], ['🅰', '1'],
    ] as const;
    expect(decodeBase(encodeBase(pairs))).toEqual(pairs.map(([w, s]) => `${w}\t${s}`));
  });

  it('stores each word once, its score only when it changes', () => {
    const encoded = sharePrefixes([['abfällig', '-1.3'], ['abfällige', '-1.3'], ['abfälligem', '-1.3']]);
    expect(encoded.split('\n')).toEqual(['0abfällig\t-1.3', '8e', '9m']);
  });

  it('decodes the shipped packs to sorted word/score lines', () => {
    for (const encoded of [de, en]) {
      const lines = decodeBase(encoded);
      expect(lines.length).toBeGreaterThan(3000);
      const words = lines.map((l) => l.split('\t')[0]!);
      expect(words.every((w, i) => i === 0 || words[i - 1]! < w)).toBe(true);
      expect(lines.every((l) => Number.isFinite(Number(l.split('\t')[1])) && l.split('\t')[1] !== '')).toBe(true);
    }
  });
});
