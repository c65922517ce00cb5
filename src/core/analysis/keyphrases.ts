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

/**
 * Words that make a phrase a poor label whatever the data: generic verbs ("says", "making payment") and
 * profanity ("f*** order"). They still count for clustering; only keyphrases and labels skip them.
 */
const GENERIC = new Set(
  `say says said saying make makes making made do does doing did done get gets getting got go goes going went gone
  come comes coming came take takes taking took give gives giving gave put puts keep keeps kept use using try trying
  tried want wants wanted need needs needed know tell told ask asked help thing things stuff way lot`.split(/\s+/),
);
const PROFANE = /^(?:f+u+c*k+\w*|f[*]+\w*|sh[i1]t+\w*|bullshit\w*|damn\w*|crap\w*|wtf|stfu|ass(?:hole)?s?|bitch\w*|piss\w*|dick\w*|bastard\w*|screw(?:ed)?)$/u;

/** A phrase (surface form) that should not appear in a label. */
export function poorLabelPhrase(phrase: string): boolean {
  return phrase.toLowerCase().split(/\s+/).some((w) => GENERIC.has(w) || PROFANE.test(w));
}

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
    if (poorLabelPhrase(stats.surface.get(t) ?? t) || poorLabelPhrase(t)) continue;
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

/**
 * Human label: the most characteristic phrase plus up to two more that each add a word ("refund · refund status"
 * -> "refund status"; "payment problem · problem payment" -> "payment problem"), a third only if the label stays
 * within LABEL_CHARS. Secondary unigrams only when no multi-word phrase adds anything.
 */
const LABEL_CHARS = 40;

export function themeLabel(phrases: string[]): string {
  const wordsOf = (p: string): string[] => p.toLowerCase().split(/\s+/).filter(Boolean);
  const good = phrases.filter((p) => !poorLabelPhrase(p));
  const picked: string[] = [];
  const covered = (): Set<string> => new Set(picked.flatMap(wordsOf));
  const consider = (p: string): void => {
    const ws = wordsOf(p);
    if (ws.every((w) => covered().has(w))) return;
    // A longer phrase that contains an already picked one replaces it.
    const inside = picked.findIndex((q) => wordsOf(q).every((w) => ws.includes(w)));
    if (inside >= 0) picked[inside] = p;
    // A third phrase only while the label stays short enough to read at a glance.
    else if (picked.length < 2 || [...picked, p].join(' · ').length <= LABEL_CHARS) picked.push(p);
  };
  for (const p of good) {
    if (picked.length >= 3) break;
    if (!picked.length || wordsOf(p).length > 1) consider(p);
  }
  if (picked.length === 1) for (const p of good) if (wordsOf(p).length === 1 && picked.length < 2) consider(p);
  return picked.join(' · ') || phrases[0] || 'other';
}
