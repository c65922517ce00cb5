/** Arabic word forms on look-up: negation glued to the word, and clitics around a stem, fall back to its entry. */
import { NEGATION_SCALAR } from '../../word-valence';
import type { Lexicon } from '../types';

const AR_SUFFIXES = ['ها', 'هم', 'ين', 'ون', 'ات', 'ه', 'ة', 'ي', 'ا', 'كم', 'نا', 'ك'];
/** Attached pronouns, before which ة is written ت: "جودتها" is جودة + ها, "نظافته" نظافة + ه. */
const AR_PRONOUNS = new Set(['ها', 'هم', 'ه', 'ي', 'كم', 'نا', 'ك']);
/** و and the article with its prepositions: prefixes that are never the start of a stem. */
const AR_SAFE_PREFIX = /^(?:وال|فال|بال|كال|لل|ال|و)(?=\S{3,})/u;
/** A bare ف / ب, which also start many stems: "فروع" is not ف + "روع", "باردا" not ب + "اردا". */
const AR_BARE_PREFIX = /^و?[فب](?=\S{4,})/u;

export function arabicWordForm(lex: Lexicon, w: string): number | undefined {
  if (w.length <= 3) return undefined;
  // Negation glued to the word: "لايستحق", "مايستاهل".
  const neg = /^(?:و|ف)?(?:لا|ما)(?=\S{3,})/u.exec(w);
  if (neg) {
    const v2 = lex.entries.get(w.slice(neg[0].length));
    if (v2 !== undefined) return v2 * NEGATION_SCALAR;
  }
  return arabicStem(lex, w);
}

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
