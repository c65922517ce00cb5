/**
 * Arabic token pass before sentiment scoring: settles what a token is before the engine looks it up.
 *  - "ما" is a negator, but also a relative ("اهم ما يميزه" = what sets it apart) and an exclamative
 *    ("ما اجمل" = how beautiful); "ولا اروع" (none finer) is praise, not negation.
 *  - Egyptian/Levantine circumfix negation "ما...ش" ("ماعجبنيش") becomes "ما" + the word; "نوعا ما" (somewhat)
 *    is one downtoner, a clause-final "بس" is "only", and "ولا" before a plain noun is dialect "or".
 *  - Spelling variants: hamza seats (سيئ / سيء / سي) and stacked clitics ("وبالتوفيق", "وجودتها")
 *    fall back to the lexicon's own form when the token has no entry of its own.
 *  - A few constructions become marker tokens scored in lexicon.ts: "X افضل منه" (X beats it), a denied aspect
 *    ("ما فيه نظافة", "النظافة لا توجد"), regret ("ياليتني ما جربته"). Written scores ("8 من 10") are read by
 *    writtenRating() in sentiment.ts, as for every language.
 *  - Negation glued to a verb ("لايوجد") is split; fillers ("ما فيه شي مميز") do not use up its reach; "الا ان" is
 *    "but"; praise in a "كان ..." clause is dropped when the text goes on to say what it is like now.
 *
 * This file runs the pass in order; the rules live in negation.ts (does this word negate?),
 * constructions.ts (phrases scored as a unit) and word-forms.ts (what a written word stands for).
 */
import type { Lexicon, Tok } from '../types';
import { markAdviseAgainst, markCantDoJustice, markComparisons, markExpectations, markMissingAspects, markNothingBeats, markNothingLike, markPastPraise, markPrevented, markRegret } from './constructions';
import { disambiguateMa, dropFillers, frontPostposedDenial, markBareNone, markExceptives, spacedCircumfix } from './negation';
import { normSet, word } from './token-utils';
import { resolveWord, unglueObjectPronouns, unglueHeadClitics } from './word-forms';


/** "الا ان" / "غير ان" (except that): the formal "however", read as لكن. Alone, الا is mostly "except" / "only". */
const HOWEVER_FIRST = normSet('الا والا غير');
const HOWEVER_SECOND = normSet('ان انه انها انهم');

/** "نوعا ما", "الى حد ما", "لحد ما" (somewhat) as one downtoner token (lexicon.ts): its "ما" is no negator. */
export const AR_SOMEWHAT = 'نوعاما';
const SOMEWHAT_START = normSet('نوعا حد لحد');
/** Length of a "somewhat" idiom starting at i, or 0. */
function somewhatLength(toks: Tok[], i: number): number {
  const w = toks[i]!.w;
  if (SOMEWHAT_START.has(w) && toks[i + 1]?.w === 'ما') return 2;
  if ((w === 'الي' || w === 'والي') && toks[i + 1]?.w === 'حد' && toks[i + 2]?.w === 'ما') return 3;
  return 0;
}

export function arabicTokens(toks: Tok[], lex: Lexicon): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.boundary) {
      out.push(t);
      continue;
    }
    // MSA "الا ان" / "غير ان" (except that = however) is the formal "but".
    if (HOWEVER_FIRST.has(t.w) && HOWEVER_SECOND.has(toks[i + 1]?.w ?? '')) {
      out.push(word('لكن'));
      i++;
      continue;
    }
    const somewhat = somewhatLength(toks, i);
    if (somewhat) {
      out.push(word(AR_SOMEWHAT));
      i += somewhat - 1;
      continue;
    }
    const words = resolveWord(lex, t.w, t.alt);
    if (words.length === 1 && words[0] === t.w) out.push(t);
    else if (words.length === 1) out.push({ ...t, w: words[0]! });
    else for (const w of words) out.push(word(w));
  }
  dropFillers(out, lex);
  markBareNone(out, lex);
  spacedCircumfix(out, lex);
  frontPostposedDenial(out);
  disambiguateMa(out, lex);
  markNothingBeats(out, lex);
  markNothingLike(out, lex);
  markAdviseAgainst(out, lex);
  markComparisons(out, lex);
  markMissingAspects(out, lex);
  markPastPraise(out, lex);
  markRegret(out, lex);
  markExceptives(out, lex);
  unglueHeadClitics(out, lex);
  unglueObjectPronouns(out, lex);
  markPrevented(out, lex);
  markExpectations(out, lex);
  markCantDoJustice(out);
  return out;
}
