/**
 * Text normalisation shared by language identification, tokenisation and sentiment.
 * One job: turn raw support text into a canonical form (no tokenisation here).
 */
import { joinPersianPrefixes } from './languages/fa/script';

const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ZWNJ = /[\u200C\u200D\u200B\u200E\u200F\u2066-\u2069\uFEFF]/g;

/** Arabic/Persian letter unification. `target` picks the canonical yeh/kaf form. */
export function normalizeArabicScript(text: string, target: 'ar' | 'fa' = 'ar'): string {
  let t = text.replace(ARABIC_DIACRITICS, '').replace(TATWEEL, '');
  // Alef variants -> bare alef; teh marbuta kept (meaningful) but hamza-on-yeh/waw simplified.
  t = t.replace(/[أإآٱ]/g, 'ا');
  if (target === 'fa') {
    t = t.replace(/[يى]/g, 'ی').replace(/ك/g, 'ک').replace(/ة/g, 'ه').replace(/ۀ/g, 'ه');
  } else {
    t = t.replace(/[یى]/g, 'ي').replace(/ک/g, 'ك').replace(/ة/g, 'ه');
  }
  // Eastern Arabic and Persian digits -> ASCII digits.
  t = t.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return t;
}

/** Replace ZWNJ (Persian half-space) and other invisible joiners. `joinWith` '' glues the parts, ' ' splits them. */
export function stripInvisible(text: string, joinWith = ''): string {
  return text.replace(ZWNJ, joinWith);
}

/** Collapse runs of 3+ identical letters to 2 ("sooooo" -> "soo"); returns whether anything was elongated. */
export function squeezeElongation(word: string): { word: string; elongated: boolean } {
  const out = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  return { word: out, elongated: out !== word };
}

/** Remove reply/forward prefixes ("Re: Fwd:"), URLs, @mentions, e-mail addresses; keep hashtags' words. */
export function stripNoise(text: string): string {
  return text
    .replace(/^(\s*(re|fw|fwd|aw|wg|tr|rv)\s*:)+/i, ' ')
    .replace(/https?:\/\/\S+|www\.\S+/gi, ' ')
    .replace(/\S+@\S+\.\S+/g, ' ')
    .replace(/(^|[^\p{L}\p{N}_])@\w+/gu, '$1 ')
    .replace(/#(\w)/gu, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** Languages written in the Arabic script: their letters unified to the language's own forms (languages/fa/script.ts). */
const SCRIPT_FORMS: Record<string, (text: string) => string> = {
  fa: (t) => joinPersianPrefixes(normalizeArabicScript(stripInvisible(t, ''), 'fa')),
  ar: (t) => normalizeArabicScript(stripInvisible(t, ''), 'ar'),
};

/** General normalisation: NFKC, noise removal, lower case, script-specific unification. */
export function normalizeText(text: string, lang?: string): string {
  let t = stripNoise(text.normalize('NFKC')).replace(/[\uFE00-\uFE0F\u200B\u2060]/g, '');
  const script = lang ? SCRIPT_FORMS[lang] : undefined;
  if (script) t = script(t);
  return t.toLowerCase().replace(/[’‘`´]/g, "'");
}
