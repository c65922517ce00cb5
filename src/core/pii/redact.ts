/**
 * PII redaction, applied at ingest before any text is stored for analysis, aggregated or quoted.
 * Each match becomes a typed placeholder such as [EMAIL] so the text still reads naturally and
 * analysis can tell a "send it to [EMAIL]" request from noise.
 */

export type PiiKind = 'EMAIL' | 'CARD' | 'IBAN' | 'PHONE' | 'IP' | 'URL_TOKEN' | 'CUSTOM';

export interface RedactionRule {
  kind: PiiKind | string;
  pattern: RegExp;
  /** Extra check on a match (e.g. Luhn for cards) so ordinary numbers survive. */
  accept?: (match: string) => boolean;
}

export function luhnValid(digits: string): boolean {
  const d = digits.replace(/\D/g, '');
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
  const s = candidate.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const DATE_LIKE = /^\s*(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})\s*$/;

function looksLikePhone(match: string): boolean {
  const digits = match.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15 && !DATE_LIKE.test(match);
}

// Order matters: cards and IBANs before phones, since their digit runs would also look like phones.
export const DEFAULT_RULES: RedactionRule[] = [
  { kind: 'EMAIL', pattern: /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,6}\.[\p{L}]{2,24}/gu }, // bounded: no catastrophic scans of long tokens
  { kind: 'CARD', pattern: /\b(?:\d[ -]?){12,18}\d\b/g, accept: luhnValid },
  { kind: 'IBAN', pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g, accept: ibanValid },
  { kind: 'IP', pattern: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g },
  // International or national phone numbers: 8+ digits with usual separators, not part of a longer token.
  { kind: 'PHONE', pattern: /(?<![\w/])(?:\+|00)?\d{1,3}?[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){2,4}(?![\w/])/g, accept: looksLikePhone },
];

export interface Redactor {
  redact(text: string): string;
}

export function createRedactor(extraRules: RedactionRule[] = []): Redactor {
  const rules = [...DEFAULT_RULES, ...extraRules];
  return {
    redact(text: string): string {
      let out = text;
      for (const rule of rules) {
        out = out.replace(rule.pattern, (match) => (rule.accept && !rule.accept(match) ? match : `[${rule.kind}]`));
      }
      return out;
    },
  };
}

/** Configurable patterns from the environment/CLI: "KIND=regex" entries, e.g. "ORDER=\\bORD-\\d{6}\\b". */
export function parseCustomRules(specs: string[]): RedactionRule[] {
  return specs.map((spec) => {
    const eq = spec.indexOf('=');
    if (eq < 1) throw new Error(`redaction rule "${spec}" must look like KIND=regex`);
    return { kind: spec.slice(0, eq).toUpperCase(), pattern: new RegExp(spec.slice(eq + 1), 'gu') };
  });
}
