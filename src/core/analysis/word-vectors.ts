/**
 * Word vectors learned on the documents being clustered (no pretrained model): positive PMI of terms that
 * co-occur in a document (within a window), factorised by truncated SVD. Terms used in the same contexts ("arrive", "delivered",
 * "received") get similar vectors even when they never share a document, which the TF-IDF/LSA view misses.
 * A document is the smooth-inverse-frequency weighted sum of its terms' vectors.
 */
import type { SparseVec } from './kmeans';
import { fitLsa } from './lsa';

/** Context-distribution smoothing (Levy et al. 2015): rare contexts get less inflated PMI. */
const CONTEXT_ALPHA = 0.75;
/** SIF weight a / (a + p(t)) (Arora et al. 2017): frequent terms count less. */
const SIF_A = 1e-3;

export interface WordVectors {
  dim: number;
  /** term vectors, V x dim row-major */
  W: Float32Array;
  /** SIF weight per term */
  weight: Float32Array;
}

/** Terms co-occur when at most this many positions apart (term order = first occurrence in the document). */
const WINDOW = 20;
/** Only a document's first terms count: bounds memory for long texts (short ones are whole). */
const MAX_TERMS_PER_DOC = 48;

/** Co-occurrence counts of term pairs within documents, as sorted (key = a * V + b) runs: no per-pair objects. */
function cooccurrences(docs: SparseVec[], V: number): { keys: Float64Array; counts: Float64Array } {
  let total = 0;
  for (const d of docs) {
    const len = Math.min(d.idx.length, MAX_TERMS_PER_DOC);
    for (let a = 0; a < len; a++) total += Math.min(len - 1, a + WINDOW) - Math.max(0, a - WINDOW);
  }
  const all = new Float64Array(total);
  let p = 0;
  for (const d of docs) {
    const len = Math.min(d.idx.length, MAX_TERMS_PER_DOC);
    for (let a = 0; a < len; a++) {
      for (let b = Math.max(0, a - WINDOW); b <= Math.min(len - 1, a + WINDOW); b++) if (a !== b) all[p++] = d.idx[a]! * V + d.idx[b]!;
    }
  }
  all.sort();
  const keys: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j] === all[i]) j++;
    keys.push(all[i]!);
    counts.push(j - i);
    i = j;
  }
  return { keys: Float64Array.from(keys), counts: Float64Array.from(counts) };
}

/** Fit term vectors on `docs` (sparse vectors over V terms; only which terms occur matters). */
export function fitWordVectors(docs: SparseVec[], V: number, dim: number, seed = 17): WordVectors {
  const df = new Float64Array(V);
  let occurrences = 0;
  for (const d of docs) {
    for (let j = 0; j < d.idx.length; j++) df[d.idx[j]!] = df[d.idx[j]!]! + 1;
    occurrences += d.idx.length;
  }
  const { keys, counts } = cooccurrences(docs, V);
  const rowTot = new Float64Array(V);
  const ctx = new Float64Array(V);
  let all = 0;
  for (let e = 0; e < keys.length; e++) {
    const w = Math.floor(keys[e]! / V);
    rowTot[w] = rowTot[w]! + counts[e]!;
    ctx[keys[e]! - w * V] = ctx[keys[e]! - w * V]! + counts[e]!;
    all += counts[e]!;
  }
  let ctxNorm = 0;
  for (let v = 0; v < V; v++) ctxNorm += ctx[v]! ** CONTEXT_ALPHA;
  // PPMI rows (keys are sorted, so each row's entries are contiguous and in column order).
  const rows: SparseVec[] = [];
  let e = 0;
  for (let w = 0; w < V; w++) {
    const idx: number[] = [];
    const val: number[] = [];
    for (; e < keys.length && Math.floor(keys[e]! / V) === w; e++) {
      const c = keys[e]! - w * V;
      const pmi = Math.log((counts[e]! * ctxNorm) / (rowTot[w]! * ctx[c]! ** CONTEXT_ALPHA));
      if (pmi > 0) { idx.push(c); val.push(pmi); }
    }
    rows.push({ idx: Int32Array.from(idx), val: Float32Array.from(val) });
  }
  const lsa = fitLsa(rows, V, dim, { seed });
  const d = lsa.dim;
  // Rows of M·P are U·Σ² (see fitLsa); scaled by Σ^-½ to U·Σ^1.5, which clustered slightly better than U·Σ^½.
  const W = new Float32Array(V * d);
  for (let w = 0; w < V; w++) {
    const r = rows[w]!;
    for (let j = 0; j < r.idx.length; j++) {
      const x = r.val[j]!;
      const o = r.idx[j]! * d;
      for (let c = 0; c < d; c++) W[w * d + c] = W[w * d + c]! + x * lsa.P[o + c]!;
    }
    for (let c = 0; c < d; c++) W[w * d + c] = W[w * d + c]! / Math.sqrt(lsa.sigma[c]! || 1);
  }
  const weight = Float32Array.from(df, (f) => SIF_A / (SIF_A + f / Math.max(1, occurrences)));
  return { dim: d, W, weight };
}

/** SIF embedding of a document (its terms' vectors, weighted by rarity), unit length (zero if no known term). */
export function embedWords(v: SparseVec, wv: WordVectors): Float64Array {
  const d = wv.dim;
  const e = new Float64Array(d);
  for (let j = 0; j < v.idx.length; j++) {
    const t = v.idx[j]!;
    const a = wv.weight[t]!;
    for (let c = 0; c < d; c++) e[c] = e[c]! + a * wv.W[t * d + c]!;
  }
  let norm = 0;
  for (let c = 0; c < d; c++) norm += e[c]! ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let c = 0; c < d; c++) e[c] = e[c]! / norm;
  return e;
}
