import { describe, expect, it } from 'vitest';
import { packFor } from '../../../src/core/analysis/languages';
import { writingOf } from '../../../src/core/analysis/languages/writing';
import { placedTokens, tokenize } from '../../../src/core/analysis/tokenize';
import { docTerms } from '../../../src/core/analysis/features';
import { conceptsOf } from '../../../src/core/analysis/concepts';

describe('how each language is written (one folder per language, asked through writingOf)', () => {
  it('knows Japanese and Thai as segmented scripts without giving them a sentiment pack (they stay unscored)', () => {
    expect(writingOf('ja')).toMatchObject({ segmented: true, unspacedPhrases: true });
    expect(writingOf('th')).toMatchObject({ segmented: true });
    expect(packFor('ja')).toBeUndefined();
    expect(writingOf('xx')).toEqual({});
  });

  it('segments Chinese and pairs the single characters the dictionary leaves ("外|卖" -> "外卖")', () => {
    expect(writingOf('zh').pairSingleCharacters).toBe(true);
    expect(tokenize('外卖送得太慢了', 'zh').join('|')).not.toMatch(/^外\|卖/);
  });

  it('glues the Persian aspect prefix written apart back on, and stems the plural off for themes', () => {
    const words = placedTokens('غذا رو نمی خورم', 'fa').words;
    expect(words).toContain('نمیخورم');
    expect(writingOf('fa').themeStem!('سفارشها')).toBe('سفارش');
    expect(docTerms('سفارشها', 'fa')).toContain('سفارش');
  });

  it('matches Arabic concept terms behind clitics, and Chinese ones inside the unspaced text', () => {
    expect(writingOf('ar').conceptPrefix).toBeDefined();
    expect(conceptsOf('وبالتوصيل تأخر كثير', 'ar')).toContain('delivery');
    expect(conceptsOf('وبالاكل بارد', 'ar')).toContain('quality');
    expect(conceptsOf('我要投诉你们', 'zh')).toContain('complaint');
  });
});
