/**
 * Personal data of every kind the redactor knows, planted into every field of a fixture, and the needles that
 * find any of it again in the pipeline's output. Values are reserved for examples (555-01xx, example.com,
 * documentation IP ranges, test card numbers) or invented.
 */

export interface Plant {
  kind: string;
  /** As a customer would type it, on a line of its own. */
  text: string;
  /** What must never be found outside raw/; digit runs only where no hex digit is next to them (ids and hashes are hex). */
  needles: RegExp[];
}

const digits = (d: string) => new RegExp(`(?<![0-9a-fA-F])${d}(?![0-9a-fA-F])`);

export const PLANTS: Plant[] = [
  { kind: 'email', text: 'write to jane.planted@example.com', needles: [/jane\.planted/] },
  { kind: 'obfuscated e-mail', text: 'or to omar.planted(at)example.org', needles: [/omar\.planted/] },
  { kind: 'US phone', text: 'call (415) 555-0132', needles: [/555-0132/, digits('4155550132')] },
  { kind: 'UK phone', text: 'or +44 20 7946 0958', needles: [/7946 0958/, digits('2079460958')] },
  { kind: 'EU phone', text: 'tel +33 1 23 45 67 89', needles: [/23 45 67 89/] },
  { kind: 'CN phone', text: '电话 +86 138 0013 8000', needles: [/138 0013 8000/, digits('13800138000')] },
  { kind: 'IR phone', text: 'شماره ۰۹۱۲۳۴۵۶۷۸۹', needles: [/۰۹۱۲۳۴۵۶۷۸۹/] },
  { kind: 'SA phone', text: 'جوال +966 50 123 4567', needles: [/50 123 4567/] },
  { kind: 'card with dots', text: 'card 4111.1111.1111.1111', needles: [/4111\.1111/, digits('4111111111111111')] },
  { kind: 'card with double spaces', text: 'card 5555  5555  5555  4444', needles: [/5555 {1,2}5555/, digits('5555555555554444')] },
  { kind: 'IBAN lower case with dashes', text: 'iban de89-3704-0044-0532-0130-00', needles: [/3704-0044/, /de89-3704/i, digits('370400440532013000')] },
  { kind: 'IPv6', text: 'from fe80::1ff:fe23:4567:890a', needles: [/fe23:4567/] },
  { kind: 'IPv4', text: 'from 203.0.113.77', needles: [/203\.0\.113\.77/] },
  { kind: 'US SSN', text: 'my SSN is 078-05-1120', needles: [/078-05-1120/, digits('078051120')] },
  { kind: 'password', text: 'my password is Hunter2Secret', needles: [/Hunter2Secret/i] },
  { kind: 'password (fr)', text: 'mon mot de passe est Soleil2024Planted', needles: [/Soleil2024Planted/i] },
  { kind: 'one-time code', text: 'the OTP is 739184', needles: [digits('739184')] },
  { kind: 'CVV', text: 'CVV 731', needles: [/CVV 731/i] },
  { kind: 'reset token', text: 'https://shop.example/reset?token=Zq8rT4pLm2Xw', needles: [/Zq8rT4pLm2Xw/] },
  { kind: 'name after a greeting', text: 'Hi Johnathan,', needles: [/Johnathan/] },
  { kind: 'name in a sign-off', text: 'Thanks,\nPriyanka Venkataraman', needles: [/Venkataraman/, /Priyanka/] },
  { kind: 'Arabic name after a greeting', text: 'مرحبا عبدالرحمن،', needles: [/عبدالرحمن/] },
  { kind: 'Chinese name', text: '我叫张伟龙，', needles: [/张伟龙/] },
  { kind: 'street address', text: 'ship to 221B Baker Street', needles: [/221B Baker/i, /Baker Street/i] },
  { kind: 'street address (de)', text: 'Lieferung an Hauptstraße 17', needles: [/Hauptstraße 17/] },
  { kind: 'Chinese id', text: '身份证号11010519491231002X', needles: [/11010519491231002X/i] },
];

/** Every plant, one per line, ending in a line break (a sign-off name ends its line). */
export const PLANTED_TEXT = `${PLANTS.map((p) => p.text).join('\n')}\n`;
const PLANTED_HTML = PLANTS.map((p) => `<p>${p.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`).join('');

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}|\w{3} \w{3} \d{1,2} \d{2}:\d{2})/;
const TIME_KEY = /(_at|At|time|Time|date|Date|since|until)$/;
const ID_KEY = /(^id$|_id$|Id$)/;

/** A field's value with the plants appended: as paragraphs in HTML, as lines in text. */
export function plantInto(value: string): string {
  return /<\/?[a-z][^>]*>/i.test(value) ? `${value}${PLANTED_HTML}` : `${value}\n${PLANTED_TEXT}`;
}

/**
 * Every string field of a JSON value planted (and numeric ids, which become strings), except timestamps,
 * which would only make the record unreadable. Keys are the format's, never a person's: left alone.
 */
export function plantJson(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return TIMESTAMP.test(value) || TIME_KEY.test(key) ? value : plantInto(value);
  if (typeof value === 'number') return ID_KEY.test(key) ? plantInto(String(value)) : value;
  if (Array.isArray(value)) return value.map((v) => plantJson(v, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plantJson(v, k)]));
  return value;
}

export function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Where a needle was found: the place (an S3 key, an item, a command) and the text around it. */
export interface Leak {
  kind: string;
  where: string;
  around: string;
}

export function findLeaks(where: string, text: string): Leak[] {
  const leaks: Leak[] = [];
  for (const plant of PLANTS) {
    for (const needle of plant.needles) {
      const m = needle.exec(text);
      if (m) leaks.push({ kind: plant.kind, where, around: text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 60) });
    }
  }
  return leaks;
}
