/**
 * What a language pack is: the one interface the sentiment scorer calls for everything that differs between
 * languages (lexicon, grammar rules, tokenizer and word-form hooks, rating and still-words). Types only, so every
 * module of every pack can import it without an import circle.
 */

/** A token: a word, or a clause boundary (punctuation). */
export interface Tok {
  w: string;
  boundary: boolean;
  elongated: boolean;
  /** elongation squeezed to one letter ("ممتاااز" -> "ممتاز") */
  alt?: string;
}

/**
 * A pack's word lists as written by hand: "score: entry, entry, multi word phrase" lines (scores on the AFINN scale),
 * and space-separated operator words ("word:weight" for intensifiers).
 */
export interface LexiconSource {
  lexicon: string;
  negators: string;
  intensifiers: string;
  contrast: string;
  postNegators?: string;
  resolvers?: string;
  irrealis?: string;
}

export interface Lexicon {
  lang: string;
  /** the pack the lexicon was built from: its hooks (word forms, negator forms) are called on look-up */
  pack: LanguagePack;
  /** single words and multi-word phrases (joined by one space; for packs written without spaces, no separator) -> valence */
  entries: Map<string, number>;
  /** hand-written single-word entries usable as the head of a compound ("Dauerstreik" -> "streik"); packs with `compounds` */
  compoundHeads: Map<string, number>;
  /** stems from the base lexicon ("aprov*"), tried when a word has no entry of its own */
  prefixes: [string, number][];
  /** longest phrase length in tokens */
  maxPhrase: number;
  /** first word of a multi-word phrase -> longest such phrase in words (not used without spaces) */
  phraseStarts: Map<string, number>;
  negators: Set<string>;
  postNegators: Set<string>;
  /** words that close a problem ("fixed", "beendet"): a complaint word followed by one reads as good news */
  resolvers: Set<string>;
  intensifiers: Map<string, number>;
  contrast: Set<string>;
  /** modal / wish markers ("would", "hope"): praise right after one is wished for, not given */
  irrealis: Set<string>;
}

/** How a language's grammar and register adjust the scoring rules: defaults (rules.ts), then the pack's overrides. */
export interface LanguageRules {
  /** words a negator reaches forward */
  negationScope: number;
  /** words after a complaint where a resolver ("fixed", "beendet") turns it into good news */
  resolverReach: number;
  /** multiplier for a negated complaint word (a negated opinion otherwise gets NEGATION_SCALAR) */
  negatedComplaint: number;
  /** "A but B": weights of the clauses before and after the contrast word */
  contrast: [before: number, after: number];
  /** score from which a message is positive */
  positiveThreshold: number;
  /** weight of emoji/emoticons in a message where no word carries an opinion */
  loneEmojiWeight: number;
  /** past this many words, a question mark is rhetorical: the message is not damped as a question */
  rhetoricalQuestionWords: number;
  /** opinion words that are units of measure right after a number */
  unitHomographs: ReadonlySet<string>;
  /**
   * the writer's verdict (recommending, coming back): a phrase with one of these words keeps its full weight before a
   * "but" ("انصحكم فيه بس الاسعار مبالغ فيها" still recommends)
   */
  verdict?: RegExp;
  /**
   * negators that, right before an opinion word, make its antonym rather than deny it (Arabic "غير نظيف" = dirty,
   * like "un-"), and the multiplier they give: stronger than a clause negation ("ليس عمليا")
   */
  privative?: { words: ReadonlySet<string>; scalar: number };
  /** written right to left, where a score may be typed scale first: "10/8" is eight out of ten */
  scaleFirstScores?: boolean;
  /** intensifiers may also follow the opinion word they strengthen (Arabic "جميل جدا") */
  postIntensifiers?: boolean;
  /** one word may stand between an opinion word and the negated copula after it (Persian "خوب هم نبود") */
  postNegationGap?: boolean;
  /** a negator may close the clause and still deny ("X都没有", not even X) */
  clauseFinalNegation?: boolean;
  /** "too X" closing a clause, X no opinion word of its own, is a complaint (Chinese "太辣了"): the word and its closers */
  excess?: { word: string; closers: ReadonlySet<string> };
}

/**
 * How a language is written, for everything outside the sentiment scorer that splits, stems and matches words (theme
 * tokens and features, concepts, reply templates). Languages without a sentiment pack may have one too (Japanese).
 */
export interface WritingSystem {
  /** words are not separated by spaces: Intl.Segmenter finds them */
  segmented?: boolean;
  /** words join without a space inside a phrase, and a one-character word is a word (Chinese, Japanese) */
  unspacedPhrases?: boolean;
  /** the segmenter cuts everyday compounds into single characters: runs of them are paired into words ("外|卖") */
  pairSingleCharacters?: boolean;
  /** prefixes written apart that belong to the next word (Persian "می" / "نمی"): glued back on */
  detachedPrefixes?: ReadonlySet<string>;
  /** the theme stem of a content word (default: the language's Snowball stemmer, where there is one) */
  themeStem?(word: string): string;
  /** clitics a concept term may carry glued in front (a regular-expression source; Arabic "وبال…") */
  conceptPrefix?: string;
  /** concept terms match anywhere, without word boundaries or open endings (no spaces to bound them) */
  conceptsInsideWords?: boolean;
  /** nouns are capitalised (German): a capitalised word mid-sentence is not a name */
  capitalisedNouns?: boolean;
}

export interface LanguagePack {
  /** ISO 639-1 code */
  code: string;
  /** hand-written lexicon and operator words */
  source: LexiconSource;
  /** generated general-purpose base lexicon ("word<TAB>score" pairs encoded by base-lexicon.ts), overlaid by `source` */
  base?: string;
  /** the pack's overrides of the default scoring rules */
  rules?: Partial<LanguageRules>;
  /** written without spaces between words: phrases join with '' and are matched by length, not by first word */
  unspaced?: boolean;
  /** longest phrase, in tokens, the scorer tries (default: the lexicon's longest, at most 5) */
  maxPhrase?: number;
  /** compounds written as one word: a long word falls back to a hand-written entry it ends with ("Dauerstreik") */
  compounds?: boolean;
  /** chat drops accents ("pessimo"): an unaccented spelling falls back to the accented entry */
  accentFallback?: boolean;
  /** normalised text -> sentiment tokens (default: letters and punctuation, elongation squeezed) */
  tokens?(norm: string, lex: Lexicon): Tok[];
  /**
   * valence of a word form the lexicon has no entry for (plural, clitics, suffixes), before the generic fall-backs;
   * null: the form is settled as no opinion word (the generic fall-backs are not tried)
   */
  wordForm?(lex: Lexicon, w: string): number | null | undefined;
  /** a negator by its form rather than by the list ("n't") */
  negatorForm?(w: string): boolean;
  /** "still" / "yet": followed by a negator within the clause, a complaint about something still not done */
  stillWords?: readonly string[];
  /** opening of a question that asks for information or action rather than passing judgement */
  requestOpener?: RegExp;
}
