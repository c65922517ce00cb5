/**
 * Japanese: how it is written, for theme tokens and phrases. No sentiment pack yet: its conversations are `unscored`
 * (language identified, no lexicon), never folded into neutral.
 */
import type { WritingSystem } from '../types';

export const jaWriting: WritingSystem = { segmented: true, unspacedPhrases: true };
