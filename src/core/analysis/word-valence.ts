/**
 * Valence of a single word under a lexicon, with the fall-backs: the pack's own word forms (plurals, suffixes,
 * clitics, glued negation), compound heads, base-lexicon stems, elongation; and hashtags.
 */
import type { Lexicon } from './languages/types';

/** Factor applied to a negated opinion word ("not good" is less bad than "bad" is bad). */
export const NEGATION_SCALAR = -0.75;

/** Compound-head results per "lang:word" (German/Dutch words repeat a lot). */
const compoundMemo = new Map<string, number | null>();

export function lookup(lex: Lexicon, w: string): number | undefined {
  const v = lex.entries.get(w);
  if (v !== undefined) return v;
  const form = lex.pack.wordForm?.(lex, w);
  if (form !== undefined) return form ?? undefined;
  if (lex.compoundHeads.size && w.length >= 8) {
    const key = lex.lang + ':' + w;
    const memo = compoundMemo.get(key);
    if (memo !== undefined) {
      if (memo !== null) return memo;
    } else {
      let found: number | null = null;
      for (let i = 3; i <= w.length - 5 && found === null; i++) found = lex.compoundHeads.get(w.slice(i)) ?? null;
      if (compoundMemo.size > 50_000) compoundMemo.clear();
      compoundMemo.set(key, found);
      if (found !== null) return found;
    }
  }
  for (const [p, pv] of lex.prefixes) if (w.startsWith(p)) return pv;
  // "soo" -> "so" after squeezing an elongation to two letters.
  if (/(\p{L})\1/u.test(w)) return lex.entries.get(w.replace(/(\p{L})\1+/gu, '$1'));
  return undefined;
}

/** "#worstairlineever" -> strongest lexicon word it starts or ends with. */
export function hashtagValence(lex: Lexicon, tag: string): number | undefined {
  let best: number | undefined;
  if (tag.length < 8) return undefined;
  // Parts of at least five letters leaving at least three ("#oscars" must not read as "scars").
  for (let i = 5; i <= tag.length - 3; i++) {
    for (const part of [tag.slice(0, i), tag.slice(tag.length - i)]) {
      const v = lex.entries.get(part);
      if (v !== undefined && (best === undefined || Math.abs(v) > Math.abs(best))) best = v;
    }
  }
  return best;
}

export function isNegator(lex: Lexicon, w: string): boolean {
  if (lex.negators.has(w)) return true;
  return lex.pack.negatorForm?.(w) ?? false;
}

