/**
 * Public API of the analysis core: language, sentiment, tokens and themes. Pure TypeScript, no I/O.
 *
 * Modules: normalize (canonical text, Arabic/Persian unification) · language (script + word/trigram profiles)
 * · segment / tokenize / stem (content tokens) · languages/ (one pack per language: lexicon, rules, tokenizer and
 * word-form hooks; <lang>/base.ts is generated from MIT-licensed packages by languages/generate-base.ts)
 * · sentiment-tokens / word-valence / emoji / sentiment (rule-based scoring, the same passes for every language) · features / lsa / kmeans / cluster / keyphrases / ids / theme-model / themes
 * (theme discovery and assignment) · concepts (the same support topic across languages).
 */
export { detectLanguage } from './language';
export { analyzeSentiment, type Sentiment, type SentimentLabel } from './sentiment';
export { tokenize } from './tokenize';
export { discoverThemes, assignTheme, chatterUnder, reasonUnder, sharedWordsUnder, OTHER_THEME, type ThemeDoc, type Theme, type ThemeCatalogue } from './themes';
