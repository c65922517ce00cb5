/**
 * Stands in for the `stopwords-iso` package in the Lambda bundles (see HANDLER_ALIASES).
 *
 * natural's German stemmer requires the whole package (stop words of 60 languages, ~300 KB minified) only to
 * read `.de` for its tokenizeAndStem helper, which voc-insights never calls; the stemmer itself needs none.
 * This module gives it German — the same list the analysis uses — so the bundle carries one language.
 */
import STOPWORDS from '../../src/core/analysis/languages/stopwords.js';

export const de: readonly string[] = (STOPWORDS.de ?? '').split(' ');
