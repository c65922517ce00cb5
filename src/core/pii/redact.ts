/**
 * PII redaction, applied at ingest to every field a person can fill before anything is stored for
 * analysis, aggregated or quoted. Each finding becomes a typed placeholder such as [EMAIL] so the text
 * still reads naturally and analysis can tell a "send it to [EMAIL]" request from noise.
 *
 * Detectors (one module per family) claim spans of the original text; the first claim on a span wins, in
 * the order below: configured patterns, secrets after their cue words, credentials in URLs, e-mails,
 * IBANs, national ids, cards, IP addresses, phones, street addresses, names.
 */
import { addresses } from './addresses';
import { emails, urlSecrets } from './contacts';
import { regexDetector, type Detector, type Span } from './detector';
import { names } from './names';
import { cards, ibans, ipv4, ipv6, nationalIds, phones } from './numbers';
import { secrets } from './secrets';

export { ibanValid, luhnValid } from './numbers';
export type { Detector } from './detector';

export type PiiKind = 'EMAIL' | 'CARD' | 'IBAN' | 'PHONE' | 'IP' | 'NATIONAL_ID' | 'SECRET' | 'NAME' | 'ADDRESS' | 'URL_TOKEN' | 'CUSTOM';

export const DEFAULT_DETECTORS: Detector[] = [secrets, ...urlSecrets, ...emails, ibans, ...nationalIds, cards, ipv4, ipv6, phones, ...addresses, names];

export interface Finding extends Span {
  kind: string;
}

export interface Redactor {
  /**
   * Free text (a message, a comment, a subject): every finding replaced by its placeholder. With
   * `identifier: true` the text is read as find() reads identifiers (bare digit runs are ids).
   */
  redact(text: string, options?: { identifier?: boolean }): string;
  /**
   * What the text holds. `identifier: true` reads it as an identifier field (an id, a tag, a team name): a value
   * that is nothing but digits is the help desk's own number, not a phone or card.
   */
  find(text: string, options?: { identifier?: boolean }): Finding[];
}

/** A custom pattern from `KIND=regex`: the match is replaced by `[KIND]`. */
export interface RedactionRule {
  kind: string;
  pattern: RegExp;
}

const BARE_DIGITS = /^\p{Nd}+$/u;

export function createRedactor(extraRules: RedactionRule[] = []): Redactor {
  const custom = extraRules.map((r) => regexDetector(r.kind, new RegExp(r.pattern.source, r.pattern.flags.includes('g') ? r.pattern.flags : `${r.pattern.flags}g`)));
  const detectors = [...custom, ...DEFAULT_DETECTORS];

  const find = (text: string, options: { identifier?: boolean } = {}): Finding[] => {
    const claimed: Finding[] = [];
    if (!text) return claimed;
    // An identifier that is nothing but digits is the help desk's number, whatever its length.
    const bareNumber = options.identifier === true && BARE_DIGITS.test(text.trim());
    for (const detector of detectors) {
      if (bareNumber && detector.numeric) continue;
      detector.find(text, (start, end) => {
        if (end <= start) return;
        for (const c of claimed) if (c.start < end && start < c.end) return;
        claimed.push({ start, end, kind: detector.kind });
      });
    }
    return claimed.sort((a, b) => a.start - b.start);
  };

  return {
    find,
    redact(text, options) {
      const findings = find(text, options);
      if (!findings.length) return text;
      let out = '';
      let at = 0;
      for (const f of findings) {
        out += `${text.slice(at, f.start)}[${f.kind}]`;
        at = f.end;
      }
      return out + text.slice(at);
    },
  };
}

/** Configurable patterns from the environment/CLI: "KIND=regex" entries, e.g. "ORDER=\\bORD-\\d{6}\\b". */
export function parseCustomRules(specs: string[]): RedactionRule[] {
  return specs.map((spec) => {
    const eq = spec.indexOf('=');
    if (eq < 1) throw new Error(`redaction rule "${spec}" must look like KIND=regex`);
    const kind = spec.slice(0, eq).toUpperCase();
    if (!/^[A-Z_]+$/.test(kind)) throw new Error(`redaction rule "${spec}": KIND must be letters and underscores (it becomes the placeholder [${kind}])`);
    return { kind, pattern: new RegExp(spec.slice(eq + 1), 'gu') };
  });
}
