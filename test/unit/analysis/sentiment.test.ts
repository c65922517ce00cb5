import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from '../../../src/core/analysis/index';

const label = (t: string, lang?: string): string => analyzeSentiment(t, lang).label;

describe('analyzeSentiment', () => {
  it('knows support talk', () => {
    expect(label('still waiting for my refund', 'en')).toBe('negative');
    expect(label('sorted, thanks!', 'en')).toBe('positive');
    expect(label('no response from your support team', 'en')).toBe('negative');
    expect(label('I was charged twice for the same order', 'en')).toBe('negative');
    expect(label('my flight got cancelled', 'en')).toBe('negative');
    expect(label('What time does the store open?', 'en')).toBe('neutral');
  });
  it('handles negation', () => {
    expect(label('the agent was helpful', 'en')).toBe('positive');
    expect(label('the agent was not helpful', 'en')).toBe('negative');
    expect(analyzeSentiment('not bad', 'en').score).toBeGreaterThanOrEqual(0);
  });
  it('weights the clause after "but"', () => {
    expect(label('the staff were nice but my bag is still lost', 'en')).toBe('negative');
    expect(label('it took a while but it is sorted now, thanks', 'en')).toBe('positive');
  });
  it('boosts intensifiers, elongation and exclamation', () => {
    const base = analyzeSentiment('good', 'en').score;
    expect(analyzeSentiment('very good', 'en').score).toBeGreaterThan(base);
    expect(analyzeSentiment('sooooo goooood', 'en').score).toBeGreaterThan(base);
    expect(analyzeSentiment('good!!!', 'en').score).toBeGreaterThan(base);
  });
  it('reads emoji and emoticons', () => {
    expect(label('my order 😡', 'en')).toBe('negative');
    expect(label('arrived today 😍', 'en')).toBe('positive');
    expect(label('ok :(', 'en')).toBe('negative');
  });
  it('keeps the score in [-1, 1]', () => {
    const s = analyzeSentiment('worst worst worst terrible awful horrible scam fraud!!!!!!', 'en').score;
    expect(s).toBeGreaterThanOrEqual(-1);
    expect(s).toBeLessThan(-0.9);
  });
  it('reads a closed complaint as good news', () => {
    expect(label('the outage is fixed now', 'en')).toBe('positive');
    expect(label('Der Streik ist beendet', 'de')).toBe('positive');
    expect(label('the outage is not fixed', 'en')).toBe('negative');
  });
  it('handles German negation after the verb', () => {
    expect(label('Die App klappt nicht', 'de')).toBe('negative');
    expect(label('Alles lief problemlos', 'de')).toBe('positive');
  });
  it('reads opinion words glued into hashtags, conservatively', () => {
    expect(label('flight 123 #worstairlineever', 'en')).toBe('negative');
    expect(label('watching the #oscars on board', 'en')).toBe('neutral');
  });
  it('accepts regional language tags', () => {
    expect(label('Das war nicht gut', 'de-DE')).toBe('negative');
    expect(label('Muito obrigado, tudo resolvido', 'pt-BR')).toBe('positive');
  });
  it('detects the language when none is given', () => {
    expect(label('Vielen Dank, alles super!')).toBe('positive');
    expect(label('太慢了，菜都凉了')).toBe('negative');
  });
  it('covers the other languages', () => {
    expect(label('Todavía no me ha llegado el pedido, pésimo servicio', 'es')).toBe('negative');
    expect(label('Muchas gracias, todo resuelto', 'es')).toBe('positive');
    expect(label("Je n'ai toujours pas reçu ma commande", 'fr')).toBe('negative');
    expect(label('Merci beaucoup, service excellent', 'fr')).toBe('positive');
    expect(label('Der Zug hat schon wieder Verspätung', 'de')).toBe('negative');
    expect(label('Das war nicht gut', 'de')).toBe('negative');
    expect(label('Ainda não recebi o meu pedido, péssimo', 'pt')).toBe('negative');
    expect(label('Grazie mille, tutto risolto', 'it')).toBe('positive');
    expect(label('Nog steeds geen antwoord, belachelijk', 'nl')).toBe('negative');
    expect(label('菜味道很棒！送餐很及时！', 'zh')).toBe('positive');
    expect(label('不好吃', 'zh')).toBe('negative');
    expect(label('غذا خیلی خوشمزه بود', 'fa')).toBe('positive');
    expect(label('غذا خوب نبود', 'fa')).toBe('negative');
    expect(label('غذا سرد بود', 'fa')).toBe('negative');
    expect(label('الخدمة ممتازة', 'ar')).toBe('positive');
    expect(label('المكان ليس جيدا', 'ar')).toBe('negative');
  });
  it('limits negation scope to the next opinion word', () => {
    // "not good, and bad": the negator must not also flip "bad".
    expect(label('المنتج غير جيدة ورديئة جدا', 'ar')).toBe('negative');
    expect(label('the staff were not friendly and rude', 'en')).toBe('negative');
  });
  it('reads complaints without opinion words', () => {
    expect(label("I can't log in to my account", 'en')).toBe('negative');
    expect(label('筷子都没有', 'zh')).toBe('negative');
    expect(label('نوشابه رو نفرستادن', 'fa')).toBe('negative');
  });
  it('handles negation glued to Arabic words and German compounds', () => {
    expect(label('منتج لايستحق', 'ar')).toBe('negative');
    expect(label('Schon wieder Dauerstreik', 'de')).toBe('negative');
  });
  it('reads elongated words in Arabic and English', () => {
    expect(label('ممتاااااااز', 'ar')).toBe('positive');
    expect(label('thaaaaanks so much', 'en')).toBe('positive');
  });
  it('treats a bare thank-you in a request as polite, not positive', () => {
    expect(label('Can you check my booking please? Thanks', 'en')).toBe('neutral');
  });
  it('normalises Arabic letters before lexicon look-up', () => {
    expect(label('مُمْتَازٌ', 'ar')).toBe('positive');
    expect(label('غذا خيلي خوشمزه بود', 'fa')).toBe('positive'); // Arabic yeh in Persian text
  });
  it('ignores symbol entries of the translated lexicons (NFKC must not turn "ⓐ" into a scored "a")', () => {
    expect(label('Como eu troco a senha da conta?', 'pt')).toBe('neutral');
    expect(label('Quero mudar o endereço de e-mail', 'pt')).toBe('neutral');
    expect(label('¿Dónde está la factura de mi compra?', 'es')).toBe('neutral');
  });
  it('reads stems of the translated lexicons ("aprov*")', () => {
    expect(label('O meu cadastro foi aprovado hoje', 'pt')).toBe('positive');
  });
  it('lets a scored negator negate instead of counting as an opinion', () => {
    expect(label('Sempre compro aqui e nunca tive nenhum problema', 'pt')).toBe('positive');
    expect(label('A loja nunca teve problema comigo', 'pt')).not.toBe('negative');
    expect(label('Não fiquei nada satisfeito com a troca', 'pt')).toBe('negative');
  });
  it('handles Portuguese informal spelling, dropped accents and slang', () => {
    expect(label('o atendimento foi pessimo', 'pt')).toBe('negative');
    expect(label('nao gostei do atendimento', 'pt')).toBe('negative');
    expect(label('valeu, show de bola', 'pt')).toBe('positive');
    expect(label('servicio pesimo, nunca mas', 'es')).toBe('negative');
  });
  it('reads a refunded or fixed Portuguese complaint as good news', () => {
    expect(label('A cobrança duplicada foi estornada, obrigado', 'pt')).toBe('positive');
    expect(label('O problema foi corrigido', 'pt')).toBe('positive');
  });
});
