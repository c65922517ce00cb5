/**
 * Rule-based sentiment for support talk: lexicon look-up (words and phrases) with negation, intensifiers,
 * contrast ("but" weighting the later clause), exclamation, elongation and emoji/emoticons.
 */
import { emojiScore } from './emoji';
import { detectLanguage } from './language';
import { getLexicon, type Lexicon } from './lexicons/index';
import { normalizeText } from './normalize';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export interface Sentiment {
  label: SentimentLabel;
  score: number;
}

/** A token: a word, or a clause boundary (punctuation). */
interface Tok {
  w: string;
  boundary: boolean;
  elongated: boolean;
  /** elongation squeezed to one letter ("ممتاااز" -> "ممتاز") */
  alt?: string;
}

const WORD_OR_PUNCT = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’]*|\p{N}+|[.!?;:,()"…؟،؛。！？；，]+/gu;
const PUNCT_START = new Set([...'.!?;:,()"…؟،؛。！？；，'].map((c) => c.charCodeAt(0)));
const ELONG = /(\p{L})\1{2,}/u;
const ELONG_G = /(\p{L})\1{2,}/gu;

function latinTokens(norm: string): Tok[] {
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

const zhVocab = new Map<Lexicon, { set: Set<string>; max: number }>();
function zhTokens(norm: string, lex: Lexicon): Tok[] {
  let v = zhVocab.get(lex);
  if (!v) {
    const set = new Set<string>([...lex.entries.keys(), ...lex.negators, ...lex.intensifiers.keys(), ...lex.contrast]);
    let max = 1;
    for (const k of set) max = Math.max(max, k.length);
    v = { set, max: Math.min(max, 8) };
    zhVocab.set(lex, v);
  }
  const out: Tok[] = [];
  const n = norm.length;
  let i = 0;
  while (i < n) {
    const ch = norm[i]!;
    if (/[\s]/.test(ch)) {
      i++;
      continue;
    }
    if (/[。！？；，,.!?;~～…、]/.test(ch)) {
      out.push({ w: ch, boundary: true, elongated: false });
      i++;
      continue;
    }
    if (/[a-z0-9]/.test(ch)) {
      let j = i + 1;
      while (j < n && /[a-z0-9']/.test(norm[j]!)) j++;
      out.push({ w: norm.slice(i, j), boundary: false, elongated: false });
      i = j;
      continue;
    }
    let len = Math.min(v.max, n - i);
    for (; len > 1; len--) if (v.set.has(norm.slice(i, i + len))) break;
    let elongated = false;
    let j = i + len;
    // Repeated characters ("好好好好") count as emphasis.
    while (len === 1 && j < n && norm[j] === ch) {
      j++;
      elongated = true;
    }
    out.push({ w: norm.slice(i, i + len), boundary: false, elongated: elongated && j - i > 2 });
    i = j;
  }
  return out;
}

function lookup(lex: Lexicon, w: string): number | undefined {
  const v = lex.entries.get(w);
  if (v !== undefined) return v;
  if (lex.lang === 'en') {
    if (w.endsWith("'s")) return lex.entries.get(w.slice(0, -2));
    if (w.length > 3 && w.endsWith('s')) return lex.entries.get(w.slice(0, -1));
  }
  if (lex.lang === 'fa' && w.length > 3) {
    for (const suf of FA_SUFFIXES) if (w.endsWith(suf)) { const v2 = lex.entries.get(w.slice(0, -suf.length)); if (v2 !== undefined) return v2; }
  }
  if (lex.lang === 'ar' && w.length > 3) {
    // Negation glued to the word: "لايستحق", "مايستاهل".
    const neg = /^(?:و|ف)?(?:لا|ما)(?=\S{3,})/u.exec(w);
    if (neg) {
      const v2 = lex.entries.get(w.slice(neg[0].length));
      if (v2 !== undefined) return v2 * NEGATION_SCALAR;
    }
    const core = w.replace(/^(?:وال|فال|بال|كال|لل|ال|و|ف|ب)(?=\S{3,})/u, '');
    if (core !== w) { const v2 = lex.entries.get(core); if (v2 !== undefined) return v2; }
    for (const suf of AR_SUFFIXES) if (core.endsWith(suf) && core.length - suf.length >= 3) { const v2 = lex.entries.get(core.slice(0, -suf.length)); if (v2 !== undefined) return v2; }
  }
  if (lex.compoundHeads.size && w.length >= 8) {
    for (let i = 3; i <= w.length - 5; i++) {
      const v2 = lex.compoundHeads.get(w.slice(i));
      if (v2 !== undefined) return v2;
    }
  }
  // "soo" -> "so" after squeezing an elongation to two letters.
  if (/(\p{L})\1/u.test(w)) return lex.entries.get(w.replace(/(\p{L})\1+/gu, '$1'));
  return undefined;
}

const FA_SUFFIXES = ['هایی', 'های', 'ها', 'ترین', 'تر', 'ای', 'ی', 'ه', 'ش', 'شون', 'ست', 'اش', 'یه'];
const AR_SUFFIXES = ['ها', 'هم', 'ين', 'ون', 'ات', 'ه', 'ة', 'ي'];

function isNegator(lex: Lexicon, w: string): boolean {
  if (lex.negators.has(w)) return true;
  if (lex.lang === 'en' && w.endsWith("n't")) return true;
  return false;
}

const NEGATION_SCALAR = -0.75;
const BARE_NEGATION = -1;
const QUESTION = /[?？؟]/;
const LONG_TEXT = 30;
const LONG_EXP = 0.7;
const QUESTION_DAMP = 0.6;
/** "A but B": B counts more than A. */
const CONTRAST_BEFORE = 0.75;
const CONTRAST_AFTER = 1.25;
const ALPHA = 15;
const POS_T = 0.25;
const NEG_T = -0.25;

/** Raw valence sum of the text (before squashing), exported for tests and tuning. */
export function valence(text: string, lang: string): number {
  return scoreParts(text, lang).sum;
}

interface Parts { sum: number; pos: number; neg: number }

function scoreParts(text: string, lang: string): Parts {
  const lex = getLexicon(lang);
  const norm = normalizeText(text, lex.lang === lang ? lang : lang);
  const toks = lex.lang === 'zh' ? zhTokens(norm, lex) : latinTokens(norm);
  const sep = lex.lang === 'zh' ? '' : ' ';
  const vals: number[] = [];
  const pos: number[] = [];
  let contrastAt = -1;
  const n = toks.length;
  const usedNeg = new Set<number>();
  const opinionAt = new Set<number>();
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (t.boundary) continue;
    if (lex.contrast.has(t.w) && i > 0) {
      contrastAt = i;
      continue;
    }
    // Longest phrase first, not crossing boundaries.
    let val: number | undefined;
    let len = 1;
    for (let L = Math.min(lex.maxPhrase, n - i); L > 1; L--) {
      let key = '';
      let ok = true;
      for (let k = 0; k < L; k++) {
        const tk = toks[i + k]!;
        if (tk.boundary) {
          ok = false;
          break;
        }
        key += (k ? sep : '') + tk.w;
      }
      if (!ok) continue;
      const v = lex.entries.get(key);
      if (v !== undefined) {
        val = v;
        len = L;
        break;
      }
    }
    if (val === undefined) val = lookup(lex, t.w) ?? (t.alt ? lookup(lex, t.alt) : undefined);
    if (val === undefined || val === 0) {
      i += len - 1;
      continue;
    }
    let v = val;
    let elongated = false;
    for (let k = 0; k < len; k++) elongated ||= toks[i + k]!.elongated;
    if (elongated) v *= 1.3;
    // Intensifiers / downtoners and negation in the three words before (within the clause).
    let negated = false;
    let phraseHasNegator = false;
    for (let k = 0; k < len && len > 1; k++) phraseHasNegator ||= isNegator(lex, toks[i + k]!.w) || lex.postNegators.has(toks[i + k]!.w);
    for (let k = i - 1, seen = 0; k >= 0 && seen < 3; k--) {
      const p = toks[k]!;
      // Scope ends at punctuation, a contrast word, or an earlier opinion word ("not good, and awful").
      if (p.boundary || lex.contrast.has(p.w) || opinionAt.has(k)) break;
      seen++;
      const b = lex.intensifiers.get(p.w);
      if (b !== undefined && seen <= 2) v *= 1 + b;
      if (isNegator(lex, p.w)) { negated = true; usedNeg.add(k); }
    }
    // Post-position negation (Persian copula) and intensifier (Arabic "جدا").
    const next = toks[i + len];
    if (next && !next.boundary) {
      if (lex.postNegators.has(next.w)) { negated = true; usedNeg.add(i + len); }
      else if (lex.lang === 'ar') {
        const b = lex.intensifiers.get(next.w);
        if (b !== undefined) v *= 1 + b;
      }
      const next2 = toks[i + len + 1];
      if (lex.lang === 'fa' && next2 && !next2.boundary && lex.postNegators.has(next2.w) && !lex.postNegators.has(next.w)) { negated = true; usedNeg.add(i + len + 1); }
    }
    if (negated && !phraseHasNegator) v *= NEGATION_SCALAR;
    vals.push(v);
    pos.push(i);
    for (let k = 0; k < len; k++) opinionAt.add(i + k);
    i += len - 1;
  }
  // A negated action with no opinion word ("can't log in", "never came") still reads as a complaint.
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (t.boundary || usedNeg.has(i)) continue;
    if (lex.postNegators.has(t.w)) {
      vals.push(BARE_NEGATION);
      pos.push(i);
      continue;
    }
    if (!isNegator(lex, t.w)) continue;
    const nx = toks[i + 1];
    // Chinese "X都没有" (not even X) ends on the negator.
    if ((!nx || nx.boundary) && lex.lang !== 'zh') continue;
    vals.push(BARE_NEGATION);
    pos.push(i);
  }
  let sum = 0;
  let posSum = 0;
  let negSum = 0;
  for (let k = 0; k < vals.length; k++) {
    let v = vals[k]!;
    if (contrastAt >= 0) v *= pos[k]! < contrastAt ? CONTRAST_BEFORE : CONTRAST_AFTER;
    sum += v;
    if (v > 0) posSum += v;
    else negSum -= v;
  }
  if (QUESTION.test(text)) sum *= QUESTION_DAMP;
  // Long texts accumulate incidental opinion words: scale towards a per-20-words rate.
  let words = 0;
  for (const t of toks) if (!t.boundary) words++;
  if (words > LONG_TEXT) sum *= Math.pow(LONG_TEXT / words, LONG_EXP);
  sum += emojiScore(text);
  const bangs = Math.min(4, (text.match(/[!！]/g) ?? []).length);
  if (sum !== 0 && bangs) sum += Math.sign(sum) * bangs * 0.3;
  return { sum, pos: posSum, neg: negSum };
}

/** Sentiment label and score in [-1, 1]. `lang` is detected when absent. */
export function analyzeSentiment(text: string, lang?: string): Sentiment {
  const l = lang ?? detectLanguage(text);
  const { sum } = scoreParts(text, l);
  const score = sum / Math.sqrt(sum * sum + ALPHA);
  const rounded = Math.round(score * 1000) / 1000;
  const label: SentimentLabel = score >= POS_T ? 'positive' : score <= NEG_T ? 'negative' : 'neutral';
  return { label, score: rounded };
}
