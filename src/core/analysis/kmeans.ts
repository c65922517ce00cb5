/**
 * Spherical k-means over sparse L2-normalised vectors (term-major dense centroids for cache-friendly scoring),
 * with deterministic k-means++ seeding. Cost per iteration: O(total non-zeros x k).
 */

export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dotDense(v: SparseVec, dense: Float32Array, offset: number): number {
  let s = 0;
  for (let j = 0; j < v.idx.length; j++) s += v.val[j]! * dense[offset + v.idx[j]!]!;
  return s;
}

/** Centroids stored term-major: C[term * k + c]. */
export interface KMeansResult {
  k: number;
  assign: Int32Array;
  sim: Float32Array;
  centroids: Float32Array; // term-major, L2-normalised per centroid
}

/** k-means++ seeding (cosine), continuing from `given` centres when there are any. */
function seedPlusPlus(docs: SparseVec[], dim: number, k: number, rand: () => number, given: Float32Array[] = []): Float32Array[] {
  const n = docs.length;
  const best = new Float64Array(n).fill(-1);
  const centers: Float32Array[] = [];
  for (const g of given.slice(0, k)) {
    centers.push(g);
    for (let i = 0; i < n; i++) {
      const s = dotDense(docs[i]!, g, 0);
      if (s > best[i]!) best[i] = s;
    }
  }
  let first = Math.floor(rand() * n);
  for (let c = centers.length; c < k; c++) {
    const pick = c === 0 ? first : (() => {
      let total = 0;
      for (let i = 0; i < n; i++) total += Math.max(0, 1 - best[i]!);
      if (total <= 0) return Math.floor(rand() * n);
      let r = rand() * total;
      for (let i = 0; i < n; i++) {
        r -= Math.max(0, 1 - best[i]!);
        if (r <= 0) return i;
      }
      return n - 1;
    })();
    first = pick;
    const d = docs[pick]!;
    const center = new Float32Array(dim);
    for (let j = 0; j < d.idx.length; j++) center[d.idx[j]!] = d.val[j]!;
    centers.push(center);
    for (let i = 0; i < n; i++) {
      const s = dotDense(docs[i]!, center, 0);
      if (s > best[i]!) best[i] = s;
    }
  }
  return centers;
}

export interface KMeansOptions {
  seed?: number;
  iterations?: number;
  /** initial centres (dense, unit length) to start from, e.g. the previous run's themes */
  init?: Float32Array[];
}

export function sphericalKMeans(docs: SparseVec[], dim: number, k: number, opts: KMeansOptions = {}): KMeansResult {
  const n = docs.length;
  k = Math.max(1, Math.min(k, n));
  const rand = mulberry32(opts.seed ?? 12345);
  const centers = seedPlusPlus(docs, dim, k, rand, opts.init);
  const C = new Float32Array(dim * k);
  for (let c = 0; c < k; c++) {
    const ce = centers[c]!;
    for (let t = 0; t < dim; t++) if (ce[t]) C[t * k + c] = ce[t]!;
  }
  const assign = new Int32Array(n).fill(-1);
  const sim = new Float32Array(n);
  const scores = new Float64Array(k);
  const iterations = opts.iterations ?? 20;
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const d = docs[i]!;
      scores.fill(0);
      for (let j = 0; j < d.idx.length; j++) {
        const w = d.val[j]!;
        const base = d.idx[j]! * k;
        for (let c = 0; c < k; c++) scores[c] = scores[c]! + w * C[base + c]!;
      }
      let bc = 0;
      let bs = -Infinity;
      for (let c = 0; c < k; c++) if (scores[c]! > bs) { bs = scores[c]!; bc = c; }
      if (assign[i] !== bc) changed++;
      assign[i] = bc;
      sim[i] = bs;
    }
    if (it > 0 && changed <= n * 0.002) break;
    // Recompute centroids.
    C.fill(0);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const d = docs[i]!;
      const c = assign[i]!;
      counts[c] = counts[c]! + 1;
      for (let j = 0; j < d.idx.length; j++) { const p = d.idx[j]! * k + c; C[p] = C[p]! + d.val[j]!; }
    }
    const norms = new Float64Array(k);
    for (let t = 0; t < dim; t++) for (let c = 0; c < k; c++) { const v = C[t * k + c]!; norms[c] = norms[c]! + v * v; }
    // Empty clusters: re-seed with the worst-fitting document.
    for (let c = 0; c < k; c++) {
      if (counts[c]) continue;
      let worst = 0;
      for (let i = 1; i < n; i++) if (sim[i]! < sim[worst]!) worst = i;
      const d = docs[worst]!;
      for (let j = 0; j < d.idx.length; j++) C[d.idx[j]! * k + c] = d.val[j]!;
      norms[c] = 1;
      sim[worst] = 2;
    }
    for (let c = 0; c < k; c++) norms[c] = norms[c]! > 0 ? 1 / Math.sqrt(norms[c]!) : 0;
    for (let t = 0; t < dim; t++) for (let c = 0; c < k; c++) C[t * k + c] = C[t * k + c]! * norms[c]!;
  }
  return { k, assign, sim, centroids: C };
}
