/**
 * The sentiment language packs: one folder per language (lexicon, rules, tokenizer and word-form hooks, rating and
 * still-words) behind one interface (types.ts). Adding a language is adding a folder and one line here (and one in
 * writing.ts if it is written in a way of its own). This is the single entry point per language for sentiment: a
 * pack's lexicon is built on first use of that language only. How a language is written is writing.ts's, which
 * imports no lexicon.
 */
import { ar } from './ar';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fa } from './fa';
import { fr } from './fr';
import { it } from './it';
import { buildLexicon } from './lexicon';
import { nl } from './nl';
import { pt } from './pt';
import { DEFAULT_RULES } from './rules';
import type { LanguagePack, LanguageRules, Lexicon } from './types';
import { zh } from './zh';

export type { LanguagePack, LanguageRules, Lexicon, Tok, WritingSystem } from './types';

const PACKS: Record<string, LanguagePack> = { en, es, fr, de, pt, it, nl, zh, fa, ar };

/** Languages with a sentiment lexicon of their own. */
export const SCORED_LANGUAGES: readonly string[] = Object.keys(PACKS);

/** The pack for `lang`, or undefined when the language has none. */
export function packFor(lang: string): LanguagePack | undefined {
  return PACKS[lang];
}

const lexicons = new Map<string, Lexicon>();

/** Sentiment resources for `lang` (English ones for languages without their own pack). */
export function getLexicon(lang: string): Lexicon {
  const pack = PACKS[lang] ?? en;
  let lex = lexicons.get(pack.code);
  if (!lex) lexicons.set(pack.code, (lex = buildLexicon(pack)));
  return lex;
}

const rulesCache = new Map<string, LanguageRules>();
/** The scoring rules for `lang`: the defaults with its pack's overrides (the defaults alone without a pack). */
export function rulesFor(lang: string): LanguageRules {
  let r = rulesCache.get(lang);
  if (!r) rulesCache.set(lang, (r = { ...DEFAULT_RULES, ...PACKS[lang]?.rules }));
  return r;
}
