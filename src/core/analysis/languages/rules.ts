/** The scoring rules every language starts from; a pack overrides what its grammar or register needs (each measured). */
import { NEGATION_SCALAR } from '../word-valence';
import type { LanguageRules } from './types';

export const DEFAULT_RULES: LanguageRules = {
  negationScope: 3,
  resolverReach: 3,
  negatedComplaint: NEGATION_SCALAR,
  contrast: [0.75, 1.25],
  positiveThreshold: 0.25,
  loneEmojiWeight: 1,
  rhetoricalQuestionWords: Infinity,
  unitHomographs: new Set(),
};
