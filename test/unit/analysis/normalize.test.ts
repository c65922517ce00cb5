import { describe, expect, it } from 'vitest';
import { normalizeArabicScript, normalizeText, squeezeElongation, stripInvisible } from '../../../src/core/analysis/normalize';
import { tokenize } from '../../../src/core/analysis/index';

describe('normalisation', () => {
  it('unifies Arabic/Persian yeh and kaf by target language', () => {
    expect(normalizeArabicScript('كيك يي', 'fa')).toBe('کیک یی');
    expect(normalizeArabicScript('کیک یی', 'ar')).toBe('كيك يي');
  });
  it('removes diacritics and tatweel, unifies alef', () => {
    expect(normalizeArabicScript('مُمْتَازٌ')).toBe('ممتاز');
    expect(normalizeArabicScript('جمـــيل')).toBe('جميل');
    expect(normalizeArabicScript('أحمد إلى آمن')).toBe('احمد الي امن');
  });
  it('handles ZWNJ in Persian', () => {
    expect(stripInvisible('می\u200Cخواهم')).toBe('میخواهم');
    expect(normalizeText('می\u200Cخواهم', 'fa')).toBe(normalizeText('میخواهم', 'fa'));
  });
  it('converts Persian and Arabic-Indic digits', () => {
    expect(normalizeArabicScript('۱۲۳ ٤٥')).toBe('123 45');
  });
  it('squeezes elongations', () => {
    expect(squeezeElongation('sooooo')).toEqual({ word: 'soo', elongated: true });
    expect(squeezeElongation('good')).toEqual({ word: 'good', elongated: false });
  });
});

describe('tokenize', () => {
  it('drops stop words, urls and mentions, lower-cases', () => {
    const t = tokenize('@AcmeHelp The card has NOT arrived yet https://x.co/1', 'en');
    expect(t).toContain('card');
    expect(t).toContain('arrived');
    expect(t).not.toContain('the');
    expect(t.some((w) => w.includes('acmehelp') || w.includes('http'))).toBe(false);
  });
  it('segments Chinese with Intl.Segmenter', () => {
    const t = tokenize('菜味道很棒！送餐很及时！', 'zh');
    expect(t).toContain('味道');
    expect(t).toContain('及时');
  });
  it('handles long Chinese text by chunks', () => {
    const long = '送餐很及时，味道很好。'.repeat(500);
    expect(tokenize(long, 'zh').length).toBeGreaterThan(500);
  });
  it('normalises Persian and Arabic tokens', () => {
    expect(tokenize('سفارش\u200Cها خيلي دير رسيد', 'fa')).toContain('خیلی');
    expect(tokenize('الخدمة ممتازة جداً', 'ar')).toContain('ممتازه');
  });
});
