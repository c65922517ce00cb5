/**
 * Personal numbers: payment cards, IBANs, national ids, IP addresses and phone numbers. Each is checked
 * beyond its shape where a check exists (Luhn, mod-97, id check letters and digits), so order numbers,
 * prices, dates and times survive.
 */
import { isIPv6 } from 'node:net';
import { ALNUM, asciiDigits, DIGIT as D, digitCount, endOfToken, follows, LETTER, regexDetector, type Detector, type Span } from './detector';

const atLeastDigits = (n: number) => (text: string) => digitCount(text) >= n;

export function luhnValid(digits: string): boolean {
  const d = asciiDigits(digits);
  if (d.length < 13 || d.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** ISO 13616 mod-97 check, so that order numbers that look like IBANs are left alone. */
export function ibanValid(candidate: string): boolean {
  const s = candidate.replace(/[\s.-]+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** IBAN length per country (ISO 13616 registry, plus Morocco's RIB-based form). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IR: 26, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MA: 28, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, OM: 23, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};
const IBAN_START = /([A-Za-z]{2})[ \u00A0-]?(\d{2})/g;
const IBAN_CHAR = /[A-Za-z0-9]/;
const IBAN_SEPARATOR = /[ \u00A0.\-]/;

/** IBANs in any case, with spaces, dashes or dots between any characters, checked by length and mod-97. */
export const ibans: Detector = {
  kind: 'IBAN',
  find(text, emit) {
    if (digitCount(text) < 10) return;
    const start = IBAN_START;
    start.lastIndex = 0;
    for (let m = start.exec(text); m; m = start.exec(text)) {
      if (follows(text, m.index, ALNUM)) {
        start.lastIndex = endOfToken(text, m.index);
        continue;
      }
      const length = IBAN_LENGTHS[m[1]!.toUpperCase()];
      if (!length) continue;
      let collected = `${m[1]}${m[2]}`;
      let i = m.index + m[0].length;
      let end = i;
      while (collected.length < length && i < text.length) {
        let j = i;
        while (j < text.length && j - i < 2 && IBAN_SEPARATOR.test(text[j]!)) j++;
        if (!IBAN_CHAR.test(text[j] ?? '')) break;
        collected += text[j];
        i = end = j + 1;
      }
      if (collected.length !== length || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      if (!ibanValid(collected)) continue;
      emit(m.index, end);
      start.lastIndex = end;
    }
  },
};

const DIGIT_GROUP = new RegExp(`${D}+`, 'gu');
const CARD_RUN = new RegExp(`${D}(?:[ \\u00A0.\\-_/]{0,2}${D}){11,30}(?![\\p{L}\\p{N}])`, 'gu');

/**
 * Card numbers with any separators ("4111.1111.1111.1111", double spaces, dashes): 13–19 digits that pass
 * Luhn. A longer run of digit groups (a reference number typed just before the card) is searched for
 * the card inside it, group by group.
 */
export const cards: Detector = {
  kind: 'CARD',
  numeric: true,
  find(text, emit) {
    if (digitCount(text) < 13) return;
    const re = CARD_RUN;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (follows(text, m.index, ALNUM)) {
        re.lastIndex = endOfToken(text, m.index);
        continue;
      }
      const groups: { start: number; end: number; digits: string }[] = [];
      const group = DIGIT_GROUP;
      group.lastIndex = 0;
      for (let g = group.exec(m[0]); g; g = group.exec(m[0])) groups.push({ start: m.index + g.index, end: m.index + g.index + g[0].length, digits: asciiDigits(g[0]) });
      let best: Span | undefined;
      for (let i = 0; i < groups.length && !best; i++) {
        let digits = '';
        let found: Span | undefined;
        for (let j = i; j < groups.length; j++) {
          digits += groups[j]!.digits;
          if (digits.length > 19) break;
          if (digits.length >= 13 && luhnValid(digits)) found = { start: groups[i]!.start, end: groups[j]!.end };
        }
        best = found;
      }
      if (best) emit(best.start, best.end);
    }
  },
};

function ssnValid(m: RegExpExecArray): boolean {
  const [area, group, serial] = [m[1]!, m[2]!, m[3]!];
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function chineseIdValid(id: string): boolean {
  const birth = id.slice(6, 14);
  if (!/^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(birth)) return false;
  const sum = CN_ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
function spanishIdValid(m: RegExpExecArray): boolean {
  const raw = m[0].replace(/[- ]/g, '').toUpperCase();
  const digits = raw.replace(/^X/, '0').replace(/^Y/, '1').replace(/^Z/, '2').slice(0, -1);
  return /^\d{8}$/.test(digits) && DNI_LETTERS[Number(digits) % 23] === raw.slice(-1);
}

/** Words that announce an identity-document number, in the supported languages. */
const ID_CUES = [
  'ssn', 'social security(?: number| no\\.?)?', 'sin', 'national insurance(?: number| no\\.?)?', 'ni number', 'nino', 'passport(?: number| no\\.?)?',
  "driver'?s licen[cs]e(?: number| no\\.?)?", 'national id(?: number)?', 'id number', 'tax id', 'tin',
  'dni', 'nie', 'nif', 'cpf', 'rg', 'n[uú]mero de (?:identidad|identifica[cç][aã]o|pasaporte|passaporte|seguridad social)', 'cédula',
  'num[ée]ro de s[ée]curit[ée] sociale', 'nir', 'num[ée]ro fiscal', 'carte d.identit[ée]',
  'steuer-?id', 'steuernummer', 'personalausweis(?:nummer)?', 'ausweisnummer', 'sozialversicherungsnummer', 'reisepass(?:nummer)?',
  'codice fiscale', "carta d.identit[àa]", 'passaporto', 'bsn', 'burgerservicenummer', 'paspoortnummer',
  'الرقم الوطني', 'رقم الهوية', 'رقم الجواز', 'الهوية الوطنية', 'رقم الإقامة', 'الإقامة', 'emirates id', 'iqama',
  'کد ?ملی', 'شماره ?ملی', 'شماره شناسنامه', 'شماره گذرنامه',
  '身份证(?:号码|号)?', '护照(?:号码|号)?',
];
const ID_CUE_GATE = new RegExp(ID_CUES.join('|'), 'iu');
const ID_CUE = new RegExp(
  `(?:${ID_CUES.join('|')})(?![\\p{L}])(?:\\s*(?:is|es|est|ist|é|è|is|:|：|#|=|no\\.?|nr\\.?|n[º°]|هو|است|是|为)){0,2}\\s*(?<v>[A-Za-z]{0,3}${D}[${D.slice(1, -1)}A-Za-z.\\-/ ]{3,22}${D}[A-Za-z]?)`,
  'giud',
);

/** National identity numbers: US SSN, UK NINO, Chinese resident id, Spanish DNI/NIE, Brazilian CPF, Italian codice fiscale, and any number after its name. */
export const nationalIds: Detector[] = [
  regexDetector('NATIONAL_ID', ID_CUE, { group: 'v', notAfter: LETTER, accept: (m) => asciiDigits(m.groups!.v!).length >= 5, gate: (t) => digitCount(t) >= 5 && ID_CUE_GATE.test(t) }),
  regexDetector('NATIONAL_ID', /(\d{3})[- ](\d{2})[- ](\d{4})(?![\p{L}\p{N}]|-\d)/gu, { accept: ssnValid, gate: atLeastDigits(9), notAfter: /[\p{L}\p{N}-]/u }),
  regexDetector('NATIONAL_ID', /(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])/gu, { gate: atLeastDigits(6), notAfter: ALNUM }),
  regexDetector('NATIONAL_ID', /\d{17}[\dXx](?![\p{L}\p{N}])/gu, { accept: (m) => chineseIdValid(m[0]), gate: atLeastDigits(17), notAfter: ALNUM }),
  regexDetector('NATIONAL_ID', /(?:\d{8}|[XYZxyz][- ]?\d{7})[- ]?[A-Za-z](?![\p{L}\p{N}])/gu, { accept: spanishIdValid, gate: atLeastDigits(7), notAfter: ALNUM }),
  regexDetector('NATIONAL_ID', /\d{3}\.\d{3}\.\d{3}-\d{2}(?![\p{N}])/gu, { gate: atLeastDigits(11), notAfter: /[\p{N}.]/u }),
  regexDetector('NATIONAL_ID', /[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z](?![\p{L}\p{N}])/gu, { gate: atLeastDigits(7), notAfter: ALNUM }),
];

export const ipv4 = regexDetector('IP', /(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\p{N}]|\.\d)/gu, { gate: atLeastDigits(4), notAfter: /[\p{N}.]/u });

/** Full ("2001:0db8:…:7334") and compressed ("fe80::1") IPv6 addresses, with an optional zone; never a time of day. */
export const ipv6 = regexDetector('IP', /(?:[0-9A-Fa-f]{1,4}:|:)(?::|[0-9A-Fa-f]{1,4}:){1,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?:%[\w.]+)?(?![\p{L}\p{N}:])/gu, {
  gate: /:[0-9A-Fa-f:]/,
  notAfter: /[\p{L}\p{N}:.]/u,
  accept: (m) => {
    const address = m[0].replace(/%.*$/, '');
    return isIPv6(address) && (address.includes('::') || address.split(':').length === 8) && address.length >= 3 && /[0-9a-f]/i.test(address.replace(/:/g, ''));
  },
});

const PHONE_GROUP = `(?:\\(\\s?${D}{1,5}\\s?\\)|${D})`;
const PHONE_NOT_AFTER = /[\p{L}\p{N}_@/+＋-]/u;
const PHONE_RUN = new RegExp(`(?:(?:\\+|＋|00)\\s?)?${PHONE_GROUP}(?:[ \\u00A0.\\-]{0,2}${PHONE_GROUP})*(?![\\p{L}\\p{N}_@])`, 'gu');
const DATE_PREFIX = new RegExp(`^(?:${D}{4}[-./]${D}{1,2}[-./]${D}{1,2}|${D}{1,2}[-./]${D}{1,2}[-./]${D}{2,4})`, 'u');
const DATE_LIKE = new RegExp(`^(?:${D}{4}[-./]${D}{1,2}([-./]${D}{1,2})?|${D}{1,2}[-./]${D}{1,2}[-./]${D}{2,4})$`, 'u');
const TIME_AFTER = new RegExp(`^[:：]${D}`, 'u');
/** Words just before a short (7-digit) number that say it is a phone number. */
const PHONE_CUE = /(?:phone|tel(?:ephone)?|call|mobile|cell|whats ?app|number|n[uú]mero|num[ée]ro|nummer|telefon[eo]?|t[ée]l[ée]phone|handy|cellulare|celular|móvil|هاتف|جوال|موبايل|تلفن|موبایل|شماره|电话|手机)\W{0,3}(?:\p{L}+\W{1,3}){0,3}$/iu;

/**
 * Phone numbers as written in the seed countries: "+1 (415) 555-0132", "(020) 7946 0958", "+33 1 23 45 67 89",
 * "138 0013 8000", "۰۹۱۲۳۴۵۶۷۸۹", "+966 50 123 4567": 8–15 digits with spaces, dots, dashes or an area code
 * in parentheses (7 digits after a word such as "phone" or "call"). A date ("2026-11-20") or the hour of a
 * time ("10:00") is never part of one.
 */
export const phones: Detector = {
  kind: 'PHONE',
  numeric: true,
  find(text, emit) {
    if (digitCount(text) < 7) return;
    const re = PHONE_RUN;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (follows(text, m.index, PHONE_NOT_AFTER)) {
        re.lastIndex = endOfToken(text, m.index);
        continue;
      }
      let start = m.index;
      let end = start + m[0].length;
      const date = DATE_PREFIX.exec(m[0]);
      if (date) {
        re.lastIndex = start + date[0].length; // look again after the date: a number may follow it
        continue;
      }
      // "…10:30 020 7946 0958": the minutes of a time are not the start of the number.
      if (text[start - 1] === ':' && /\d/.test(text[start - 2] ?? '')) start = firstSeparatorAfter(text, start, end);
      // "020 7946 0958 10:30": nor is the hour its end.
      if (TIME_AFTER.test(text.slice(end, end + 2))) end = lastSeparatorBefore(text, start, end);
      if (end <= start) continue;
      const candidate = text.slice(start, end).trim();
      const digits = asciiDigits(candidate).length;
      if (digits > 15 || DATE_LIKE.test(candidate)) continue;
      if (digits < 8 && !(digits === 7 && PHONE_CUE.test(text.slice(Math.max(0, start - 40), start)))) continue;
      emit(start, start + text.slice(start, end).trimEnd().length);
    }
  },
};

function firstSeparatorAfter(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) if (/[ \u00A0.\-]/.test(text[i]!)) return i + 1;
  return end;
}

function lastSeparatorBefore(text: string, start: number, end: number): number {
  for (let i = end - 1; i > start; i--) if (/[ \u00A0.\-]/.test(text[i]!)) return i;
  return start;
}
