/**
 * Theme and area labels in the customers' own words: the phrase that most of a theme's openings share
 * and few other conversations use ("track my package", "download an invoice"), as they wrote it.
 *
 * A phrase is one to three content words in a row within one clause, with at most two short words
 * between them ("charged twice", "period for my ticket"); its identity is its stemmed content words, its
 * label the form customers wrote most. Only phrases written by at least MIN_CUSTOMERS different
 * customers are shown: a word one customer typed (a name, a password, an address) never becomes a label.
 */
import { clauses } from './chatter';
import { poorLabelPhrase } from './keyphrases';
import { stem } from './stem';
import { placedTokens } from './tokenize';

/** k-anonymity for words: a phrase must come from at least this many customers to be shown. */
export const MIN_CUSTOMERS = 3;
/** A theme's label phrase must occur in at least this share of its members. */
const MIN_SHARE = 0.05;
/** Content words a phrase may have, and short words allowed between two of them. */
const MAX_CONTENT_WORDS = 3;
const MAX_GAP_WORDS = 2;
/** A phrase must be at least this many times more common in the group than in the language: a greeting used everywhere never names one. */
const MIN_LIFT = 2;
/** A longer phrase says more: how much its score is raised per extra content word. */
const LENGTH_BONUS = [0, 1, 1.35, 1.5];

export interface Phrase {
  /** stemmed content words, space-separated: the phrase's identity */
  key: string;
  /** as written (lower case) */
  surface: string;
  words: number;
}

const AR_ARTICLE = /^(?:وال|بال|كال|فال|لل|ال)(?=\S{3,})/u;
const FA_SUFFIX = /(?:های|ها|ای|تر|ترین)$/u;

function keyWord(w: string, lang: string): string {
  if (lang === 'ar') return w.replace(AR_ARTICLE, '');
  if (lang === 'fa') return w.replace(FA_SUFFIX, (m) => (w.length - m.length >= 3 ? '' : m));
  return stem(w, lang);
}

/** The candidate phrases of a text (each once). */
export function phrasesOf(text: string, lang: string): Phrase[] {
  const sep = lang === 'zh' || lang === 'ja' ? '' : ' ';
  const out = new Map<string, Phrase>();
  for (const clause of clauses(text)) {
    const { tokens, words } = placedTokens(clause, lang);
    const stems = tokens.map((t) => keyWord(t.w, lang));
    for (let i = 0; i < tokens.length; i++) {
      for (let j = i; j < Math.min(tokens.length, i + MAX_CONTENT_WORDS); j++) {
        if (j > i && tokens[j]!.at - tokens[j - 1]!.at - 1 > MAX_GAP_WORDS) break;
        const key = stems.slice(i, j + 1).join(' ');
        if (out.has(key)) continue;
        out.set(key, { key, surface: words.slice(tokens[i]!.at, tokens[j]!.at + 1).join(sep), words: j - i + 1 });
      }
    }
  }
  return [...out.values()];
}

/** Phrase statistics of one language group: in how many conversations each phrase occurs. */
export interface PhraseCounts {
  total: number;
  df: Map<string, number>;
}

/** In how many of `texts` each candidate phrase occurs (only the candidates are counted: memory stays small). */
export function countPhrases(texts: Iterable<string>, lang: string, candidates: ReadonlySet<string>): PhraseCounts {
  const df = new Map<string, number>();
  let total = 0;
  for (const text of texts) {
    total++;
    for (const p of phrasesOf(text, lang)) if (candidates.has(p.key)) df.set(p.key, (df.get(p.key) ?? 0) + 1);
  }
  return { total, df };
}

export interface LabelMember {
  /** what the customer contacted support about (the opening, chatter removed) */
  text: string;
  /** pseudonymous customer id (a conversation id when unknown) */
  customer: string;
}

export interface RankedPhrase extends Phrase {
  score: number;
  customers: number;
  /** share of the group's members that use it */
  share: number;
}

/**
 * A group's phrases, most characteristic first: the share of its members that use the phrase times how
 * rare the phrase is in the whole language group, longer phrases raised a little. Phrases fewer than
 * MIN_CUSTOMERS customers wrote are left out.
 */
export function rankPhrases(members: LabelMember[], lang: string, counts: PhraseCounts): RankedPhrase[] {
  const seen = new Map<string, { phrase: Phrase; customers: Set<string>; members: number; surfaces: Map<string, number> }>();
  for (const m of members) {
    for (const p of phrasesOf(m.text, lang)) {
      let e = seen.get(p.key);
      if (!e) seen.set(p.key, (e = { phrase: p, customers: new Set(), members: 0, surfaces: new Map() }));
      e.members++;
      e.customers.add(m.customer);
      e.surfaces.set(p.surface, (e.surfaces.get(p.surface) ?? 0) + 1);
    }
  }
  const minMembers = Math.max(2, Math.ceil(members.length * MIN_SHARE));
  const ranked: RankedPhrase[] = [];
  for (const e of seen.values()) {
    if (e.members < minMembers || e.customers.size < MIN_CUSTOMERS) continue;
    const surface = [...e.surfaces].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    if (poorLabelPhrase(surface)) continue;
    const df = Math.max(counts.df.get(e.phrase.key) ?? 0, e.members);
    const share = e.members / members.length;
    if (counts.total > members.length && share / (df / counts.total) < MIN_LIFT) continue;
    const score = share * Math.log((counts.total + 1) / df) * LENGTH_BONUS[e.phrase.words]!;
    ranked.push({ ...e.phrase, surface, score, customers: e.customers.size, share });
  }
  return ranked.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
}

/** Up to `limit` phrases that do not repeat each other's words ("card", "card arrival" → "card arrival"). */
export function distinctPhrases(ranked: RankedPhrase[], limit: number): RankedPhrase[] {
  const out: RankedPhrase[] = [];
  for (const p of ranked) {
    if (out.length >= limit) break;
    const words = p.key.split(' ');
    if (out.some((o) => words.every((w) => o.key.split(' ').includes(w)))) continue;
    // A longer phrase that contains a chosen one replaces it.
    const inside = out.findIndex((o) => o.key.split(' ').every((w) => words.includes(w)));
    if (inside >= 0) out[inside] = p;
    else out.push(p);
  }
  return out;
}

/**
 * A phrase as customers wrote it, case included ("ATM", "VAT number", "I"): phrases are found in lower-cased
 * text, so the most common original spelling among the members is looked up (only for phrases shown).
 */
export function asWritten(surface: string, members: LabelMember[]): string {
  const words = surface.split(' ');
  if (!/\p{Lu}|\p{Ll}/u.test(surface) || words.some((w) => !w)) return surface;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
  const seen = new Map<string, number>();
  for (const m of members) {
    const hit = re.exec(m.text)?.[0];
    if (hit) seen.set(hit.replace(/\s+/g, ' '), (seen.get(hit.replace(/\s+/g, ' ')) ?? 0) + 1);
  }
  return [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? surface;
}

/** A phrase as a label: first letter up ("Track my package"); scripts without case are left as they are. */
export function asLabel(surface: string): string {
  return surface ? surface[0]!.toLocaleUpperCase() + surface.slice(1) : surface;
}
