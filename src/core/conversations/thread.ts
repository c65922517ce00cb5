/**
 * What a product manager may read of one conversation: its public messages, as ingest redacted them and with
 * the words fewer than 3 customers used in the window masked (the same guard as quotes, shared-words.ts), and
 * the words it can be found by. Decided by the catalogue (its shared words), so it is recomputed with the theme
 * whenever a day is re-themed. Bounded: a thread keeps at most THREAD_LIMITS.messages messages of at most
 * THREAD_LIMITS.chars characters, a conversation at most THREAD_LIMITS.words search words.
 */
import { maskRareWords, MASK } from '../analysis/shared-words';
import type { Conversation } from '../schema/conversation';

export const THREAD_LIMITS = {
  /** Messages kept: the first and last half of a longer thread (the middle is counted in `omitted`). */
  messages: 60,
  /** Characters kept of one message: 60 × 1,500 UTF-16 units is at most ~270 KB of UTF-8, under DynamoDB's 400 KB an item. */
  chars: 1500,
  /** Distinct search words kept per conversation, in the order the customer first used them. */
  words: 64,
} as const;

export interface ThreadMessage {
  id: string;
  role: 'customer' | 'agent' | 'bot';
  at: string;
  /** Redacted at ingest; words few customers used shown as '…'. */
  text: string;
}

export interface ConversationThread {
  messages: ThreadMessage[];
  /** Public messages left out of a thread longer than THREAD_LIMITS.messages. */
  omitted?: number;
  /** What the conversation can be searched by: normalised words of the customer's messages as shown. */
  words: string[];
}

/** A word as search compares it: NFKC, lower case, accents dropped ("Reembolsó" → "reembolso"). */
export function searchKey(word: string): string {
  return word.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

const SEGMENTED = new Set(['zh', 'ja', 'th']);
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const segmenters = new Map<string, Intl.Segmenter>();

/** The words of a text as search keys, in order (duplicates kept); redaction placeholders and masks are not words. */
export function searchWordsOf(text: string, lang: string): string[] {
  const clean = text.replace(/\[[A-Z_]+\]/g, ' ').replaceAll(MASK, ' ');
  const base = lang.split('-')[0]!;
  if (SEGMENTED.has(base)) {
    let s = segmenters.get(base);
    if (!s) segmenters.set(base, (s = new Intl.Segmenter(base, { granularity: 'word' })));
    return [...s.segment(clean)].filter((x) => x.isWordLike).map((x) => searchKey(x.segment));
  }
  return [...clean.matchAll(WORD)].map((m) => searchKey(m[0])).filter((w) => w.length > 1 && !/^\p{N}+$/u.test(w));
}

function cut(text: string): string {
  const flat = text.trim();
  return flat.length > THREAD_LIMITS.chars ? `${flat.slice(0, THREAD_LIMITS.chars - 1)}…` : flat;
}

/**
 * The thread a product manager may read. `shared` is the window's set of words at least 3 customers used in the
 * conversation's language (sharedWordsUnder); every public customer, agent and bot message is masked with it
 * (an agent who writes a customer's name back is masked like the customer).
 */
export function readableThread(c: Pick<Conversation, 'messages'>, lang: string, shared: ReadonlySet<string>): ConversationThread {
  const visible = c.messages.filter((m) => m.public && m.role !== 'system' && m.text.trim());
  const half = THREAD_LIMITS.messages / 2;
  const kept = visible.length > THREAD_LIMITS.messages ? [...visible.slice(0, half), ...visible.slice(-half)] : visible;
  const messages = kept.map((m) => ({ id: m.id, role: m.role as ThreadMessage['role'], at: m.createdAt, text: cut(maskRareWords(m.text, lang, shared)) }));
  const words = new Set<string>();
  for (const m of messages) {
    if (m.role !== 'customer') continue;
    for (const w of searchWordsOf(m.text, lang)) {
      if (words.size >= THREAD_LIMITS.words) break;
      words.add(w);
    }
  }
  return { messages, ...(visible.length > kept.length ? { omitted: visible.length - kept.length } : {}), words: [...words] };
}

/** Does a conversation with these search words match every word of the query (each as a word's beginning: "refund" finds "refunded")? */
export function matchesWords(words: readonly string[], query: readonly string[]): boolean {
  return query.every((q) => words.some((w) => w.startsWith(q)));
}
