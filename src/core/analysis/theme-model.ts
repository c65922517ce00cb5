/**
 * The serialisable theme model (the catalogue's `model`): per language, idf of the centroid terms and the
 * themes' truncated TF-IDF centroids; plus the document weighting and nearest-centroid assignment that both
 * discovery's final pass and assignTheme use, so the two can never disagree.
 */

/** Serialisable model: per language, idf of centroid terms and sparse centroids. */
export interface LangModel {
  defaultIdf: number;
  minSim: number;
  idf: Record<string, number>;
  centroids: Array<{ id: string; terms: Array<[string, number]> }>;
  /** clause keys learned as chatter in this language (core/analysis/chatter.ts), stripped before assignment */
  chatter?: string[];
  /** words at least 3 customers used in the window: the only words a quote may show (shared-words.ts) */
  words?: string[];
}
/**
 * Themes by the support concept a conversation mentions (concepts.ts), for conversations no centroid fits:
 * first among the themes of their own language, then the taxonomy's, then any language's. A language with too few
 * conversations to discover themes of its own still reaches the themes its customers talk about.
 */
export interface ConceptFallback {
  /** concept -> theme of the conversation's own language */
  byLang: Record<string, Record<string, { id: string; label: string }>>;
  /** concept -> a theme the taxonomy defines (any language) */
  defined?: Record<string, { id: string; label: string }>;
  /** concept -> theme of any language */
  any: Record<string, { id: string; label: string }>;
}
export interface Model { kind: 'tfidf-centroids'; version: 1; langs: Record<string, LangModel>; byConcept?: ConceptFallback }

/** Bigram features count half as much as unigrams. */
const BIGRAM_WEIGHT = 0.5;

/**
 * Term -> weight map for a doc (sublinear tf x idf, L2-normalised). `weights` (parallel to `terms`, 1 when
 * absent) lets a term count less where it was said: a follow-up counts less than the opening.
 */
export function weigh(terms: string[], idf: (t: string) => number, weights?: ArrayLike<number>): Map<string, number> {
  const tf = new Map<string, number>();
  terms.forEach((t, i) => tf.set(t, (tf.get(t) ?? 0) + (weights ? weights[i]! : 1)));
  const out = new Map<string, number>();
  let norm = 0;
  for (const [t, c] of tf) {
    const w = (c >= 1 ? 1 + Math.log(c) : c) * idf(t) * (t.includes(' ') ? BIGRAM_WEIGHT : 1);
    out.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of out) out.set(t, w / norm);
  return out;
}

const indexCache = new WeakMap<LangModel, Map<string, Array<[number, number]>>>();
function centroidIndex(model: LangModel): Map<string, Array<[number, number]>> {
  let idx = indexCache.get(model);
  if (!idx) {
    const m = new Map<string, Array<[number, number]>>();
    model.centroids.forEach((c, i) => {
      for (const [t, w] of c.terms) {
        const p = m.get(t) ?? [];
        p.push([i, w]);
        m.set(t, p);
      }
    });
    indexCache.set(model, m);
    idx = m;
  }
  return idx;
}

/** Best centroid for a doc's features under a language model, or null. */
export function assignFeatures(model: LangModel, terms: string[], weights?: ArrayLike<number>): { i: number; sim: number } | null {
  if (!terms.length) return null;
  const vec = weigh(terms, (t) => model.idf[t] ?? model.defaultIdf, weights);
  const idx = centroidIndex(model);
  const scores = new Map<number, number>();
  for (const [t, w] of vec) {
    const post = idx.get(t);
    if (!post) continue;
    for (const [c, cw] of post) scores.set(c, (scores.get(c) ?? 0) + w * cw);
  }
  let best = -1;
  let bs = 0;
  for (const [c, s] of scores) if (s > bs || (s === bs && c < best)) { bs = s; best = c; }
  if (best < 0 || bs < model.minSim) return null;
  return { i: best, sim: bs };
}

