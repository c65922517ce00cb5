/**
 * Chatter: what customers write around their problem (greetings, thanks, sign-offs, "any update?",
 * complaints about the wait) rather than about it. It is learned from the conversations themselves, in
 * any language, not from a list of phrases:
 *
 * A clause (text between punctuation) is chatter when it recurs across many conversations and the
 * conversations it occurs in are no more alike in what they are about than conversations picked at
 * random. "What they are about" is the opening message: for a clause in a follow-up, the whole opening;
 * for a clause that leads or closes the opening ("Hi there," … "thanks in advance"), the rest of the
 * opening when the rest is the larger part. A clause about a topic ("where is my order") occurs beside
 * openings about that topic; a greeting or a nudge occurs beside any opening.
 *
 * Openings are compared as idf-weighted bags of content words projected onto a fixed random basis
 * (feature hashing), so the test costs one small vector per clause kept and needs no vocabulary.
 */
import { docTerms } from './features';

/** A clause must recur in at least this many conversations before it can be judged. */
const MIN_CONVERSATIONS = 5;
/** Dimensions of the random projection. */
const DIM = 128;
/** Chatter: the openings beside the clause are, with 95 % confidence, less than this many times as alike as random ones. */
const MAX_LIFT = 2;
/** Random pairs of openings drawn to estimate how alike two unrelated openings are. */
const BASELINE_PAIRS = 4000;
/** The catalogue keeps at most this many chatter clauses per language (the most frequent). */
export const MAX_CHATTER_CLAUSES = 400;

/** Clause boundaries: sentence and clause punctuation in the scripts we read, and line breaks. */
const BOUNDARY = /(?<=[.!?,;:\n。！？，；、،؛…]+)(?![.!?,;:。！？，；、،؛…])/u;
/** Redaction placeholders ([EMAIL], [PHONE] …) say nothing about the topic. */
const PLACEHOLDER = /\[[A-Z_]+\]/g;

/** The clauses of a message, each with its punctuation, in order. */
export function clauses(text: string): string[] {
  return text.replace(PLACEHOLDER, ' ').split(BOUNDARY).filter((c) => /[\p{L}\p{N}]/u.test(c));
}

/** A clause's identity: case, punctuation and spacing folded. */
export function clauseKey(clause: string): string {
  return clause.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim();
}

/** A message with its chatter clauses taken out (empty when it was all chatter). */
export function stripChatter(text: string, chatter: ReadonlySet<string>): string {
  const parts = clauses(text);
  if (!chatter.size) return parts.join('').trim();
  return parts.filter((c) => !chatter.has(clauseKey(c))).join('').replace(/\s+/g, ' ').trim();
}

export interface ContactReason {
  /** the subject and the first customer message that is more than chatter */
  opening: string;
  /** the customer's later messages, chatter removed (empty ones dropped) */
  followUps: string[];
}

/**
 * What a conversation is about, from the customer's messages in order (a subject, when there is one,
 * first): the opening is the first message that is more than chatter ("Hi" alone moves it to the next).
 */
export function contactReason(messages: string[], chatter: ReadonlySet<string>): ContactReason {
  const cleaned = messages.map((m) => stripChatter(m, chatter));
  const at = cleaned.findIndex((m) => m.length > 0);
  if (at < 0) return { opening: '', followUps: [] };
  return { opening: cleaned[at]!, followUps: cleaned.slice(at + 1).filter((m) => m.length > 0) };
}

/** The contact reason as one text (opening, then follow-ups): what taxonomy keywords and concepts are matched on. */
export function reasonText(reason: ContactReason): string {
  return [reason.opening, ...reason.followUps].join('\n');
}

/** A term's fixed random ±1 direction (from its hash): no vocabulary, the same in every run. */
function direction(term: string, cache: Map<string, Int8Array>): Int8Array {
  let v = cache.get(term);
  if (v) return v;
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  v = new Int8Array(DIM);
  let s = h >>> 0;
  for (let c = 0; c < DIM; c++) {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    v[c] = s & 0x10000 ? 1 : -1;
  }
  cache.set(term, v);
  return v;
}

interface ParsedDoc {
  /** clause keys of the opening, in order, with their word counts' vectors' indices */
  opening: Array<{ key: string; chars: number; terms: string[] }>;
  /** clause keys of the later messages */
  later: Set<string>;
}

function unitOrNull(v: Float64Array): Float64Array | null {
  let n = 0;
  for (let c = 0; c < DIM; c++) n += v[c]! * v[c]!;
  if (n <= 1e-12) return null;
  n = 1 / Math.sqrt(n);
  const out = new Float64Array(DIM);
  for (let c = 0; c < DIM; c++) out[c] = v[c]! * n;
  return out;
}

