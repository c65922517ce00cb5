/**
 * Amounts of money and percentages as people write them: €12.50, 12,50 €, $20, USD 20, 20 dollars,
 * 1.234,56 EUR, R$ 50, 15% off. Used to put a cost on goodwill gestures.
 */

export interface Money {
  amount: number;
  /** ISO 4217. '$' alone is read as USD and '¥' as JPY (ambiguous symbols; documented guesses). */
  currency: string;
}

const SYMBOLS: [string, string][] = [
  ['US$', 'USD'],
  ['R$', 'BRL'],
  ['C$', 'CAD'],
  ['A$', 'AUD'],
  ['€', 'EUR'],
  ['$', 'USD'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['﷼', 'SAR'],
];
const CODES = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'BRL', 'MXN', 'JPY', 'CNY', 'RMB', 'INR', 'SEK', 'NOK', 'DKK', 'PLN', 'SAR', 'AED', 'IRR', 'TRY'];
const WORDS: [RegExp, string][] = [
  [/^(?:euros?|eur)$/i, 'EUR'],
  [/^(?:dollars?|dólares|dolares|dollari|dollar)$/i, 'USD'],
  [/^(?:pounds?|sterling|libras?)$/i, 'GBP'],
  [/^(?:reais|real)$/i, 'BRL'],
  [/^(?:francs?|franken)$/i, 'CHF'],
  [/^(?:元|块|人民币)$/, 'CNY'],
  [/^(?:ريال|ريالا)$/, 'SAR'],
  [/^(?:درهم|دراهم)$/, 'AED'],
  [/^(?:ریال|تومان)$/, 'IRR'],
  [/^(?:دولار)$/, 'USD'],
  [/^(?:يورو|یورو)$/, 'EUR'],
];

const esc = (s: string) => s.replace(/[$]/g, '\\$');
const SYMBOL_RE = SYMBOLS.map(([s]) => esc(s)).join('|');
const CODE_RE = CODES.join('|');
const WORD_RE = 'euros?|eur|dollars?|dólares|dolares|dollari|pounds?|sterling|libras?|reais|francs?|franken|元|块|人民币|ريالا?|دراهم|درهم|ریال|تومان|دولار|يورو|یورو';
/** 1234 · 1,234.56 · 1.234,56 · 12,50 · 1 234,56 */
const NUMBER = String.raw`\d{1,3}(?:[., \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;

const MONEY = new RegExp(
  String.raw`(?<pre>${SYMBOL_RE}|\b(?:${CODE_RE})\b)\s?(?<n1>${NUMBER})|(?<n2>${NUMBER})\s?(?<post>${SYMBOL_RE}|(?:${CODE_RE})\b|(?:${WORD_RE})(?![\p{L}]))`,
  'giu',
);
const PERCENT = new RegExp(String.raw`(?<![\d.,])(\d+(?:[.,]\d+)?)\s?(?:%|٪|percent\b|per ?cent\b|por ?ciento\b|pour ?cent\b|prozent\b|per cento\b|por cento\b|procent\b)`, 'giu');

/** A written number with either decimal convention: the last separator followed by 1–2 digits is the decimal mark. */
export function parseAmount(written: string): number {
  const s = written.replace(/[\s\u00a0\u202f]/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(s);
  const whole = (decimal ? s.slice(0, -decimal[0].length) : s).replace(/[.,]/g, '');
  return Number(decimal ? `${whole}.${decimal[1]}` : whole);
}

function currencyOf(written: string): string {
  const upper = written.toUpperCase();
  for (const [symbol, code] of SYMBOLS) if (written === symbol) return code;
  if (CODES.includes(upper)) return upper === 'RMB' ? 'CNY' : upper;
  for (const [re, code] of WORDS) if (re.test(written)) return code;
  return upper;
}

/** Every amount of money in the text, in order of appearance. */
export function findMoney(text: string): (Money & { index: number })[] {
  const out: (Money & { index: number })[] = [];
  for (const m of text.matchAll(MONEY)) {
    const g = m.groups!;
    const written = g.n1 ?? g.n2!;
    const unit = g.pre ?? g.post!;
    const amount = parseAmount(written);
    if (Number.isFinite(amount)) out.push({ amount, currency: currencyOf(unit), index: m.index });
  }
  return out;
}

/** Every percentage in the text (15 % · 15% · 15 percent · 15 por ciento…). */
export function findPercents(text: string): { percent: number; index: number }[] {
  return [...text.matchAll(PERCENT)].map((m) => ({ percent: Number(m[1]!.replace(',', '.')), index: m.index }));
}
