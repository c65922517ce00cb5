import { describe, expect, it } from 'vitest';
import { detectGoodwill } from '../../../src/core/kpis/goodwill';
import { conversation, type MessageSpec } from './fixtures';

const AT = '2026-11-23T10:00:00Z';
const agentSays = (text: string, extra: Partial<MessageSpec> = {}) =>
  detectGoodwill(conversation({ messages: [{ role: 'customer', createdAt: AT, text: 'help' }, { role: 'agent', createdAt: AT, text, id: 'a1', ...extra }] }));

describe('detectGoodwill: gestures with amounts, in several languages', () => {
  it.each([
    ["I've issued a refund of €12.50 to your card.", { kind: 'refund', amount: 12.5, currency: 'EUR' }],
    ['I added a $20 credit to your account.', { kind: 'credit', amount: 20, currency: 'USD' }],
    ['As a goodwill gesture we have refunded USD 20.', { kind: 'refund', amount: 20, currency: 'USD' }],
    ['We will send you a replacement free of charge.', { kind: 'replacement' }],
    ['Here is a gift card worth 25 dollars.', { kind: 'voucher', amount: 25, currency: 'USD' }],
    ['Hemos procesado el reembolso de 12,50 € a su tarjeta.', { kind: 'refund', amount: 12.5, currency: 'EUR' }],
    ['Je vous ai accordé une remise de 15% sur votre prochaine commande.', { kind: 'discount', percent: 15 }],
    ['Wir haben Ihnen einen Gutschein über 20 EUR geschickt.', { kind: 'voucher', amount: 20, currency: 'EUR' }],
    ['Reembolsamos R$ 50,00 na sua conta.', { kind: 'refund', amount: 50, currency: 'BRL' }],
    ['Ho applicato uno sconto del 10 per cento.', { kind: 'discount', percent: 10 }],
    ['We hebben het bedrag van 25 euro terugbetaald.', { kind: 'refund', amount: 25, currency: 'EUR' }],
    ['我们已为您退款50元。', { kind: 'refund', amount: 50, currency: 'CNY' }],
    ['تم استرداد المبلغ 20 ريال', { kind: 'refund', amount: 20, currency: 'SAR' }],
  ])('%s', (text, expected) => {
    expect(agentSays(text)).toEqual([{ messageId: 'a1', evidence: text, ...expected }]);
  });
});

describe('detectGoodwill: false positives avoided', () => {
  it.each([
    ['no refund possible', 'Unfortunately no refund is possible for this order.'],
    ['negation after the keyword', 'The refund is not possible after 30 days.'],
    ['cannot', 'We cannot offer a discount on sale items.'],
    ['non-refundable', 'This ticket is non-refundable.'],
    ['German negation', 'Leider ist keine Erstattung möglich.'],
    ['Spanish negation', 'No podemos hacer ningún reembolso.'],
    ['French negation', "Nous ne pouvons pas vous proposer de remboursement, c'est impossible."],
    ['Arabic negation', 'لا يمكننا استرداد المبلغ'],
    ['Chinese negation', '无法退款'],
    ['payment card', 'Please check your credit card statement.'],
    ['policy talk', 'Our refund policy allows returns within 30 days.'],
    ['the customer’s request', 'We received your refund request and will look into it.'],
    ['Spanish "vale" (okay)', 'Vale, lo reviso ahora mismo.'],
  ])('%s', (_, text) => {
    expect(agentSays(text)).toEqual([]);
  });

  it('ignores customers asking for a refund, and quoted customer text in agent e-mails', () => {
    const c = conversation({
      messages: [
        { role: 'customer', createdAt: AT, text: 'I want a refund of €50 now!' },
        { role: 'agent', createdAt: AT, text: 'Thanks for writing.\n> I want a refund of €50 now!\nLet me check your order.' },
      ],
    });
    expect(detectGoodwill(c)).toEqual([]);
  });

  it('keeps the gesture in a clause that is not negated', () => {
    // "can't" negates "repair", not "refunded", which sits after "but".
    expect(agentSays("We can't repair it, but we've refunded USD 20.")).toMatchObject([{ kind: 'refund', amount: 20 }]);
  });
});

describe('detectGoodwill: messages, notes and tags', () => {
  it('reads internal agent notes (the most reliable evidence) and several kinds in one message', () => {
    const gestures = agentSays('Refunded €10 via Stripe. Also sent a 15% discount code.', { public: false });
    expect(gestures).toEqual([
      { kind: 'refund', amount: 10, currency: 'EUR', messageId: 'a1', evidence: 'Refunded €10 via Stripe.' },
      { kind: 'discount', percent: 15, messageId: 'a1', evidence: 'Also sent a 15% discount code.' },
    ]);
  });

  it('prefers the sentence that states the amount', () => {
    expect(agentSays("I'll process a refund for you. The refund of $30 will show in 5 days.")).toMatchObject([{ kind: 'refund', amount: 30, currency: 'USD' }]);
  });

  it('adds gestures from tags that the text did not mention, once per kind', () => {
    const c = conversation({
      tags: ['refund', 'vip', 'goodwill_credit', 'refund_processed'],
      messages: [{ role: 'agent', createdAt: AT, text: 'We have refunded €5.', id: 'a1' }],
    });
    expect(detectGoodwill(c)).toEqual([
      { kind: 'refund', amount: 5, currency: 'EUR', messageId: 'a1', evidence: 'We have refunded €5.' },
      { kind: 'credit', evidence: 'tag:goodwill_credit' },
    ]);
  });

  it('ignores bots', () => {
    const c = conversation({ messages: [{ role: 'bot', createdAt: AT, text: 'I have refunded €5.' }] });
    expect(detectGoodwill(c)).toEqual([]);
  });
});

describe('detectGoodwill: precision', () => {
  it.each([
    ['information about the process', 'To process the refund I need the order number and the reason for the return.'],
    ['general information', 'Refunds go back to the original payment method within 5 working days.'],
    ['an English "he" is no Spanish "he"', 'He mentioned a refund earlier.'],
  ])('needs a given/offered cue: %s', (_, text) => {
    expect(agentSays(text)).toEqual([]);
  });

  it('gives each amount to the nearest gesture only', () => {
    // "refunded" at the start, "$32.45" right before "voucher": the amount is the voucher's.
    const text = "I've refunded the delivery cost and added a $32.45 voucher to your account.";
    expect(agentSays(text)).toEqual([
      { kind: 'refund', messageId: 'a1', evidence: text },
      { kind: 'voucher', amount: 32.45, currency: 'USD', messageId: 'a1', evidence: text },
    ]);
  });

  it('skips tags that record a request or a refusal', () => {
    const c = conversation({ tags: ['refund-request', 'discount_denied'], messages: [{ role: 'agent', createdAt: AT, text: 'Looking into it.' }] });
    expect(detectGoodwill(c)).toEqual([]);
  });
});

describe('detectGoodwill: overlapping keywords', () => {
  it.each([
    ['Abbiamo risolto il problema e ti abbiamo aggiunto un buono sconto per il prossimo ordine.', ['voucher']],
    ['Wir haben Ihnen einen Gutschein für die nächste Bestellung gutgeschrieben.', ['voucher']],
    ['We have credited $15 to your account.', ['credit']],
  ])('%s', (text, kinds) => {
    expect(agentSays(text).map((g) => g.kind)).toEqual(kinds);
  });

  it('reads "can be refunded" as information, not a gesture', () => {
    expect(agentSays("Digital products can be refunded within 14 days if they haven't been downloaded.")).toEqual([]);
  });
});
