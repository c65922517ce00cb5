/** How Arabic is written, for theme features and concepts: the article and clitics glued in front of a word. */
import type { WritingSystem } from '../types';

/** "وال", "بال", "كال", "فال", "لل", "ال" (and the, with the, like the, so the, for the, the) before a word of 3+ letters. */
const ARTICLE = /^(?:وال|بال|كال|فال|لل|ال)(?=\S{3,})/u;

export const arabicWriting: WritingSystem = {
  themeStem: (word) => word.replace(ARTICLE, ''),
  // و/ف (and), then ب/ل/ك (with, for, like) or لل (for the), then ال (the): "وبالتوصيل" is "and with the delivery".
  conceptPrefix: '(?:[وف])?(?:لل|[بلك])?(?:ال)?',
};
