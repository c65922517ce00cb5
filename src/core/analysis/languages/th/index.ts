/** Thai: how it is written (no spaces between words), for theme tokens. No sentiment pack: its conversations are `unscored`. */
import type { WritingSystem } from '../types';

export const thWriting: WritingSystem = { segmented: true };
