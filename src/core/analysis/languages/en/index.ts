/** English: AFINN-165 base, support-talk words, plural and possessive forms, "n't" negation, request questions. */
import type { LanguagePack } from '../types';
import base from './base';
import * as source from './lexicon';

export const en: LanguagePack = {
  code: 'en',
  source,
  base,
  // A negated complaint word ("no chance in hell", "not late") removes the complaint but is not praise; the
  // lexicalised positives ("not bad", "no problem") are phrase entries.
  rules: { negatedComplaint: 0 },
  // "delays" and "airline's" are the entry's word; a plural with no entry is settled (no stem or elongation guess).
  wordForm(lex, w) {
    if (w.endsWith("'s")) return lex.entries.get(w.slice(0, -2)) ?? null;
    if (w.length > 3 && w.endsWith('s')) return lex.entries.get(w.slice(0, -1)) ?? null;
    return undefined;
  },
  negatorForm: (w) => w.endsWith("n't"),
  stillWords: ['still', 'yet'],
  // "can you tell me…?", "do you have…?", "is my flight on time?", after any greeting or @mention. "why" and "how
  // come" are left out: they open complaints.
  requestOpener: /^(?:\s*(?:@\w+|hi|hello|hey)[\s,!:.-]*)*(?:is|are|am|will|would|do|does|did|has|have|can|could|should|may|what|what's|when|where|which|who|how do|how can|how much|how many|please|pls|any)\b/i,
};
