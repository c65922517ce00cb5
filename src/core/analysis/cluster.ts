/**
 * Document clustering for theme discovery: LSA-smoothed spherical k-means. The number of clusters follows the
 * data size (deliberate over-clustering: fine-grained themes are more useful, and measured better, than
 * merged ones); clusters too small to be a theme are dissolved (their documents go to the nearest theme or to
 * "other" at assignment time).
 */
import { sphericalKMeans, type SparseVec } from './kmeans';
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
  return Math.max(2, Math.min(200, Math.round(2 * Math.sqrt(n))));
}

/** Cluster documents; returns member index lists (indices into `vecs`), small clusters dropped. */
export function clusterDocs(vecs: SparseVec[], dim: number, opts: ClusterOptions = {}): number[][] {
  const n = vecs.length;
  if (!n) return [];
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
    const alpha = Number(process.env.WH ?? 0);
    if (alpha > 0) {
      for (let t = 0; t < dim; t++) for (let c = 0; c < lsa.dim; c++) lsa.P[t * lsa.dim + c] = lsa.P[t * lsa.dim + c]! / Math.pow(lsa.sigma[c]! || 1, alpha);
    }
    const full = new Int32Array(lsa.dim).map((_, i) => i);
    input = vecs.map((v) => ({ idx: full, val: Float32Array.from(embed(v, lsa.P, lsa.dim)) }));
    inDim = lsa.dim;
    project = (v) => Float32Array.from(embed(v, lsa.P, lsa.dim));
  }
  const init = (opts.seeds ?? []).filter((v) => v.idx.length > 0).map(project);
  const k = Math.max(chooseK(n), Math.min(init.length, 250));
  const res = sphericalKMeans(input, inDim, k, { seed: opts.seed ?? 7, iterations: 20, init });
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = res.assign[i]!;
    const g = groups.get(c) ?? [];
    g.push(i);
    groups.set(c, g);
  }
  const minSize = Math.max(2, Math.round(n * 0.001));
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g).filter((g) => g.length >= minSize);
}
