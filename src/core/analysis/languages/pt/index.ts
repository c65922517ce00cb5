/** Portuguese: the AFINN translation bundled with natural as base, support-talk words, accent-less chat spellings. */
import type { LanguagePack } from '../types';
import base from './base';
import * as source from './lexicon';

export const pt: LanguagePack = { code: 'pt', source, base, accentFallback: true, stillWords: ['ainda', 'continua', 'continuo'] };
