/**
 * Assembles the per-language sentiment resources: generated base lexicons (see generate-base.ts for sources)
 * overlaid with the hand-written support-talk lexicons in <lang>.ts.
 */
import { normalizeText } from '../normalize';
import baseDe from './base/de';
import baseEn from './base/en';
import baseEs from './base/es';
import baseFr from './base/fr';
import baseIt from './base/it';
import baseNl from './base/nl';
import basePt from './base/pt';
import * as ar from './ar';
import * as de from './de';
import * as en from './en';
import * as es from './es';
import * as fa from './fa';
import * as fr from './fr';
import * as it from './it';
import * as nl from './nl';
import * as pt from './pt';
import * as zh from './zh';

interface Source {
  lexicon: string;
  negators: string;
  intensifiers: string;
  contrast: string;
  postNegators?: string;
  resolvers?: string;
  irrealis?: string;
}

export interface Lexicon {
  lang: string;
  /** single words and multi-word phrases (joined by one space; for zh, no separator) -> valence */
  entries: Map<string, number>;
  /** hand-written single-word entries usable as the head of a compound ("Dauerstreik" -> "streik"); de/nl only */
  compoundHeads: Map<string, number>;
  /** stems from the base lexicon ("aprov*"), tried when a word has no entry of its own */
  prefixes: [string, number][];
  /** longest phrase length in tokens */
  maxPhrase: number;
  /** first word of a multi-word phrase -> longest such phrase in words (not used for zh) */
  phraseStarts: Map<string, number>;
  negators: Set<string>;
  postNegators: Set<string>;
  /** words that close a problem ("fixed", "beendet"): a complaint word followed by one reads as good news */
  resolvers: Set<string>;
  intensifiers: Map<string, number>;
  contrast: Set<string>;
  /** modal / wish markers ("would", "hope"): praise right after one is wished for, not given */
  irrealis: Set<string>;
}

const SOURCES: Record<string, { base?: string; own: Source }> = {
  en: { base: baseEn, own: en },
  es: { base: baseEs, own: es },
  fr: { base: baseFr, own: fr },
  de: { base: baseDe, own: de },
  pt: { base: basePt, own: pt },
  it: { base: baseIt, own: it },
  nl: { base: baseNl, own: nl },
  zh: { own: zh },
  fa: { own: fa },
  ar: { own: ar },
};

/** Generic lexicons are broader than support talk: their positive polarities (often politeness) count for less. */
const POS_BASE = 0.6;

const ACCENT_FALLBACK = new Set(['es', 'pt', 'fr']);

const cache = new Map<string, Lexicon>();

function build(lang: string): Lexicon {
  const src = SOURCES[lang] ?? SOURCES.en!;
  const l = SOURCES[lang] ? lang : 'en';
  const norm = (s: string): string => normalizeText(s.trim(), l).replace(/\s+/g, l === 'zh' ? '' : ' ');
  const entries = new Map<string, number>();
  const prefixes: [string, number][] = [];
  if (src.base) {
    for (const line of src.base.split('\n')) {
      const [w, s] = line.split('\t');
      if (!w || !s) continue;
      // The AFINN translations bundled with natural also score hundreds of symbols ("ⓐ", "⓪", "↙"); NFKC turns
      // many of them into letters, which made "a", "o" and "e" strongly positive. Symbols are emoji.ts's job:
      // keep only entries made of letters. A leading "*" is dropped; a trailing "*" marks a stem ("aprov*").
      const m = /^\*?([\p{L}\p{M}][\p{L}\p{M}\p{N} '-]*?)(\*?)$/u.exec(w);
      if (!m) continue;
      const score = Number(s) * (Number(s) > 0 ? POS_BASE : 1);
      if (m[2]) prefixes.push([norm(m[1]!), score]);
      else entries.set(norm(m[1]!), score);
    }
  }
  const compoundHeads = new Map<string, number>();
  for (const line of src.own.lexicon.split('\n')) {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*:(.*)$/.exec(line);
    if (!m) continue;
    const score = Number(m[1]);
    for (const e of (m[2] ?? '').split(',')) {
      const k = norm(e);
      if (k) entries.set(k, score);
      if ((l === 'de' || l === 'nl') && k.length >= 5 && !k.includes(' ') && score !== 0) compoundHeads.set(k, score);
    }
  }
  // Chat often drops accents ("pessimo", "nao", "decu"): in the Romance languages an unaccented spelling falls
  // back to the accented entry, unless the unaccented form is a word with an entry of its own.
  if (ACCENT_FALLBACK.has(l)) {
    for (const [k, v] of [...entries]) {
      const bare = k.normalize('NFD').replace(/\p{M}/gu, '');
      if (bare !== k && !entries.has(bare)) entries.set(bare, v);
    }
  }
  let maxPhrase = 1;
  const phraseStarts = new Map<string, number>();
  for (const k of entries.keys()) {
    if (l === 'zh' || !k.includes(' ')) continue;
    const parts = k.split(' ');
    maxPhrase = Math.max(maxPhrase, parts.length);
    phraseStarts.set(parts[0]!, Math.max(phraseStarts.get(parts[0]!) ?? 0, parts.length));
  }
  const set = (s: string | undefined): Set<string> => new Set((s ?? '').split(/\s+/).filter(Boolean).map(norm));
  const intensifiers = new Map<string, number>();
  for (const pair of src.own.intensifiers.split(/\s+/)) {
    const i = pair.lastIndexOf(':');
    if (i > 0) intensifiers.set(norm(pair.slice(0, i)), Number(pair.slice(i + 1)));
  }
  return {
    lang: l,
    entries,
    compoundHeads,
    prefixes: prefixes.filter(([p]) => p.length >= 4),
    // Chinese entries are matched whole by the segmenter; two tokens cover "不 + entry" style splits.
    maxPhrase: l === 'zh' ? 2 : Math.min(maxPhrase, 5),
    phraseStarts,
    negators: set(src.own.negators),
    postNegators: set(src.own.postNegators),
    resolvers: set(src.own.resolvers),
    intensifiers,
    contrast: set(src.own.contrast),
    irrealis: set(src.own.irrealis),
  };
}

/** Sentiment resources for `lang` (English ones for languages without their own). */
export function getLexicon(lang: string): Lexicon {
  const key = SOURCES[lang] ? lang : 'en';
  let lex = cache.get(key);
  if (!lex) {
    lex = build(key);
    cache.set(key, lex);
  }
  return lex;
}
