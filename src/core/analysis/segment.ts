/**
 * Word segmentation. Latin/Arabic/Cyrillic text splits on letters; Chinese, Japanese and Thai go through
 * Intl.Segmenter one sentence-sized chunk at a time (never a very long string in one call).
 */
import { writingOf } from './languages/writing';

const segmenters = new Map<string, Intl.Segmenter>();
const MAX_CHUNK = 120;

function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang, { granularity: 'word' });
    segmenters.set(lang, s);
  }
  return s;
}

/** Split into sentence-ish chunks of at most MAX_CHUNK characters. */
export function chunkSentences(text: string): string[] {
  const parts = text.split(/(?<=[。！？!?；;，,、\n…~～])/u);
  const out: string[] = [];
  for (const p of parts) {
    if (p.length <= MAX_CHUNK) {
      if (p.trim()) out.push(p);
      continue;
    }
    for (let i = 0; i < p.length; i += MAX_CHUNK) out.push(p.slice(i, i + MAX_CHUNK));
  }
  return out;
}

const WORD_RE = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'_]*|\p{N}+(?:[.,]\p{N}+)?/gu;

/** Raw word segments (already normalised text expected). Punctuation is dropped. */
export function segmentWords(text: string, lang: string): string[] {
  // Undetermined text in Han script is segmented as Chinese.
  if (writingOf(lang).segmented || (lang === 'und' && /\p{Script=Han}/u.test(text))) {
    const seg = segmenter(lang === 'und' ? 'zh' : lang);
    const out: string[] = [];
    for (const chunk of chunkSentences(text)) {
      for (const s of seg.segment(chunk)) {
        if (s.isWordLike) {
          // Latin words inside Chinese text still go through the regular rules.
          out.push(s.segment);
        }
      }
    }
    return out;
  }
  const words = text.match(WORD_RE) ?? [];
  return words.map((w) => w.replace(/^['_-]+|['_-]+$/g, '')).filter(Boolean);
}
