/**
 * Public API of the analysis core: language, sentiment, tokens and themes. Pure TypeScript, no I/O.
 *
 * Modules: normalize (canonical text, Arabic/Persian unification) · language (script + word/trigram profiles)
 * · segment / tokenize / stem (content tokens) · lexicons/ (sentiment resources; base/ is generated from
 * MIT-licensed packages by lexicons/generate-base.ts) · sentiment-tokens / word-valence / emoji / sentiment
 * (rule-based scoring) · features / lsa / kmeans / cluster / keyphrases / ids / theme-model / themes
 * (theme discovery and assignment) · concepts (the same support topic across languages).
 */
export { detectLanguage } from './language';
export { analyzeSentiment, type Sentiment, type SentimentLabel } from './sentiment';
export { tokenize } from './tokenize';
export { discoverThemes, assignTheme, chatterUnder, reasonUnder, OTHER_THEME, type ThemeDoc, type Theme, type ThemeCatalogue } from './themes';
