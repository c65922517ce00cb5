/**
 * Characteristic phrases of a cluster (class-based TF-IDF over unigram and bigram features), their readable
 * surface forms, and the theme label built from them.
 */

export interface PhraseStats {
  /** feature key -> number of docs in the whole language group containing it */
  df: Map<string, number>;
  /** feature key -> most frequent surface form */
  surface: Map<string, string>;
  total: number;
}

/** Function words kept for bigrams ("top up", "not working") but too weak to stand alone as a keyphrase. */
const PARTICLES = new Set(['up', 'down', 'out', 'off', 'over', 'back']);
const NEGATORS = new Set(['never', 'not', 'no', 'nicht', 'kein', 'pas', 'não', 'non', 'niet', 'geen']);
const WEAK = new Set([...PARTICLES, ...NEGATORS]);

/** Top `limit` feature keys for a cluster given its members' feature sets. */
export function clusterKeyphrases(members: Array<Set<string>>, stats: PhraseStats, limit = 5): string[] {
  const dfc = new Map<string, number>();
  for (const m of members) for (const t of m) dfc.set(t, (dfc.get(t) ?? 0) + 1);
  const size = members.length;
  const scored: Array<[string, number]> = [];
  for (const [t, c] of dfc) {
    if (c < 2 && size > 2) continue;
    const df = stats.df.get(t) ?? c;
    const bigram = t.includes(' ');
    const s = (c / size) * Math.log(1 + stats.total / df) * (bigram ? 1.15 : 1);
    scored.push([t, s]);
  }
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const out: string[] = [];
  for (const [t] of scored) {
    if (out.length >= limit) break;
    // A bigram replaces the unigrams it contains ("card" -> "card stolen"); a unigram already inside a
    // chosen bigram adds nothing.
    const parts = t.split(' ');
    if (parts.length === 1 && (WEAK.has(t) || out.some((o) => o.split(' ').includes(t)))) continue;
    // "up cheque" (from "top up by cheque") or "payment not" read badly: particles lead, negators trail.
    if (parts.length === 2 && (PARTICLES.has(parts[0]!) || NEGATORS.has(parts[1]!))) continue;
    if (parts.length === 2) {
      const at = out.findIndex((o) => parts.includes(o));
      if (at >= 0) {
        out[at] = t;
        for (let j = out.length - 1; j > at; j--) if (parts.includes(out[j]!)) out.splice(j, 1);
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** Human label: the two or three most characteristic phrases joined with " · ". */
export function themeLabel(phrases: string[]): string {
  const picked: string[] = [];
  for (const p of phrases) {
    if (picked.length >= 3) break;
    if (picked.length >= 2 && !p.includes(' ')) break;
    picked.push(p);
  }
  return picked.join(' · ') || 'other';
}
