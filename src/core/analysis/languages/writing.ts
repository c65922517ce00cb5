/**
 * How each language is written (segmentation, theme stems, concept matching), apart from the sentiment packs: what
 * tokenises text (theme features, the conversations index's search words, curation splits, reply templates) imports
 * this module only, so it never loads a sentiment lexicon. Adding a language that is written in a way of its own is
 * a `writing.ts` in its folder and one line here.
 */
import { arabicWriting } from './ar/writing';
import { germanWriting } from './de/writing';
import { persianWriting } from './fa/script';
import { jaWriting } from './ja';
import { thWriting } from './th';
import type { WritingSystem } from './types';
import { chineseWriting } from './zh/writing';

const WRITING: Record<string, WritingSystem> = { ar: arabicWriting, de: germanWriting, fa: persianWriting, zh: chineseWriting, ja: jaWriting, th: thWriting };
const SPACED_WORDS: WritingSystem = {};

/** How `lang` is written (words separated by spaces, no affix hooks, when nothing says otherwise). */
export function writingOf(lang: string): WritingSystem {
  return WRITING[lang] ?? SPACED_WORDS;
}