/** Deterministic pseudo-random numbers (the baseline sample must not change between runs). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/**
 * The chatter clauses (keys) of one language group: each conversation is the customer's messages in
 * order, opening first. Most frequent first, at most MAX_CHATTER_CLAUSES.
 */
export function learnChatter(conversations: Array<{ messages: string[] }>, lang: string): string[] {
  const docs: ParsedDoc[] = [];
  const seen = new Map<string, number>();
  for (const c of conversations) {
    const [first = '', ...rest] = c.messages;
    const opening = clauses(first).map((cl) => ({ key: clauseKey(cl), chars: cl.trim().length, terms: docTerms(cl, lang).filter((t) => !t.includes(' ')) }));
    const later = new Set<string>();
    for (const m of rest) for (const cl of clauses(m)) later.add(clauseKey(cl));
    for (const k of new Set([...opening.map((o) => o.key), ...later])) if (k) seen.set(k, (seen.get(k) ?? 0) + 1);
    docs.push({ opening, later });
  }
  const candidates = new Set([...seen].filter(([, n]) => n >= MIN_CONVERSATIONS).map(([k]) => k));
  if (!candidates.size) return [];

  // idf over openings, then each opening (and each clause of it) as a projected vector.
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.opening.flatMap((o) => o.terms))) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const cache = new Map<string, Int8Array>();
  const project = (terms: string[], into: Float64Array, sign = 1) => {
    for (const t of terms) {
      const w = sign * (Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1);
      const dir = direction(t, cache);
      for (let c = 0; c < DIM; c++) into[c] = into[c]! + w * dir[c]!;
    }
  };

  const evidence = new Map<string, { sum: Float64Array; m: number }>();
  const addEvidence = (key: string, v: Float64Array | null) => {
    if (!v) return;
    let e = evidence.get(key);
    if (!e) evidence.set(key, (e = { sum: new Float64Array(DIM), m: 0 }));
    for (let c = 0; c < DIM; c++) e.sum[c] = e.sum[c]! + v[c]!;
    e.m++;
  };
  const openings: Float64Array[] = [];
  for (const d of docs) {
    const whole = new Float64Array(DIM);
    project(d.opening.flatMap((o) => o.terms), whole);
    const unit = unitOrNull(whole);
    if (unit) openings.push(unit);
    const inOpening = new Set<string>();
    const chars = d.opening.reduce((s, o) => s + o.chars, 0);
    d.opening.forEach((o, i) => {
      if (inOpening.has(o.key)) return;
      inOpening.add(o.key);
      if (!candidates.has(o.key)) return;
      // Only a clause that leads or closes the opening, and is its smaller part, can be what is said around it.
      const edge = i === 0 || i === d.opening.length - 1;
      if (!edge || d.opening.length < 2 || chars - o.chars <= o.chars) return;
      const rest = Float64Array.from(whole);
      for (const p of d.opening) if (p.key === o.key) project(p.terms, rest, -1);
      addEvidence(o.key, unitOrNull(rest));
    });
    for (const key of d.later) if (!inOpening.has(key) && candidates.has(key)) addEvidence(key, unit);
  }
  if (openings.length < 2) return [];

  // How alike unrelated openings are: the mean pairwise cosine (|mean|²) and the mean squared cosine.
  const mean = new Float64Array(DIM);
  for (const v of openings) for (let c = 0; c < DIM; c++) mean[c] = mean[c]! + v[c]! / openings.length;
  let base = 0;
  for (let c = 0; c < DIM; c++) base += mean[c]! * mean[c]!;
  const rand = lcg(0x5eed + openings.length);
  let meanSquare = 0;
  for (let k = 0; k < BASELINE_PAIRS; k++) {
    const a = openings[Math.floor(rand() * openings.length)]!;
    const b = openings[Math.floor(rand() * openings.length)]!;
    let dot = 0;
    for (let c = 0; c < DIM; c++) dot += a[c]! * b[c]!;
    meanSquare += (dot * dot) / BASELINE_PAIRS;
  }

  const chatter: Array<[string, number]> = [];
  for (const [key, e] of evidence) {
    if (e.m < 2) continue;
    let sq = 0;
    for (let c = 0; c < DIM; c++) sq += e.sum[c]! * e.sum[c]!;
    const pairs = e.m * (e.m - 1);
    const cohesion = (sq - e.m) / pairs;
    const stderr = Math.sqrt((2 * meanSquare) / pairs);
    if (cohesion + 2 * stderr < MAX_LIFT * base) chatter.push([key, seen.get(key)!]);
  }
  chatter.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return chatter.slice(0, MAX_CHATTER_CLAUSES).map(([k]) => k);
}
