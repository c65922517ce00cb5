/**
 * Document clustering for theme discovery: spherical k-means in two passes (see clusterDocs), the first on LSA
 * of TF-IDF, the second on LSA of focus-weighted TF-IDF joined with word vectors learned on the same documents.
 * k-means starts from a generous number of clusters (2·√n: fine-grained themes are more useful than merged
 * ones), then clusters whose centroids are nearly the same theme (cosine >= MERGE_SIM) are merged, so the final
 * number of themes follows the data rather than its size alone, and then clusters that mean the same in the word
 * vectors (synonyms: "invoice" and "bill") are merged too; clusters too small to be a theme are dissolved
 * (their documents go to the nearest theme or to "other" at assignment time).
 */
import { sphericalKMeans, type KMeansResult, type SparseVec } from './kmeans';
import { embed, fitLsa } from './lsa';
import { embedWords, fitWordVectors, type WordVectors } from './word-vectors';

export interface ClusterOptions {
  /** LSA dimensions (0 = cluster raw TF-IDF) */
  lsaDim?: number;
  seed?: number;
  /** previous themes' centroids in the same sparse term space: used as starting centres (stable themes) */
  seeds?: SparseVec[];
}

/** Starting number of clusters from the number of documents (merging then brings it down to what the data supports). */
export function chooseK(n: number): number {
  if (n < 4) return 1;
  return Math.max(2, Math.min(200, Math.round(2 * Math.sqrt(n))));
}

/** Weight on a term's concentration in the first-pass clusters (0 = off). */
const FOCUS_WEIGHT = 2;
/** Clustering passes (the first one unweighted). */
const FOCUS_PASSES = 2;
/** Below this many documents the per-term statistics are too thin for the second pass. */
const FOCUS_MIN_DOCS = 200;
/** Clusters whose centroids (focus-weighted term space) are at least this similar are one theme. */
const MERGE_SIM = 0.6;
/**
 * Clusters whose members mean the same in the word vectors learned on the window (cosine of their mean
 * embeddings, the window's common direction removed) are one theme: "download an invoice" and "get my bill",
 * "track my package" and "check my shipment" share few words but are used in the same contexts.
 */
const MERGE_MEANING_SIM = 0.9;
/** Share of the second pass's similarity that comes from the word vectors (the rest from LSA of TF-IDF). */
const WORD_VECTOR_SHARE = 0.5;
/** Dimensions of the word vectors. */
const WORD_VECTOR_DIM = 32;

export interface Clustering {
  /** member index lists (indices into `vecs`), clusters too small to be a theme dropped */
  groups: number[][];
  /** per-term multiplier (>= 1) learned from the first pass: terms concentrated in few clusters weigh more */
  termWeights: Float32Array;
  /** per group, the unit mean of its members' meaning vectors (word vectors, common direction removed); absent for small inputs */
  meanings?: Float32Array[];
}

/**
 * Cluster documents in two passes: the first pass measures how concentrated each term is across clusters
 * (1 - normalised entropy); the second clusters again with focused terms weighted up, which sharpens themes
 * that differ by a few specific words ("card arrival" vs "card delivery estimate").
 */
export function clusterDocs(vecs: SparseVec[], dim: number, opts: ClusterOptions = {}): Clustering {
  const n = vecs.length;
  const termWeights = new Float32Array(dim).fill(1);
  if (!n) return { groups: [], termWeights };
  let res = clusterOnce(vecs, dim, opts);
  if (n < FOCUS_MIN_DOCS) return { groups: toGroups(res.assign, n), termWeights };
  const reweigh = (v: SparseVec): SparseVec => {
    const val = new Float32Array(v.val.length);
    let norm = 0;
    for (let j = 0; j < v.idx.length; j++) {
      val[j] = v.val[j]! * termWeights[v.idx[j]!]!;
      norm += val[j]! ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < val.length; j++) val[j] = val[j]! / norm;
    return { idx: v.idx, val };
  };
  // Word vectors depend only on which terms co-occur, not on their weights: fitted once.
  const words = fitWordVectors(vecs, dim, WORD_VECTOR_DIM, opts.seed);
  for (let pass = 1; pass < FOCUS_PASSES; pass++) {
    focusWeights(vecs, res, termWeights);
    res = clusterOnce(vecs.map(reweigh), dim, { ...opts, seeds: opts.seeds?.map(reweigh) }, words);
  }
  const focused = vecs.map(reweigh);
  const byWords = mergeClose(focused, toGroups(res.assign, n), MERGE_SIM);
  const meanings = meaningVectors(focused, words);
  const groups = mergeClose(meanings, byWords, MERGE_MEANING_SIM);
  return { groups, termWeights, meanings: groups.map((g) => {
    const c = centroidOf(meanings, g);
    return Float32Array.from({ length: words.dim }, (_, d) => c.get(d) ?? 0);
  }) };
}

/**
 * Each document's word-vector embedding with what every document of the window shares taken out (their mean,
 * as in SIF's common-component removal): in a window where everything is about flights, "flight" would
 * otherwise make every two themes look alike.
 */
function meaningVectors(vecs: SparseVec[], words: WordVectors): SparseVec[] {
  const dim = words.dim;
  const embedded = vecs.map((v) => embedWords(v, words));
  const mean = new Float64Array(dim);
  for (const e of embedded) for (let c = 0; c < dim; c++) mean[c] = mean[c]! + e[c]! / embedded.length;
  const full = new Int32Array(dim).map((_, i) => i);
  return embedded.map((e) => {
    const val = new Float32Array(dim);
    let norm = 0;
    for (let c = 0; c < dim; c++) {
      val[c] = e[c]! - mean[c]!;
      norm += val[c]! ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < dim; c++) val[c] = val[c]! / norm;
    return { idx: full, val };
  });
}

