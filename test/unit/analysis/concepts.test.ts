import { describe, expect, it } from 'vitest';
import { CONCEPT_LANGUAGES, conceptProfile, conceptsOf, relateAcrossLanguages } from '../../../src/core/analysis/concepts';

describe('support concepts across languages', () => {
  it('finds the same concept in every covered language', () => {
    const refund: Array<[string, string]> = [
      ['en', 'I still have not got my refund'],
      ['es', 'Quiero el reembolso de mi pedido'],
      ['fr', 'Quand serai-je remboursé ?'],
      ['de', 'Wann kommt die Rückerstattung?'],
      ['pt', 'Preciso do reembolso urgente'],
      ['it', 'Aspetto ancora il rimborso'],
      ['nl', 'Wanneer krijg ik mijn terugbetaling?'],
      ['ar', 'أريد استرداد المبلغ'],
      ['fa', 'بازگشت وجه انجام نشد'],
      ['zh', '什么时候退款'],
    ];
    for (const [lang, text] of refund) expect(conceptsOf(text, lang), `${lang}: ${text}`).toContain('refund');
    expect(CONCEPT_LANGUAGES).toEqual(expect.arrayContaining(refund.map(([l]) => l)));
  });

  it('matches whole words and word endings, not fragments', () => {
    expect(conceptsOf('The app crashed at checkout', 'en')).toEqual(expect.arrayContaining(['app', 'payment']));
    expect(conceptsOf('Happy with the apple pie', 'en')).not.toContain('app');
    expect(conceptsOf('Das Paket wurde beschädigt geliefert', 'de')).toEqual(expect.arrayContaining(['delivery', 'damaged']));
  });

  it('reads Arabic words behind a clitic and the article', () => {
    expect(conceptsOf('وبالتوصيل كان متأخر', 'ar')).toEqual(expect.arrayContaining(['delivery', 'delay']));
  });

  it('knows nothing of languages it does not cover', () => {
    expect(conceptsOf('refund', 'xx')).toEqual([]);
  });

  it('relates themes in different languages that share concepts, never two of the same language', () => {
    const en = conceptProfile({ id: 'en-refund', lang: 'en', label: 'refund status' }, [
      { text: 'where is my refund', lang: 'en' },
      { text: 'refund not received yet', lang: 'en' },
    ]);
    const en2 = conceptProfile({ id: 'en-refund-2', lang: 'en', label: 'money back' }, [{ text: 'I want my money back', lang: 'en' }]);
    const es = conceptProfile({ id: 'es-refund', lang: 'es', label: 'reembolso' }, [
      { text: 'no me han hecho el reembolso', lang: 'es' },
      { text: 'reembolso pendiente', lang: 'es' },
    ]);
    const esLogin = conceptProfile({ id: 'es-login', lang: 'es', label: 'contraseña' }, [{ text: 'olvidé mi contraseña', lang: 'es' }]);
    const related = relateAcrossLanguages([en, en2, es, esLogin]);
    expect(related.get('es-refund')!.map((r) => r.id).sort()).toEqual(['en-refund', 'en-refund-2']);
    expect(related.get('en-refund')!.map((r) => r.id)).toEqual(['es-refund']);
    expect(related.get('en-refund')![0]!.shared).toEqual(['refund']);
    expect(related.has('es-login')).toBe(false);
  });

  it("ignores concepts only a few of a theme's messages mention", () => {
    const p = conceptProfile({ id: 't', lang: 'en', label: 't' }, [
      { text: 'refund please', lang: 'en' },
      ...Array.from({ length: 9 }, () => ({ text: 'my password does not work', lang: 'en' })),
    ]);
    expect(p.concepts.map(([c]) => c)).toEqual(['login']);
  });
});
