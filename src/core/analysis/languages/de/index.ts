/** German: the CLiPS Pattern lexicon bundled with natural as base, support-talk words, compounds. */
import type { LanguagePack } from '../types';
import base from './base';
import * as source from './lexicon';

export const de: LanguagePack = {
  code: 'de',
  source,
  base,
  compounds: true,
  // German puts the participle last ("die Streiks der Lokführer werden beendet"): resolvers are looked for further.
  // Its base lexicon is CLiPS Pattern, in which many everyday adjectives ("groß", "feiert") carry a mild positive
  // polarity: one incidental adjective must not make a message positive. German social posts wink (";)", ":D") at
  // jokes and news alike: a smiley alone marks the tone, not praise.
  rules: { resolverReach: 6, positiveThreshold: 0.3, loneEmojiWeight: 0.5 },
  stillWords: ['noch', 'immer'],
};
