/** Public API of the analysis core: language, sentiment, tokens and themes. Pure TypeScript, no I/O. */
export { detectLanguage } from './language';
export { analyzeSentiment, type Sentiment, type SentimentLabel } from './sentiment';
export { tokenize } from './tokenize';
export { discoverThemes, assignTheme, OTHER_THEME, type ThemeDoc, type Theme, type ThemeCatalogue } from './themes';
