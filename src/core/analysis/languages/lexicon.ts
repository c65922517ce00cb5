/**
 * Builds a pack's sentiment lexicon: its generated base lexicon (see generate-base.ts for sources) overlaid with its
 * hand-written support-talk words. Built once per language, on first use.
 */
import { normalizeText } from '../normalize';
import { decodeBase } from './base-lexicon';
import type { LanguagePack, Lexicon } from './types';

/** Generic lexicons are broader than support talk: their positive polarities (often politeness) count for less. */
const POS_BASE = 0.6;

export function buildLexicon(pack: LanguagePack): Lexicon {
  const src = pack.source;
  const l = pack.code;
  const norm = (s: string): string => normalizeText(s.trim(), l).replace(/\s+/g, pack.unspaced ? '' : ' ');
  const entries = new Map<string, number>();
  const prefixes: [string, number][] = [];
  if (pack.base) {
    for (const line of decodeBase(pack.base)) {
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
  for (const line of src.lexicon.split('\n')) {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*:(.*)$/.exec(line);
    if (!m) continue;
    const score = Number(m[1]);
    for (const e of (m[2] ?? '').split(',')) {
      const k = norm(e);
      if (k) entries.set(k, score);
      if (pack.compounds && k.length >= 5 && !k.includes(' ') && score !== 0) compoundHeads.set(k, score);
    }
  }
  // Chat often drops accents ("pessimo", "nao", "decu"): an unaccented spelling falls back to the accented entry,
  // unless the unaccented form is a word with an entry of its own.
  if (pack.accentFallback) {
    for (const [k, v] of [...entries]) {
      const bare = k.normalize('NFD').replace(/\p{M}/gu, '');
      if (bare !== k && !entries.has(bare)) entries.set(bare, v);
    }
  }
  let maxPhrase = 1;
  const phraseStarts = new Map<string, number>();
  for (const k of entries.keys()) {
    if (pack.unspaced || !k.includes(' ')) continue;
    const parts = k.split(' ');
    maxPhrase = Math.max(maxPhrase, parts.length);
    phraseStarts.set(parts[0]!, Math.max(phraseStarts.get(parts[0]!) ?? 0, parts.length));
  }
  const set = (s: string | undefined): Set<string> => new Set((s ?? '').split(/\s+/).filter(Boolean).map(norm));
  const intensifiers = new Map<string, number>();
  for (const pair of src.intensifiers.split(/\s+/)) {
    const i = pair.lastIndexOf(':');
    if (i > 0) intensifiers.set(norm(pair.slice(0, i)), Number(pair.slice(i + 1)));
  }
  return {
    lang: l,
    pack,
    entries,
    compoundHeads,
    prefixes: prefixes.filter(([p]) => p.length >= 4),
    maxPhrase: pack.maxPhrase ?? Math.min(maxPhrase, 5),
    phraseStarts,
    negators: set(src.negators),
    postNegators: set(src.postNegators),
    resolvers: set(src.resolvers),
    intensifiers,
    contrast: set(src.contrast),
    irrealis: set(src.irrealis),
  };
}
