/**
 * Theme features of a document: stemmed content unigrams plus adjacent bigrams, and the surface phrases they
 * come from (for readable keyphrases). Shared by discovery and assignment so both see the same vectors.
 */
import { writingOf } from './languages';
import { stem } from './stem';
import { placedTokens } from './tokenize';

export interface DocFeatures {
  /** feature keys: "stem" for unigrams, "stem1 stem2" for bigrams (no separator issue for zh: "a b") */
  terms: string[];
  /** surface phrases keyed by feature key */
  surface: Map<string, string>;
}

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

/** A bigram's surface keeps up to this many words that stood between its two content words ("period for my ticket"). */
const MAX_GAP_WORDS = 2;

export function docFeatures(text: string, lang: string): DocFeatures {
  return features(text, lang, true);
}

/** The feature keys alone: what assignment needs (no surface phrases to build). */
export function docTerms(text: string, lang: string): string[] {
  return features(text, lang, false).terms;
}

function features(text: string, lang: string, withSurface: boolean): DocFeatures {
  const drop = BOILERPLATE[lang];
  const placed = placedTokens(text, lang);
  const kept = drop ? placed.tokens.filter((t) => !drop.has(t.w)) : placed.tokens;
  const toks = kept.map((t) => t.w);
  const stems = toks.map((t) => lightStem(t, lang));
  const sep = writingOf(lang).unspacedPhrases ? '' : ' ';
  const terms: string[] = [];
  const surface = new Map<string, string>();
  let flat: string | undefined;
  /** The words from..to as written, if few enough stood between and no punctuation did ("order, the parcel"). */
  const writtenSpan = (from: number, to: number): string | undefined => {
    if (to - from - 1 > MAX_GAP_WORDS || to - from < 2) return undefined;
    const span = placed.words.slice(from, to + 1).join(sep);
    flat ??= placed.normalized.replace(/\s+/g, sep || ' ');
    return flat.includes(span) ? span : undefined;
  };
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i]!;
    terms.push(s);
    if (withSurface && !surface.has(s)) surface.set(s, toks[i]!);
    if (i + 1 < stems.length && stems[i + 1] !== s) {
      const b = s + ' ' + stems[i + 1]!;
      terms.push(b);
      // Shown as the customer wrote it when only a short function word stood between ("track my order", not
      // "track order"); otherwise as the two content words.
      if (withSurface && !surface.has(b)) surface.set(b, writtenSpan(kept[i]!.at, kept[i + 1]!.at) ?? toks[i]! + sep + toks[i + 1]!);
    }
  }
  return { terms, surface };
}
