/** How Chinese is written, for theme tokens, phrases and concepts. */
import type { WritingSystem } from '../types';

// The ICU dictionary finds the words, cutting everyday compounds into single characters ("外|卖"); concept terms
// match inside the unspaced text.
export const chineseWriting: WritingSystem = { segmented: true, unspacedPhrases: true, pairSingleCharacters: true, conceptsInsideWords: true };
