import type { WritingSystem } from '../types';

/** Plural, indefinite and comparative suffixes, taken off a word that keeps 3+ letters ("سفارش‌ها" -> "سفارش"). */
const SUFFIX = /(?:های|ها|ای|تر|ترین)$/u;

/** How Persian is written, for theme features: the verb prefixes written apart, the suffixes a theme stem drops. */
export const persianWriting: WritingSystem = {
  // "می خورم": the aspect prefix a segmenter leaves apart belongs to the next word.
  detachedPrefixes: new Set(['می', 'نمی']),
  themeStem: (word) => word.replace(SUFFIX, (m) => (word.length - m.length >= 3 ? '' : m)),
};

/**
 * Persian writes the prefixes می/نمی (verb aspect), بی ("-less") and نا ("un-") joined, with a half-space or with a
 * plain space: "نمی‌رسه", "نمیرسه" and "نمی رسه" are one word. ZWNJ is already removed; glue the spaced form too.
 */
export function joinPersianPrefixes(text: string): string {
  return text.replace(/(^|[^\p{L}])(ن?می|بی|نا) +(?=\p{L})/gu, '$1$2');
}
