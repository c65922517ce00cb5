/**
 * k-anonymity for words in what product managers read: a quote may only show words that at least
 * MIN_CUSTOMERS different customers used in the window. Ingest already redacts e-mails, phones, cards,
 * names after greetings, passwords after their cue words…; this catches what has no pattern and no cue
 * ("Johnathan said…", "it is Hunter2Secret now", "Baker Street"): a word one customer typed is shown as "…".
 */
import { MIN_CUSTOMERS } from './labels';

const SEGMENTED = new Set(['zh', 'ja', 'th']);
/** Words: letters/digits runs (apostrophes and hyphens inside); redaction placeholders are kept as they are. */
const WORD = /\[[A-Z_]+\]|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const PLACEHOLDER = /^\[[A-Z_]+\]$/;
export const MASK = '…';

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) segmenters.set(lang, (s = new Intl.Segmenter(lang, { granularity: 'word' })));
  return s;
}

const keyOf = (word: string) => word.normalize('NFKC').toLowerCase();

/** The words of a text, each once per call, as keys. */
function wordsOf(text: string, lang: string): Set<string> {
  const out = new Set<string>();
  if (SEGMENTED.has(lang)) {
    for (const s of segmenter(lang).segment(text)) if (s.isWordLike) out.add(keyOf(s.segment));
  } else for (const m of text.matchAll(WORD)) if (!PLACEHOLDER.test(m[0])) out.add(keyOf(m[0]));
  return out;
}

/** Words at least `k` different customers used, over conversations of one language (each its customer's messages). */
export function sharedWords(conversations: Iterable<{ customer?: string; id: string; messages: string[] }>, lang: string, k = MIN_CUSTOMERS): string[] {
  // Up to k customers per word, then the word is shared and its list is dropped: memory stays small.
  const seen = new Map<string, string[] | true>();
  for (const c of conversations) {
    const customer = c.customer ?? c.id;
    for (const w of wordsOf(c.messages.join('\n'), lang)) {
      const s = seen.get(w);
      if (s === true) continue;
      if (!s) seen.set(w, k <= 1 ? true : [customer]);
      else if (!s.includes(customer)) {
        s.push(customer);
        if (s.length >= k) seen.set(w, true);
      }
    }
  }
  return [...seen].filter(([, s]) => s === true).map(([w]) => w).sort();
}

/** The text with every word not in `shared` replaced by MASK (placeholders and punctuation kept; a run of masks is one). */
export function maskRareWords(text: string, lang: string, shared: ReadonlySet<string>): string {
  let out: string;
  if (SEGMENTED.has(lang)) {
    out = '';
    for (const s of segmenter(lang).segment(text)) out += s.isWordLike && !shared.has(keyOf(s.segment)) ? MASK : s.segment;
  } else out = text.replace(WORD, (w) => (PLACEHOLDER.test(w) || shared.has(keyOf(w)) ? w : MASK));
  return out.replace(/…(?:\s*…)+/gu, MASK);
}

/**
 * A quote a product manager may read: rare words masked; none when most of it would be masked (a quote
 * of "… … …" explains nothing).
 */
export function shareableQuote(text: string, lang: string, shared: ReadonlySet<string>): string | undefined {
  const words = SEGMENTED.has(lang) ? [...segmenter(lang).segment(text)].filter((s) => s.isWordLike).map((s) => s.segment) : [...text.matchAll(WORD)].map((m) => m[0]).filter((w) => !PLACEHOLDER.test(w));
  const hidden = words.filter((w) => !shared.has(keyOf(w))).length;
  return words.length && hidden * 2 <= words.length ? maskRareWords(text, lang, shared) : undefined;
}
