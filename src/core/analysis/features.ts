/**
 * Theme features of a document: stemmed content unigrams plus adjacent bigrams. Shared by discovery and
 * assignment so both see the same vectors (labels are built from phrases as written, in labels.ts).
 */
import { writingOf } from './languages/writing';
import { stem } from './stem';
import { placedTokens } from './tokenize';

/** The language's own theme stem (Arabic article, Persian suffixes), else its Snowball stemmer. */
function lightStem(tok: string, lang: string): string {
  const own = writingOf(lang).themeStem;
  return own ? own(tok) : stem(tok, lang);
}

/**
 * Support boilerplate: words that occur in requests on any topic ("can you help", "I want to know", "please tell
 * me") and so only blur themes. Dropped from theme features (not from sentiment, which tokenizes separately).
 */
const BOILERPLATE: Record<string, Set<string>> = {
  en: new Set(
    `hi hello hey thanks thank please pls help helping helped want wanted wants need needs needed know knowing tell told
    ask asked asking agent someone anyone anybody something anything like would could can get got getting even
    sure really way going go trying try tried guys make made let see look looking possible able
    question questions ok okay yes hope well much many thing things`.split(/\s+/),
  ),
};

/** Theme features of a text: stemmed content unigrams and adjacent bigrams (support boilerplate left out). */
export function docTerms(text: string, lang: string): string[] {
  const drop = BOILERPLATE[lang];
  const placed = placedTokens(text, lang);
  const stems = (drop ? placed.tokens.filter((t) => !drop.has(t.w)) : placed.tokens).map((t) => lightStem(t.w, lang));
  const terms: string[] = [];
  for (let i = 0; i < stems.length; i++) {
    terms.push(stems[i]!);
    if (i + 1 < stems.length && stems[i + 1] !== stems[i]) terms.push(`${stems[i]} ${stems[i + 1]}`);
  }
  return terms;
}
