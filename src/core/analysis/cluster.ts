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
export function clusterDocs(vecs0: SparseVec[], dim: number, opts: ClusterOptions = {}): number[][] {
  let vecs = vecs0;
  const n = vecs.length;
  if (!n) return [];
  const beta = Number(process.env.FW ?? 0);
  if (beta > 0) {
    const first = clusterOnce(vecs, dim, opts);
    // Term concentration across first-pass clusters: focused terms get more weight.
    const k = first.k;
    const tc = new Map<number, Map<number, number>>();
    for (let i = 0; i < n; i++) {
      const v = vecs[i]!;
      const c = first.assign[i]!;
      for (let j = 0; j < v.idx.length; j++) {
        const t = v.idx[j]!;
        let m = tc.get(t);
        if (!m) tc.set(t, (m = new Map()));
        m.set(c, (m.get(c) ?? 0) + 1);
      }
    }
    const w = new Float32Array(dim).fill(1);
    const logk = Math.log(Math.max(2, k));
    for (const [t, m] of tc) {
      let tot = 0;
      for (const x of m.values()) tot += x;
      let h = 0;
      for (const x of m.values()) { const p = x / tot; h -= p * Math.log(p); }
      w[t] = 1 + beta * (1 - h / logk);
    }
    vecs = vecs.map((v) => {
      const val = new Float32Array(v.val.length);
      let nn = 0;
      for (let j = 0; j < v.idx.length; j++) { val[j] = v.val[j]! * w[v.idx[j]!]!; nn += val[j]! ** 2; }
      nn = Math.sqrt(nn) || 1;
      for (let j = 0; j < val.length; j++) val[j] = val[j]! / nn;
      return { idx: v.idx, val };
    });
  }
  const res = clusterOnce(vecs, dim, opts);
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

function clusterOnce(vecs: SparseVec[], dim: number, opts: ClusterOptions) {
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
  return sphericalKMeans(input, inDim, k, { seed: opts.seed ?? 7, iterations: 20, init });
}
