/** Chinese: hand-written delivery / e-commerce lexicon, matched by forward maximum matching (tokens.ts). */
import type { LanguagePack } from '../types';
import * as source from './lexicon';
import { zhTokens } from './tokens';

export const zh: LanguagePack = {
  code: 'zh',
  source,
  unspaced: true,
  // Entries are matched whole by the tokenizer; two tokens cover "不 + entry" style splits.
  maxPhrase: 2,
  tokens: zhTokens,
  rules: {
    // Tokens are often single characters ("没有|传|说|中|好"): the look-back spans more of them. A negated complaint
    // ("不慢") removes the complaint but is not praise; the lexicalised positives ("没问题") are phrase entries.
    negationScope: 4,
    negatedComplaint: 0,
    // "X都没有" (not even X) ends on the negator.
    clauseFinalNegation: true,
    // "太X(了)" (too X) closing a clause, X no opinion word of its own ("太辣了", "汤太咸"), is a complaint.
    excess: { word: '太', closers: new Set(['了', '啦']) },
  },
};
