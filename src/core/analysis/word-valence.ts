/**
 * Valence of a single word under a lexicon, with the per-language fall-backs: English plurals, Persian
 * suffixes, Arabic clitics and glued negation, German/Dutch compound heads, elongation, hashtags.
 */
import type { Lexicon } from './lexicons/index';

/** Factor applied to a negated opinion word ("not good" is less bad than "bad" is bad). */
export const NEGATION_SCALAR = -0.75;

/** Compound-head results per "lang:word" (German/Dutch words repeat a lot). */
const compoundMemo = new Map<string, number | null>();

export function lookup(lex: Lexicon, w: string): number | undefined {
  const v = lex.entries.get(w);
  if (v !== undefined) return v;
  if (lex.lang === 'en') {
    if (w.endsWith("'s")) return lex.entries.get(w.slice(0, -2));
    if (w.length > 3 && w.endsWith('s')) return lex.entries.get(w.slice(0, -1));
  }
  if (lex.lang === 'fa' && w.length > 3) {
    for (const suf of FA_SUFFIXES) if (w.endsWith(suf)) { const v2 = lex.entries.get(w.slice(0, -suf.length)); if (v2 !== undefined) return v2; }
  }
  if (lex.lang === 'ar' && w.length > 3) {
    // Negation glued to the word: "لايستحق", "مايستاهل".
    const neg = /^(?:و|ف)?(?:لا|ما)(?=\S{3,})/u.exec(w);
    if (neg) {
      const v2 = lex.entries.get(w.slice(neg[0].length));
      if (v2 !== undefined) return v2 * NEGATION_SCALAR;
    }
    const v2 = arabicStem(lex, w);
    if (v2 !== undefined) return v2;
  }
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

const FA_SUFFIXES = ['هایی', 'های', 'ها', 'ترین', 'تر', 'ای', 'ی', 'ه', 'ش', 'شون', 'ست', 'اش', 'یه'];
const AR_SUFFIXES = ['ها', 'هم', 'ين', 'ون', 'ات', 'ه', 'ة', 'ي', 'ا', 'كم', 'نا', 'ك'];
/** Attached pronouns, before which ة is written ت: "جودتها" is جودة + ها, "نظافته" نظافة + ه. */
const AR_PRONOUNS = new Set(['ها', 'هم', 'ه', 'ي', 'كم', 'نا', 'ك']);
/** و and the article with its prepositions: prefixes that are never the start of a stem. */
const AR_SAFE_PREFIX = /^(?:وال|فال|بال|كال|لل|ال|و)(?=\S{3,})/u;
/** A bare ف / ب, which also start many stems: "فروع" is not ف + "روع", "باردا" not ب + "اردا". */
const AR_BARE_PREFIX = /^و?[فب](?=\S{4,})/u;

/** Entry for a word under its clitics: the safe prefixes and the suffixes first, a bare ف / ب only for a 4+ letter stem. */
function arabicStem(lex: Lexicon, w: string): number | undefined {
  const core = w.replace(AR_SAFE_PREFIX, '');
  const v = withoutSuffix(lex, core, core !== w);
  if (v !== undefined) return v;
  const bare = AR_BARE_PREFIX.exec(core);
  return bare ? withoutSuffix(lex, core.slice(bare[0].length), true, 4) : undefined;
}

function withoutSuffix(lex: Lexicon, core: string, tryWhole: boolean, minStem = 3): number | undefined {
  if (tryWhole) { const v = lex.entries.get(core); if (v !== undefined) return v; }
  for (const suf of AR_SUFFIXES) {
    if (!core.endsWith(suf) || core.length - suf.length < minStem) continue;
    const stem = core.slice(0, -suf.length);
    const v = lex.entries.get(stem) ?? (AR_PRONOUNS.has(suf) && stem.endsWith('ت') ? lex.entries.get(stem.slice(0, -1) + 'ه') : undefined);
    if (v !== undefined) return v;
  }
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
  if (lex.lang === 'en' && w.endsWith("n't")) return true;
  return false;
}

