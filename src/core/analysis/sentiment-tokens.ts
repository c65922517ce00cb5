/**
 * Sentiment tokenisation: words and clause boundaries. Text written with spaces splits on letters (with elongation
 * squeezed); a pack may bring its own tokenizer (Chinese: languages/zh/tokens.ts).
 */
import type { LanguagePack, Tok } from './languages/types';

export type { Tok } from './languages/types';

const WORD_OR_PUNCT = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’]*|\p{N}+|[.!?;:,()"…؟،؛。！？；，]+/gu;
const PUNCT_START = new Set([...'.!?;:,()"…؟،؛。！？；，'].map((c) => c.charCodeAt(0)));
const ELONG = /(\p{L})\1{2,}/u;
const ELONG_G = /(\p{L})\1{2,}/gu;

export function latinTokens(norm: string): Tok[] {
  const out: Tok[] = [];
  for (const m of norm.matchAll(WORD_OR_PUNCT)) {
    const w = m[0];
    if (PUNCT_START.has(w.charCodeAt(0))) {
      out.push({ w, boundary: true, elongated: false });
      continue;
    }
    const elongated = ELONG.test(w);
    out.push({ w: elongated ? w.replace(ELONG_G, '$1$1') : w, boundary: false, elongated, alt: elongated ? w.replace(ELONG_G, '$1') : undefined });
  }
  return out;
}

/** The pack's request opener: a question asking for information or action, not passing judgement. */
export function isRequestQuestion(text: string, pack: LanguagePack): boolean {
  const re = pack.requestOpener;
  return !!re && /[?？]/.test(text) && re.test(text);
}

/** Words written in capitals for emphasis ("this is UNACCEPTABLE"), unless the whole text shouts. */
export function capsWords(text: string): Set<string> | null {
  const m = text.match(/\b[A-Z][A-Z']{2,}\b/g);
  if (!m) return null;
  const letters = text.match(/[A-Za-z]/g)?.length ?? 0;
  const upper = text.match(/[A-Z]/g)?.length ?? 0;
  if (upper > 0.7 * letters) return null;
  return new Set(m.map((w) => w.toLowerCase()));
}

/** Hashtag words (lower case), which may glue several words together. */
export function hashtags(text: string): Set<string> {
  return new Set([...text.matchAll(/#([\p{L}\p{N}_]{4,})/gu)].map((m) => m[1]!.toLowerCase()));
}

