/**
 * Latent semantic analysis: randomized truncated SVD (Halko et al.) of a sparse row matrix, giving dense
 * document embeddings and a term projection so that new documents can be embedded the same way.
 */
import { mulberry32, type SparseVec } from './kmeans';

/**
 * Orthonormalise the columns of a row-major (rows x cols) matrix in place (modified Gram-Schmidt). Works on a
 * column-major copy so that every inner loop runs over contiguous memory.
 */
function orthonormalize(M: Float64Array, rows: number, cols: number): void {
  const T = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) T[j * rows + r] = M[r * cols + j]!;
  for (let j = 0; j < cols; j++) {
    const oj = j * rows;
    let before = 0;
    for (let r = 0; r < rows; r++) before += T[oj + r]! ** 2;
    for (let p = 0; p < j; p++) {
      const op = p * rows;
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += T[oj + r]! * T[op + r]!;
      for (let r = 0; r < rows; r++) T[oj + r] = T[oj + r]! - dot * T[op + r]!;
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += T[oj + r]! ** 2;
    // A column inside the span of the previous ones (rank-deficient input) would be rounding noise: zero it.
    const scale = norm > 1e-20 * before && norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let r = 0; r < rows; r++) T[oj + r] = T[oj + r]! * scale;
  }
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) M[r * cols + j] = T[j * rows + r]!;
}

/** Y (n x l) = A (n x V) * X (V x l) */
function mulA(A: SparseVec[], X: Float64Array, l: number): Float64Array {
  const Y = new Float64Array(A.length * l);
  for (let i = 0; i < A.length; i++) {
    const a = A[i]!;
    const o = i * l;
    for (let j = 0; j < a.idx.length; j++) {
      const w = a.val[j]!;
      const xo = a.idx[j]! * l;
      for (let c = 0; c < l; c++) Y[o + c] = Y[o + c]! + w * X[xo + c]!;
    }
  }
  return Y;
}

/** Z (V x l) = A^T (V x n) * Y (n x l) */
function mulAt(A: SparseVec[], Y: Float64Array, V: number, l: number): Float64Array {
  const Z = new Float64Array(V * l);
  for (let i = 0; i < A.length; i++) {
    const a = A[i]!;
    const o = i * l;
    for (let j = 0; j < a.idx.length; j++) {
      const w = a.val[j]!;
      const zo = a.idx[j]! * l;
      for (let c = 0; c < l; c++) Z[zo + c] = Z[zo + c]! + w * Y[o + c]!;
    }
  }
  return Z;
}

/** Eigen-decomposition of a symmetric matrix (cyclic Jacobi). Returns eigenvalues desc and eigenvectors as columns. */
function jacobiEigen(S: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const A = Float64Array.from(S);
  const Vm = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Vm[i * m + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += A[p * m + q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = A[p * m + q]!;
        if (Math.abs(apq) < 1e-20) continue;
        const app = A[p * m + p]!;
        const aqq = A[q * m + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = A[k * m + p]!;
          const akq = A[k * m + q]!;
          A[k * m + p] = c * akp - s * akq;
          A[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = A[p * m + k]!;
          const aqk = A[q * m + k]!;
          A[p * m + k] = c * apk - s * aqk;
          A[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = Vm[k * m + p]!;
          const vkq = Vm[k * m + q]!;
          Vm[k * m + p] = c * vkp - s * vkq;
          Vm[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(m).keys()].sort((a, b) => A[b * m + b]! - A[a * m + a]!);
  const values = new Float64Array(m);
  const vectors = new Float64Array(m * m);
  order.forEach((src, dst) => {
    values[dst] = A[src * m + src]!;
    for (let k = 0; k < m; k++) vectors[k * m + dst] = Vm[k * m + src]!;
  });
  return { values, vectors };
}

export interface Lsa {
  dim: number;
  /** term projection, V x dim row-major: embedding(doc) = sum_t w_t * P[t] */
  P: Float64Array;
  /** singular values */
  sigma: Float64Array;
}

/** Truncated SVD of A (n x V) with `dim` components. */
export function fitLsa(A: SparseVec[], V: number, dim: number, opts: { seed?: number; power?: number } = {}): Lsa {
  const n = A.length;
  const d = Math.max(1, Math.min(dim, V, n));
  const l = Math.min(d + 10, V, n);
  const rand = mulberry32(opts.seed ?? 99);
  const gauss = (): number => {
    const u = rand() || 1e-12;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const Omega = new Float64Array(V * l);
  for (let i = 0; i < Omega.length; i++) Omega[i] = gauss();
  let Q = mulA(A, Omega, l);
  orthonormalize(Q, n, l);
  for (let it = 0; it < (opts.power ?? 2); it++) {
    const Z = mulAt(A, Q, V, l);
    orthonormalize(Z, V, l);
    Q = mulA(A, Z, l);
    orthonormalize(Q, n, l);
  }
  // B^T = A^T Q (V x l); B B^T = (B^T)^T B^T (l x l)
  const Bt = mulAt(A, Q, V, l);
  const S = new Float64Array(l * l);
  for (let t = 0; t < V; t++) {
    const o = t * l;
    for (let a = 0; a < l; a++) {
      const x = Bt[o + a]!;
      if (x === 0) continue;
      for (let b = a; b < l; b++) S[a * l + b] = S[a * l + b]! + x * Bt[o + b]!;
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) S[a * l + b] = S[b * l + a]!;
  const { values, vectors } = jacobiEigen(S, l);
  // P = B^T U_B = V Sigma (first d columns), so the embedding A P = U Sigma^2 (normalised by embed).
  const P = new Float64Array(V * d);
  for (let t = 0; t < V; t++) {
    for (let c = 0; c < d; c++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += Bt[t * l + a]! * vectors[a * l + c]!;
      P[t * d + c] = s;
    }
  }
  const sigma = new Float64Array(d);
  for (let c = 0; c < d; c++) sigma[c] = Math.sqrt(Math.max(0, values[c]!));
  return { dim: d, P, sigma };
}

/** Embed a sparse vector with a term projection; L2-normalised. */
export function embed(v: SparseVec, P: ArrayLike<number>, dim: number): Float64Array {
  const e = new Float64Array(dim);
  for (let j = 0; j < v.idx.length; j++) {
    const w = v.val[j]!;
    const o = v.idx[j]! * dim;
    for (let c = 0; c < dim; c++) e[c] = e[c]! + w * P[o + c]!;
  }
  let norm = 0;
  for (let c = 0; c < dim; c++) norm += e[c]! ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let c = 0; c < dim; c++) e[c] = e[c]! / norm;
  return e;
}
