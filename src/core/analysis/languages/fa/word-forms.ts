/** Persian word forms: plural, comparative, indefinite and pronoun suffixes fall back to the entry of the stem. */
import type { Lexicon } from '../types';

const FA_SUFFIXES = ['هایی', 'های', 'ها', 'ترین', 'تر', 'ای', 'ی', 'ه', 'ش', 'شون', 'ست', 'اش', 'یه'];

export function persianWordForm(lex: Lexicon, w: string): number | undefined {
  if (w.length <= 3) return undefined;
  for (const suf of FA_SUFFIXES) if (w.endsWith(suf)) { const v = lex.entries.get(w.slice(0, -suf.length)); if (v !== undefined) return v; }
  return undefined;
}
