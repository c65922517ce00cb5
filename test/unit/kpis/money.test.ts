import { describe, expect, it } from 'vitest';
import { findMoney, findPercents, parseAmount } from '../../../src/core/kpis/money';

describe('parseAmount', () => {
  it.each([
    ['12.50', 12.5],
    ['12,50', 12.5], // decimal comma
    ['1.234,56', 1234.56], // the last separator followed by 1–2 digits is the decimal mark
    ['1,234.56', 1234.56],
    ['1 234,56', 1234.56],
    ['1.234', 1234], // three digits after the only separator: thousands
    ['20', 20],
  ])('%s → %d', (written, amount) => {
    expect(parseAmount(written)).toBe(amount);
  });
});

describe('findMoney', () => {
  it.each([
    ['€12.50 back', 12.5, 'EUR'],
    ['we refunded 12,50 € today', 12.5, 'EUR'],
    ['a $20 credit', 20, 'USD'],
    ['USD 20', 20, 'USD'],
    ['20 dollars', 20, 'USD'],
    ['1.234,56 EUR', 1234.56, 'EUR'],
    ['R$ 50,00', 50, 'BRL'],
    ['£5 off', 5, 'GBP'],
    ['a 20 euro voucher', 20, 'EUR'],
    ['CHF 30.-', 30, 'CHF'],
    ['退款50元', 50, 'CNY'],
    ['استرداد 20 ريال', 20, 'SAR'],
  ])('%s → %d %s', (text, amount, currency) => {
    expect(findMoney(text)).toMatchObject([{ amount, currency }]);
  });

  it('ignores numbers without a currency', () => {
    expect(findMoney('order 12345 had 3 items')).toEqual([]);
  });
});

describe('findPercents', () => {
  it('reads percentages in several languages', () => {
    expect(findPercents('15% off').map((p) => p.percent)).toEqual([15]);
    expect(findPercents('12,5 % de remise').map((p) => p.percent)).toEqual([12.5]);
    expect(findPercents('10 por ciento').map((p) => p.percent)).toEqual([10]);
    expect(findPercents('20 Prozent Rabatt').map((p) => p.percent)).toEqual([20]);
    expect(findPercents('no percentage here 15')).toEqual([]);
  });
});
