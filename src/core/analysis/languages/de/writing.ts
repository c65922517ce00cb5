/** How German is written, for theme features and reply templates. */
import type { WritingSystem } from '../types';

// Nouns are capitalised: a capitalised word mid-sentence is not a name.
export const germanWriting: WritingSystem = { capitalisedNouns: true };
