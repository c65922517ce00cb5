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
  it('does not count praise that is only wished for', () => {
    expect(label('a reply within a day would be great', 'en')).toBe('neutral');
    expect(label('I hope it is good', 'en')).toBe('neutral');
    expect(label('the new app is good', 'en')).toBe('positive');
  });
  it('reads "too early" as a complaint, not as punctuality', () => {
    expect(analyzeSentiment('they closed the gate too early', 'en').score).toBeLessThan(0);
    expect(analyzeSentiment('landed early, great crew', 'en').score).toBeGreaterThan(0);
  });
  it('keeps Chinese opinion characters inside ordinary words neutral', () => {
    expect(label('好像是昨天下的单', 'zh')).toBe('neutral');
    expect(label('快递到了吗', 'zh')).toBe('neutral');
    expect(label('晚上八点送到', 'zh')).toBe('neutral');
  });
  it('reads Chinese "太X了" (too X) as a complaint and widens negation over single characters', () => {
    expect(label('这次的汤太咸了', 'zh')).toBe('negative');
    expect(label('面条太硬', 'zh')).toBe('negative');
    expect(analyzeSentiment('味道没有以前好', 'zh').score).toBeLessThan(0);
  });
  it('finds the German participle that closes a complaint at the end of the clause', () => {
    expect(label('Die Streiks der Lokführer werden heute beendet', 'de')).toBe('positive');
    expect(label('Die Streiks der Lokführer gehen weiter', 'de')).toBe('negative');
  });
  it('does not call a German message positive for one mild descriptive word', () => {
    expect(label('Die Bahn feiert die neue Strecke', 'de')).toBe('neutral');
    expect(label('Die neue Strecke ist wirklich toll', 'de')).toBe('positive');
  });
  it('reads Chinese lukewarm and surprised-complaint words', () => {
    expect(label('味道一般般', 'zh')).toBe('negative');
    expect(label('米饭里竟然有沙子', 'zh')).toBe('negative');
    expect(label('送得很快，就是有点辣', 'zh')).toBe('positive');
  });
  it('reads Arabic "no drawbacks" as praise and a pros/cons header as no opinion', () => {
    expect(label('المنتج وصل بسرعة ولا توجد سلبيات', 'ar')).toBe('positive');
    expect(label('السلبيات: السعر مرتفع', 'ar')).toBe('negative');
    expect(label('قضينا العطلة في الفندق', 'ar')).toBe('neutral');
  });
  it('lets a neutral or positive phrase consume its negator ("no problem", "not bad", "never mind")', () => {
    expect(label('no problem at all, see you tomorrow', 'en')).toBe('positive');
    expect(analyzeSentiment('the seat was not bad', 'en').score).toBeGreaterThan(0);
    expect(label('never mind, I found the form', 'en')).toBe('neutral');
  });
});

describe('still waiting', () => {
  it('reads "still no / not yet" as a complaint that outweighs praise around it, in several languages', () => {
    expect(analyzeSentiment('Excellent service as always, still no refund', 'en').label).toBe('negative');
    expect(analyzeSentiment('Todavía no ha llegado mi pedido', 'es').label).toBe('negative');
    expect(analyzeSentiment("Je n'ai toujours pas reçu ma commande", 'fr').label).toBe('negative');
    expect(analyzeSentiment('Meine Bestellung ist immer noch nicht da', 'de').label).toBe('negative');
    expect(analyzeSentiment('Ainda não recebi o reembolso', 'pt').label).toBe('negative');
    // "still" alone is no complaint.
    expect(analyzeSentiment('Still works great, thanks!', 'en').label).toBe('positive');
  });
});
