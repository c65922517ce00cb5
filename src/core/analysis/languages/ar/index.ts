/**
 * Arabic (MSA and Gulf, Egyptian, Levantine dialect): hand-written lexicon, a token pass that settles negation and
 * constructions before look-up (tokens.ts), clitic and glued-negation word forms (stem.ts).
 */
import { latinTokens } from '../../sentiment-tokens';
import type { LanguagePack } from '../types';
import * as source from './lexicon';
import { arabicWordForm } from './stem';
import { arabicTokens } from './tokens';

export const ar: LanguagePack = {
  code: 'ar',
  source,
  tokens: (norm, lex) => arabicTokens(latinTokens(norm), lex),
  wordForm: arabicWordForm,
  rules: {
    scaleFirstScores: true,
    // Negation sits right before what it negates ("لا يستحق", "مو حلو"); a reach of three crossed into the next clause.
    negationScope: 2,
    // Reviews ask rhetorical questions on the way ("وين النظافة؟"): in a long text a question mark is one sentence
    // among many.
    rhetoricalQuestionWords: 20,
    // A recommendation or a promise to come back is the verdict, on either side of "لكن" / "بس" (with و / ف glued on).
    verdict: /(?:^|\s)[وف]?(?:انصح|ننصح|اوصي|نوصي|ارشح|نرشح|اكرر|نكرر|بكرر|بنكرر|ساكرر|ارجع|نرجع|اعود|نعود|ساعود|يستاهل|تستاهل|يستحق|تستحق)/u,
    // "غير" before an adjective is its antonym ("غير عملي" = impractical, "غير مقبول" = unacceptable).
    privative: { words: new Set(['غير', 'وغير', 'فغير', 'بغير']), scalar: -1.25 },
    // "جميل جدا": intensifiers also follow.
    postIntensifiers: true,
  },
};