type Centroid = Map<number, number>;

function centroidOf(vecs: SparseVec[], members: number[]): Centroid {
  const m: Centroid = new Map();
  for (const i of members) {
    const v = vecs[i]!;
    for (let j = 0; j < v.idx.length; j++) m.set(v.idx[j]!, (m.get(v.idx[j]!) ?? 0) + v.val[j]!);
  }
  let norm = 0;
  for (const x of m.values()) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (const [t, x] of m) m.set(t, x / norm);
  return m;
}

function cosine(a: Centroid, b: Centroid): number {
  if (a.size > b.size) [a, b] = [b, a];
  let d = 0;
  for (const [t, x] of a) {
    const y = b.get(t);
    if (y) d += x * y;
  }
  return d;
}

/**
 * Agglomerative merging of k-means clusters: repeatedly merge the two clusters whose centroids are most similar
 * while that similarity is >= minSim (the merged centroid is recomputed from the members). Deterministic: ties
 * go to the lowest indices; merged member lists stay sorted.
 */
export function mergeClose(vecs: SparseVec[], groups: number[][], minSim: number): number[][] {
  const k = groups.length;
  if (k < 2) return groups;
  const cents = groups.map((g) => centroidOf(vecs, g));
  const sim = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) sim[i * k + j] = sim[j * k + i] = cosine(cents[i]!, cents[j]!);
  const alive = groups.map(() => true);
  const out = groups.map((g) => g.slice());
  for (;;) {
    let bi = -1;
    let bj = -1;
    let bs = minSim;
    for (let i = 0; i < k; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < k; j++) if (alive[j] && sim[i * k + j]! >= bs && (bi < 0 || sim[i * k + j]! > bs)) { bs = sim[i * k + j]!; bi = i; bj = j; }
    }
    if (bi < 0) break;
    out[bi] = [...out[bi]!, ...out[bj]!].sort((a, b) => a - b);
    out[bj] = [];
    alive[bj] = false;
    cents[bi] = centroidOf(vecs, out[bi]!);
    for (let j = 0; j < k; j++) if (alive[j] && j !== bi) sim[bi * k + j] = sim[j * k + bi] = cosine(cents[bi]!, cents[j]!);
  }
  return out.filter((_, i) => alive[i]);
}

/** termWeights[t] = 1 + FOCUS_WEIGHT * (1 - normalised entropy of term t over the clusters of `res`). */
function focusWeights(vecs: SparseVec[], res: KMeansResult, termWeights: Float32Array): void {
  const perTerm = new Map<number, Map<number, number>>();
  for (let i = 0; i < vecs.length; i++) {
    const v = vecs[i]!;
    const c = res.assign[i]!;
    for (let j = 0; j < v.idx.length; j++) {
      const t = v.idx[j]!;
      let m = perTerm.get(t);
      if (!m) perTerm.set(t, (m = new Map()));
      m.set(c, (m.get(c) ?? 0) + 1);
    }
  }
  const logk = Math.log(Math.max(2, res.k));
  for (const [t, m] of perTerm) {
    let tot = 0;
    for (const x of m.values()) tot += x;
    let h = 0;
    for (const x of m.values()) h -= (x / tot) * Math.log(x / tot);
    termWeights[t] = 1 + FOCUS_WEIGHT * (1 - h / logk);
  }
}

/** Member lists per cluster, dropping clusters too small to be a theme. */
function toGroups(assign: Int32Array, n: number): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = assign[i]!;
    const g = groups.get(c) ?? [];
    g.push(i);
    groups.set(c, g);
  }
  // A theme needs at least as many conversations as customers must share a word before it is shown (labels.ts).
  const minSize = Math.max(3, Math.round(n * 0.001));
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g).filter((g) => g.length >= minSize);
}

/**
 * One spherical k-means pass over LSA embeddings of `vecs`, joined (when given) with their word-vector embeddings:
 * each part is unit length and scaled so that the dot product of two joined vectors is the weighted mix of the
 * two cosines.
 */
function clusterOnce(vecs: SparseVec[], dim: number, opts: ClusterOptions, words?: WordVectors): KMeansResult {
  const n = vecs.length;
  let input = vecs;
  let inDim = dim;
  let project = (v: SparseVec): Float32Array => {
    const d = new Float32Array(dim);
    for (let j = 0; j < v.idx.length; j++) d[v.idx[j]!] = v.val[j]!;
    return d;
  };
  const lsaDim = opts.lsaDim ?? 0;
  if (lsaDim > 0 && n > 50 && dim > lsaDim) {
    const lsa = fitLsa(vecs, dim, lsaDim, { seed: opts.seed });
    const share = words ? WORD_VECTOR_SHARE : 0;
    const outDim = lsa.dim + (words ? words.dim : 0);
    project = (v) => {
      const out = new Float32Array(outDim);
      const a = embed(v, lsa.P, lsa.dim);
      for (let c = 0; c < lsa.dim; c++) out[c] = a[c]! * Math.sqrt(1 - share);
      if (words) {
        const b = embedWords(v, words);
        for (let c = 0; c < words.dim; c++) out[lsa.dim + c] = b[c]! * Math.sqrt(share);
      }
      return out;
    };
    const full = new Int32Array(outDim).map((_, i) => i);
    input = vecs.map((v) => ({ idx: full, val: project(v) }));
    inDim = outDim;
  }
  const init = (opts.seeds ?? []).filter((v) => v.idx.length > 0).map(project);
  const k = Math.max(chooseK(n), Math.min(init.length, 250));
  return sphericalKMeans(input, inDim, k, { seed: opts.seed ?? 7, iterations: 20, init });
}
