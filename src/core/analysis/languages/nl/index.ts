/** Dutch: the CLiPS Pattern lexicon bundled with natural as base, support-talk words, compounds. */
import type { LanguagePack } from '../types';
import base from './base';
import * as source from './lexicon';

export const nl: LanguagePack = {
  code: 'nl',
  source,
  base,
  compounds: true,
  // The participle comes last ("de storing is verholpen"): resolvers are looked for further.
  rules: { resolverReach: 6 },
  stillWords: ['nog', 'steeds'],
};
