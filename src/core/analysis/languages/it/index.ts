/** Italian: the CLiPS Pattern lexicon bundled with natural as base, support-talk words. */
import type { LanguagePack } from '../types';
import base from './base';
import * as source from './lexicon';

export const it: LanguagePack = { code: 'it', source, base, stillWords: ['ancora'] };
