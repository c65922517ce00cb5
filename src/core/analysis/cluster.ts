/**
 * Document clustering for theme discovery: LSA-smoothed spherical k-means with deliberate over-clustering,
 * then agglomerative merging of clusters whose term centroids are near-duplicates (so the number of themes
 * follows the data), and dissolution of clusters too small to be a theme.
 */
import { sphericalKMeans, type SparseVec } from './kmeans';
import { embed, fitLsa } from './lsa';

export interface ClusterOptions {
  /** LSA dimensions (0 = cluster raw TF-IDF) */
  lsaDim?: number;
  /** merge clusters whose centroid cosine is at least this */
  mergeAt?: number;
  seed?: number;
}

/** Initial (over-)clustering size from the number of documents. */
export function chooseK(n: number): number {
  if (n < 4) return 1;
  return Math.max(2, Math.min(200, Math.round(1.5 * Math.sqrt(n))));
}

type SparseMap = Map<number, number>;

function addInto(acc: SparseMap, v: SparseVec, scale = 1): void {
  for (let j = 0; j < v.idx.length; j++) acc.set(v.idx[j]!, (acc.get(v.idx[j]!) ?? 0) + v.val[j]! * scale);
}

function cosine(a: SparseMap, b: SparseMap, na: number, nb: number): number {
  if (!na || !nb) return 0;
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of s) {
    const w = l.get(k);
    if (w !== undefined) dot += v * w;
  }
  return dot / (na * nb);
}

function norm(a: SparseMap): number {
  let s = 0;
  for (const v of a.values()) s += v * v;
  return Math.sqrt(s);
}

/** Greedy average-linkage merge on summed term vectors. Returns cluster index per original cluster. */
function mergeClusters(sums: SparseMap[], threshold: number): number[] {
  const k = sums.length;
  const parent = [...Array(k).keys()];
  const alive = new Set(parent);
  const norms = sums.map(norm);
  const sim = new Map<number, Map<number, number>>();
  const setSim = (a: number, b: number, v: number): void => {
    const [x, y] = a < b ? [a, b] : [b, a];
    let m = sim.get(x);
    if (!m) sim.set(x, (m = new Map()));
    m.set(y, v);
  };
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) setSim(a, b, cosine(sums[a]!, sums[b]!, norms[a]!, norms[b]!));
  for (;;) {
    let best = -1;
    let ba = -1;
    let bb = -1;
    for (const [a, m] of sim) {
      if (!alive.has(a)) continue;
      for (const [b, v] of m) if (alive.has(b) && v > best) { best = v; ba = a; bb = b; }
    }
    if (ba < 0 || best < threshold) break;
    // Merge bb into ba.
    for (const [t, v] of sums[bb]!) sums[ba]!.set(t, (sums[ba]!.get(t) ?? 0) + v);
    norms[ba] = norm(sums[ba]!);
    alive.delete(bb);
    parent[bb] = ba;
    sim.delete(bb);
    for (const c of alive) if (c !== ba) setSim(ba, c, cosine(sums[ba]!, sums[c]!, norms[ba]!, norms[c]!));
  }
  const root = (x: number): number => (parent[x] === x ? x : (parent[x] = root(parent[x]!)));
  return parent.map((_, i) => root(i));
}

/** Cluster documents; returns member index lists (indices into `vecs`), small clusters dropped. */
export function clusterDocs(vecs: SparseVec[], dim: number, opts: ClusterOptions = {}): number[][] {
  const n = vecs.length;
  if (!n) return [];
  let input = vecs;
  let inDim = dim;
  const lsaDim = opts.lsaDim ?? 0;
  if (lsaDim > 0 && n > 50 && dim > lsaDim) {
    const lsa = fitLsa(vecs, dim, lsaDim, { seed: opts.seed });
    const full = new Int32Array(lsa.dim).map((_, i) => i);
    input = vecs.map((v) => ({ idx: full, val: Float32Array.from(embed(v, lsa.P, lsa.dim)) }));
    inDim = lsa.dim;
  }
  const k = chooseK(n);
  const res = sphericalKMeans(input, inDim, k, { seed: opts.seed ?? 7, iterations: 20 });
  // Summed TF-IDF vectors per k-means cluster.
  const sums: SparseMap[] = Array.from({ length: res.k }, () => new Map());
  for (let i = 0; i < n; i++) addInto(sums[res.assign[i]!]!, vecs[i]!);
  const mergeAt = opts.mergeAt ?? 1.01;
  const root = mergeAt <= 1 ? mergeClusters(sums, mergeAt) : [...Array(res.k).keys()];
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = root[res.assign[i]!]!;
    const g = groups.get(r) ?? [];
    g.push(i);
    groups.set(r, g);
  }
  const minSize = Math.max(2, Math.round(n * 0.001));
  return [...groups.values()].filter((g) => g.length >= minSize);
}
