/** French: the CLiPS Pattern lexicon bundled with natural as base, support-talk words, accent-less chat spellings. */
import type { LanguagePack } from '../types';
import base from './base';
import * as source from './lexicon';

export const fr: LanguagePack = { code: 'fr', source, base, accentFallback: true, stillWords: ['toujours', 'encore'] };
