/** Stable, content-derived theme ids and matching against a previous catalogue. */

export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** `t-` + hash of the language and the sorted defining keyphrases (top three). */
export function themeId(lang: string, keyphrases: string[]): string {
  return 't-' + fnv1a(lang + '|' + [...keyphrases.slice(0, 3)].sort().join('|')).slice(0, 8);
}

function wordSet(phrases: string[]): Set<string> {
  const s = new Set<string>();
  for (const p of phrases) for (const w of p.toLowerCase().split(/\s+/)) if (w) s.add(w);
  for (const p of phrases) s.add('§' + p.toLowerCase());
  return s;
}

export function overlap(a: string[], b: string[]): number {
  const A = wordSet(a);
  const B = wordSet(b);
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  const union = A.size + B.size - inter;
  return union ? inter / union : 0;
}

export interface IdCandidate {
  lang: string;
  keyphrases: string[];
}

/** Overlap enough for a theme the product team curated (renamed, merged, split, moved, hidden) to keep its id. */
export const CURATED_MIN_OVERLAP = 0.15;

/**
 * Greedy one-to-one matching of new themes to previous ones (same language, keyphrase overlap >= minOverlap; for a
 * previous theme in `pinned`, one the product team curated, CURATED_MIN_OVERLAP: its edits are kept by its id).
 * Returns new index -> previous id.
 */
export function matchPrevious(current: IdCandidate[], previous: Array<IdCandidate & { id: string }>, minOverlap = 0.3, pinned: ReadonlySet<string> = new Set()): Map<number, string> {
  const pairs: Array<[number, number, number]> = [];
  current.forEach((c, i) => {
    previous.forEach((p, j) => {
      if (p.lang !== c.lang) return;
      const o = overlap(c.keyphrases, p.keyphrases);
      if (o >= (pinned.has(p.id) ? Math.min(minOverlap, CURATED_MIN_OVERLAP) : minOverlap)) pairs.push([o, i, j]);
    });
  });
  pairs.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const usedC = new Set<number>();
  const usedP = new Set<number>();
  const out = new Map<number, string>();
  for (const [, i, j] of pairs) {
    if (usedC.has(i) || usedP.has(j)) continue;
    usedC.add(i);
    usedP.add(j);
    out.set(i, previous[j]!.id);
  }
  return out;
}
