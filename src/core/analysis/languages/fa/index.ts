/** Persian: hand-written food-delivery lexicon, post-verbal negation, suffixed word forms. */
import type { LanguagePack } from '../types';
import * as source from './lexicon';
import { persianWordForm } from './word-forms';

export const fa: LanguagePack = {
  code: 'fa',
  source,
  wordForm: persianWordForm,
  rules: {
    // Reviews open with the verdict and add reservations with "ولی"/"اما" ("خوب بود ولی یکم سرد بود"): the later
    // clause counts only a little more. "۲۰۰ گرمی" is 200 grams, not warm. Scores may be typed scale first ("10/8").
    contrast: [0.9, 1.1],
    unitHomographs: new Set(['گرم', 'گرمی']),
    scaleFirstScores: true,
    // "خوب هم نبود": one word may stand between the opinion and the negated copula.
    postNegationGap: true,
  },
};
