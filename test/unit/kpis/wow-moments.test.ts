import { describe, expect, it } from 'vitest';
import { detectWowMoments } from '../../../src/core/kpis/wow-moments';
import { conversation } from './fixtures';

const AT = '2026-11-23T10:00:00Z';
const said = (...customerTexts: string[]) =>
  conversation({
    id: 'c1',
    messages: customerTexts.flatMap((text, i) => [
      { role: 'customer' as const, createdAt: AT, text, id: `c${i}` },
      { role: 'agent' as const, createdAt: AT, text: 'Happy to help', id: `a${i}` },
    ]),
  });
const kinds = (c: ReturnType<typeof said>, start?: number, end?: number) =>
  detectWowMoments(c, { start, end, customerMessages: c.messages.filter((m) => m.role === 'customer').length }).map((m) => m.kind);

describe('recovery', () => {
  const c = said('This is a disaster, my order is lost', 'ok that works, great');

  it('needs an upset start (≤ −0.2), a positive end (≥ +0.2) and a rise of at least 0.5', () => {
    // −0.6 → +0.4: rise 1.0.
    expect(detectWowMoments(c, { start: -0.6, end: 0.4, customerMessages: 2 })).toEqual([
      { conversationId: 'c1', kind: 'recovery', evidence: 'sentiment −0.60 → +0.40: "ok that works, great"', messageId: 'c1' },
    ]);
    // −0.3 → +0.2: rise exactly 0.5, end exactly 0.2: counts.
    expect(kinds(c, -0.3, 0.2)).toEqual(['recovery']);
    // −0.6 → +0.1: rise 0.7 but does not end positive enough.
    expect(kinds(c, -0.6, 0.1)).toEqual([]);
    // −0.1 → +0.6: rise 0.7 but the customer was not upset to begin with.
    expect(kinds(c, -0.1, 0.6)).toEqual([]);
    // −0.25 → +0.2: rise 0.45 < 0.5.
    expect(kinds(c, -0.25, 0.2)).toEqual([]);
  });

  it('needs two customer messages and the analysis', () => {
    expect(detectWowMoments(said('Terrible'), { start: -0.6, end: -0.6, customerMessages: 1 })).toEqual([]);
    expect(detectWowMoments(c)).toEqual([]);
  });
});

describe('praise', () => {
  it.each([
    ["You're a star!"],
    ['thank you so much Anna'],
    ['Honestly the best support ever.'],
    ['Really appreciate your help with this.'],
    ['Eres un sol, de verdad.'],
    ['Mil gracias!'],
    ['Vous êtes génial, merci.'],
    ['Sie sind ein Schatz!'],
    ['Atendimento nota 10.'],
    ['Grazie mille!'],
    ['Je bent een held.'],
    ['你太棒了'],
    ['أفضل خدمة'],
  ])('%s', (text) => {
    const moments = detectWowMoments(said('My card was charged twice', text));
    expect(moments).toEqual([{ conversationId: 'c1', kind: 'praise', evidence: text, messageId: 'c1' }]);
  });

  it.each([
    ['plain thanks', 'Thanks.'],
    ['unexclaimed, impersonal thanks', 'Thank you so much for nothing.'],
    ['negated praise', 'This is not the best support ever.'],
    ['a complaint', 'Your service is terrible'],
  ])('not for %s', (_, text) => {
    expect(detectWowMoments(said('hello', text))).toEqual([]);
  });

  it('only counts praise that reacts to an agent reply and does not read as negative', () => {
    // Sarcasm in the opening complaint, before anyone answered.
    const opening = conversation({ messages: [{ role: 'customer', createdAt: AT, text: 'Great service, 3 weeks and nothing!' }] });
    expect(detectWowMoments(opening)).toEqual([]);
    // After a reply, a sentence whose sentiment is negative is sarcasm, not praise.
    expect(detectWowMoments(said('hello', 'Excellent service as always, still no refund'))).toEqual([]);
  });

  it('only listens to the customer, and reports the first praising sentence once', () => {
    const c = conversation({
      id: 'c2',
      messages: [
        { role: 'agent', createdAt: AT, text: "You're a star for your patience!" },
        { role: 'customer', createdAt: AT, text: 'Fixed now. You rock! Best support ever.', id: 'x' },
        { role: 'customer', createdAt: AT, text: 'You are amazing', id: 'y' },
      ],
    });
    expect(detectWowMoments(c)).toEqual([{ conversationId: 'c2', kind: 'praise', evidence: 'You rock!', messageId: 'x' }]);
  });

  it('can report a recovery and praise for the same conversation', () => {
    expect(kinds(said('I am furious', 'You are a lifesaver!'), -0.7, 0.6)).toEqual(['recovery', 'praise']);
  });
});
