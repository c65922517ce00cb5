/** Helpers and token constants shared by the Arabic token pass (tokens.ts) and its rule modules. */
import { normalizeText } from '../../normalize';
import type { Lexicon, Tok } from '../types';

/** Word lists are written in ordinary spelling and normalised like the text (ى -> ي, ة -> ه). */
export const normSet = (words: string): Set<string> => new Set(normalizeText(words, 'ar').split(/\s+/).filter(Boolean));

/** Intensifier token (see lexicon.ts) standing for the exclamative "ما" / "ولا" before an elative. */
export const AR_EXCLAMATIVE = 'ماالتعجب';
/** A لا / ما that does not negate here (relative "ما", "ما زال", dialect "ولا" = or): scored as nothing. */
export const AR_NOT_NEGATING = 'ماالموصوله';

/**
 * Elatives ("افعل") that carry an opinion. Listed, not matched by pattern: first-person verbs share the shape
 * ("انصح" = I advise, "ولا انصح" = nor do I advise), and must stay negatable.
 */
const ELATIVES = normSet(
  'اجمل احلى الذ اطعم اروع اطيب احسن افضل انظف اسرع ارخص اسوء اسوا اخيس اوسخ اقذر اردا اردي ابشع اتعس اغلى',
);
export function isElative(w: string | undefined): boolean {
  return w !== undefined && ELATIVES.has(w);
}

export const word = (w: string): Tok => ({ w, boundary: false, elongated: false });

/** "there is" and "find" verbs: "ما في احلى", "لن تجد افضل". */
export const THERE_IS = normSet('في فيه فيها يوجد توجد اجد تجد نجد تلاقي تلقى بتلاقي لقيت تحصل احصل');

export const THERE_IS_NOT = normSet('مافي مافيه مافيش مفيش ماكو');
export const wordAt = (toks: Tok[], i: number): string | undefined => (toks[i] && !toks[i]!.boundary ? toks[i]!.w : undefined);

/** Length of the lexicon phrase that starts at i when its first word is read as `first`, or 0. */
export function phraseLength(toks: Tok[], i: number, first: string, lex: Lexicon): number {
  const maxL = lex.phraseStarts.get(first);
  if (!maxL) return 0;
  for (let L = Math.min(maxL, toks.length - i); L > 1; L--) {
    let key = first;
    let ok = true;
    for (let k = 1; k < L && ok; k++) {
      const w = wordAt(toks, i + k);
      if (w === undefined) ok = false;
      else key += ' ' + w;
    }
    if (ok && lex.entries.has(key)) return L;
  }
  return 0;
}
