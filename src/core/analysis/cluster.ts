/**
 * Document clustering for theme discovery: LSA-smoothed spherical k-means in two passes (see clusterDocs).
 * The number of clusters follows the data size (deliberate over-clustering: fine-grained themes are more useful, and measured better, than
 * merged ones); clusters too small to be a theme are dissolved (their documents go to the nearest theme or to
 * "other" at assignment time).
 */
import { sphericalKMeans, type KMeansResult, type SparseVec } from './kmeans';
import { embed, fitLsa } from './lsa';

export interface ClusterOptions {
  /** LSA dimensions (0 = cluster raw TF-IDF) */
  lsaDim?: number;
  seed?: number;
  /** previous themes' centroids in the same sparse term space: used as starting centres (stable themes) */
  seeds?: SparseVec[];
}

/** Number of clusters from the number of documents. */
export function chooseK(n: number): number {
  if (n < 4) return 1;
  return Math.max(2, Math.min(200, Math.round(Number(process.env.KF ?? 2) * Math.sqrt(n))));
}

/** Weight on a term's concentration in the first-pass clusters (0 = off). */
const FOCUS_WEIGHT = Number(process.env.FW ?? 2);
/** Clustering passes (the first one unweighted). */
const FOCUS_PASSES = Number(process.env.FP ?? 2);
/** Below this many documents the per-term statistics are too thin for the second pass. */
const FOCUS_MIN_DOCS = 200;

export interface Clustering {
  /** member index lists (indices into `vecs`), clusters too small to be a theme dropped */
  groups: number[][];
  /** per-term multiplier (>= 1) learned from the first pass: terms concentrated in few clusters weigh more */
  termWeights: Float32Array;
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
  for (let pass = 1; pass < FOCUS_PASSES; pass++) {
    focusWeights(vecs, res, termWeights);
    res = clusterOnce(vecs.map(reweigh), dim, { ...opts, seeds: opts.seeds?.map(reweigh) });
  }
  return { groups: toGroups(res.assign, n), termWeights };
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
  const minSize = Math.max(2, Math.round(n * 0.001));
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g).filter((g) => g.length >= minSize);
}

/** One LSA + spherical k-means pass. */
function clusterOnce(vecs: SparseVec[], dim: number, opts: ClusterOptions): KMeansResult {
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
    const full = new Int32Array(lsa.dim).map((_, i) => i);
    input = vecs.map((v) => ({ idx: full, val: Float32Array.from(embed(v, lsa.P, lsa.dim)) }));
    inDim = lsa.dim;
    project = (v) => Float32Array.from(embed(v, lsa.P, lsa.dim));
  }
  const init = (opts.seeds ?? []).filter((v) => v.idx.length > 0).map(project);
  const k = Math.max(chooseK(n), Math.min(init.length, 250));
  return sphericalKMeans(input, inDim, k, { seed: opts.seed ?? 7, iterations: Number(process.env.IT ?? 20), init });
}
