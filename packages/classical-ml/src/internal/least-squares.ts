import { ValueError } from '../errors';
import type { Matrix } from './matrix';

const EPS = 2.220446049250313e-16;

/**
 * Minimum-norm least-squares solution of A x ≈ b (A is m × n, row-major) by Householder QR with
 * column pivoting, A P = Q R, like LAPACK's gelsy: full-rank problems are solved by back
 * substitution on R (never by forming AᵀA); a numerically rank-deficient R (|R_kk| ≤
 * max(m, n)·ε·|R_00|, numpy's default `rcond`) is completed to the minimum-norm solution.
 */
export function leastSquares(A: Float64Array, m: number, n: number, b: Float64Array): Float64Array {
  const a = new Float64Array(m * n); // column-major copy: a[j * m + i]
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[j * m + i] = A[i * n + j];
  const c = Float64Array.from(b);
  const perm = Array.from({ length: n }, (_, j) => j);
  const steps = Math.min(m, n);
  const v = new Float64Array(m);
  for (let k = 0; k < steps; k++) {
    // Pivot: the remaining column with the largest norm below row k.
    let best = k;
    let bestNorm = -1;
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += a[j * m + i] * a[j * m + i];
      if (s > bestNorm) {
        bestNorm = s;
        best = j;
      }
    }
    if (best !== k) {
      for (let i = 0; i < m; i++) {
        const t = a[k * m + i];
        a[k * m + i] = a[best * m + i];
        a[best * m + i] = t;
      }
      const t = perm[k];
      perm[k] = perm[best];
      perm[best] = t;
    }
    const norm = Math.sqrt(bestNorm);
    if (norm === 0) continue;
    const x0 = a[k * m + k];
    const alpha = x0 > 0 ? -norm : norm;
    let vv = 0;
    for (let i = k; i < m; i++) {
      v[i] = a[k * m + i];
      if (i === k) v[i] -= alpha;
      vv += v[i] * v[i];
    }
    a[k * m + k] = alpha;
    for (let i = k + 1; i < m; i++) a[k * m + i] = 0;
    if (vv === 0) continue;
    for (let j = k + 1; j < n; j++) {
      let w = 0;
      for (let i = k; i < m; i++) w += v[i] * a[j * m + i];
      w = (2 * w) / vv;
      for (let i = k; i < m; i++) a[j * m + i] -= w * v[i];
    }
    let w = 0;
    for (let i = k; i < m; i++) w += v[i] * c[i];
    w = (2 * w) / vv;
    for (let i = k; i < m; i++) c[i] -= w * v[i];
  }
  const r00 = steps > 0 ? Math.abs(a[0]) : 0;
  const tol = Math.max(m, n) * EPS * r00;
  let rank = 0;
  while (rank < steps && Math.abs(a[rank * m + rank]) > tol) rank++;
  const z = new Float64Array(n);
  if (rank === n) {
    for (let k = n - 1; k >= 0; k--) {
      let s = c[k];
      for (let j = k + 1; j < n; j++) s -= a[j * m + k] * z[j];
      z[k] = s / a[k * m + k];
    }
  } else if (rank > 0) {
    // M = R[0:rank, :] has full row rank; its minimum-norm solution of M z = c is Mᵀ (M Mᵀ)⁻¹ c.
    const MMt = new Float64Array(rank * rank);
    for (let p = 0; p < rank; p++) {
      for (let q = 0; q <= p; q++) {
        let s = 0;
        for (let j = Math.max(p, q); j < n; j++) s += a[j * m + p] * a[j * m + q];
        MMt[p * rank + q] = s;
        MMt[q * rank + p] = s;
      }
    }
    const u = choleskySolve(MMt, rank, c.subarray(0, rank));
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p <= Math.min(j, rank - 1); p++) s += a[j * m + p] * u[p];
      z[j] = s;
    }
  }
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) x[perm[k]] = z[k];
  return x;
}

/** Solves S x = b for a symmetric positive-definite S (n × n, row-major) by Cholesky, S = L Lᵀ. */
export function choleskySolve(S: Float64Array, n: number, b: Float64Array): Float64Array {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = S[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    if (!(d > 0)) throw new ValueError('choleskySolve: the matrix is not positive definite.');
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = S[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** Column means of X and the mean of y. */
export interface Centered {
  X: Float64Array;
  y: Float64Array;
  xMean: Float64Array;
  yMean: number;
}

/** Centres X's columns and y when `fitIntercept` (sklearn's `_preprocess_data`); copies otherwise. */
export function centerData(X: Matrix, y: Float64Array, fitIntercept: boolean): Centered {
  const { rows, cols } = X;
  const xMean = new Float64Array(cols);
  let yMean = 0;
  const Xc = Float64Array.from(X.data);
  const yc = Float64Array.from(y);
  if (fitIntercept) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) xMean[j] += X.data[i * cols + j];
    for (let j = 0; j < cols; j++) xMean[j] /= rows;
    for (let i = 0; i < rows; i++) yMean += y[i];
    yMean /= rows;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) Xc[i * cols + j] -= xMean[j];
      yc[i] -= yMean;
    }
  }
  return { X: Xc, y: yc, xMean, yMean };
}
