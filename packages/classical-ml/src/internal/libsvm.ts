import type { Matrix } from './matrix';
import { type Constraint, nonNegative, oneOf, positive } from './params';

/** A kernel k(x, z) as libsvm defines it. */
export interface KernelSpec {
  kernel: 'linear' | 'poly' | 'rbf' | 'sigmoid';
  /** Polynomial degree (poly only). */
  degree: number;
  /** Resolved γ (rbf, poly, sigmoid). */
  gamma: number;
  /** Constant term (poly, sigmoid). */
  coef0: number;
}

/** base^times by repeated squaring, exactly as libsvm's `powi`. */
function powi(base: number, times: number): number {
  let tmp = base;
  let ret = 1;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) ret *= tmp;
    tmp *= tmp;
  }
  return ret;
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += a[ao + k] * b[bo + k];
  return s;
}

/**
 * k(a_i, b_j) in double precision, the way libsvm's `k_function` evaluates a test point against a
 * support vector (rbf from the squared differences).
 */
export function kernelValue(spec: KernelSpec, a: Matrix, i: number, b: Matrix, j: number): number {
  const d = a.cols;
  const ao = i * d;
  const bo = j * d;
  switch (spec.kernel) {
    case 'linear':
      return dot(a.data, ao, b.data, bo, d);
    case 'poly':
      return powi(spec.gamma * dot(a.data, ao, b.data, bo, d) + spec.coef0, spec.degree);
    case 'rbf': {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const diff = a.data[ao + k] - b.data[bo + k];
        s += diff * diff;
      }
      return Math.exp(-spec.gamma * s);
    }
    case 'sigmoid':
      return Math.tanh(spec.gamma * dot(a.data, ao, b.data, bo, d) + spec.coef0);
  }
}

/**
 * Kernel values among training rows, as libsvm's `Kernel` computes them for the Q matrix (rbf via
 * ‖x‖² + ‖z‖² − 2x·z), over a subset of the rows given by `index`.
 */
export class TrainingKernel {
  private readonly square: Float64Array | null;

  constructor(
    private readonly X: Matrix,
    private readonly spec: KernelSpec,
    private readonly index: Int32Array,
  ) {
    if (spec.kernel === 'rbf') {
      this.square = new Float64Array(index.length);
      for (let i = 0; i < index.length; i++) {
        const o = index[i] * X.cols;
        this.square[i] = dot(X.data, o, X.data, o, X.cols);
      }
    } else this.square = null;
  }

  get size(): number {
    return this.index.length;
  }

  value(i: number, j: number): number {
    const { X, spec } = this;
    const d = X.cols;
    const xy = dot(X.data, this.index[i] * d, X.data, this.index[j] * d, d);
    switch (spec.kernel) {
      case 'linear':
        return xy;
      case 'poly':
        return powi(spec.gamma * xy + spec.coef0, spec.degree);
      case 'rbf': {
        const sq = this.square as Float64Array;
        return Math.exp(-spec.gamma * (sq[i] + sq[j] - 2 * xy));
      }
      case 'sigmoid':
        return Math.tanh(spec.gamma * xy + spec.coef0);
    }
  }
}

/**
 * Rows of the Q matrix of the SMO dual, held in single precision like libsvm's `Qfloat` cache, with
 * least-recently-used eviction once `cacheBytes` is spent.
 */
export class QMatrix {
  private readonly cache = new Map<number, Float32Array>();
  private readonly maxRows: number;
  readonly diagonal: Float64Array;

  /** Q_ij = s_i s_j K(m_i, m_j), with m = `map` (sample of each variable) and s = `sign`. */
  constructor(
    private readonly kernel: TrainingKernel,
    private readonly sign: Int8Array,
    private readonly map: Int32Array,
    cacheBytes: number,
  ) {
    const l = sign.length;
    this.maxRows = Math.max(2, Math.floor(cacheBytes / (4 * l)));
    this.diagonal = new Float64Array(l);
    for (let i = 0; i < l; i++) this.diagonal[i] = kernel.value(map[i], map[i]);
  }

  row(i: number): Float32Array {
    const hit = this.cache.get(i);
    if (hit) {
      this.cache.delete(i);
      this.cache.set(i, hit);
      return hit;
    }
    const l = this.sign.length;
    const r = new Float32Array(l);
    const mi = this.map[i];
    const si = this.sign[i];
    for (let j = 0; j < l; j++) r[j] = si * this.sign[j] * this.kernel.value(mi, this.map[j]);
    if (this.cache.size >= this.maxRows) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(i, r);
    return r;
  }
}

export interface SmoResult {
  alpha: Float64Array;
  rho: number;
  nIter: number;
}

const TAU = 1e-12;

/**
 * libsvm's SMO solver (Fan, Chen & Lin, JMLR 2005) for min ½αᵀQα + pᵀα s.t. yᵀα = 0, 0 ≤ α_i ≤ C_i,
 * with second-order working-set selection (WSS 2) and without shrinking (sklearn's shrinking=False
 * path: same iterates, same solution). Stops when the maximal violation m(α) − M(α) < eps.
 */
export function smo(
  Q: QMatrix,
  p: Float64Array,
  y: Int8Array,
  C: Float64Array,
  eps: number,
  maxIter: number,
): SmoResult {
  const l = p.length;
  const QD = Q.diagonal;
  const alpha = new Float64Array(l);
  const G = Float64Array.from(p);
  // 0 lower bound, 1 upper bound, 2 free.
  const status = new Uint8Array(l);
  const updateStatus = (i: number): void => {
    status[i] = alpha[i] >= C[i] ? 1 : alpha[i] <= 0 ? 0 : 2;
  };
  for (let i = 0; i < l; i++) updateStatus(i);
  let iter = 0;
  while (maxIter < 0 || iter < maxIter) {
    // Working-set selection (WSS 2).
    let Gmax = Number.NEGATIVE_INFINITY;
    let Gmax2 = Number.NEGATIVE_INFINITY;
    let GmaxIdx = -1;
    let GminIdx = -1;
    let objDiffMin = Number.POSITIVE_INFINITY;
    for (let t = 0; t < l; t++) {
      if (y[t] === 1) {
        if (status[t] !== 1 && -G[t] >= Gmax) {
          Gmax = -G[t];
          GmaxIdx = t;
        }
      } else if (status[t] !== 0 && G[t] >= Gmax) {
        Gmax = G[t];
        GmaxIdx = t;
      }
    }
    const i = GmaxIdx;
    const Qi = i !== -1 ? Q.row(i) : null;
    for (let j = 0; j < l; j++) {
      if (y[j] === 1) {
        if (status[j] !== 0) {
          const gradDiff = Gmax + G[j];
          if (G[j] >= Gmax2) Gmax2 = G[j];
          if (gradDiff > 0) {
            const quad = QD[i] + QD[j] - 2 * y[i] * (Qi as Float32Array)[j];
            const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
            if (objDiff <= objDiffMin) {
              GminIdx = j;
              objDiffMin = objDiff;
            }
          }
        }
      } else if (status[j] !== 1) {
        const gradDiff = Gmax - G[j];
        if (-G[j] >= Gmax2) Gmax2 = -G[j];
        if (gradDiff > 0) {
          const quad = QD[i] + QD[j] + 2 * y[i] * (Qi as Float32Array)[j];
          const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
          if (objDiff <= objDiffMin) {
            GminIdx = j;
            objDiffMin = objDiff;
          }
        }
      }
    }
    if (Gmax + Gmax2 < eps || GminIdx === -1) break;
    const j = GminIdx;
    iter++;

    const QI = Q.row(i);
    const QJ = Q.row(j);
    const Ci = C[i];
    const Cj = C[j];
    const oldI = alpha[i];
    const oldJ = alpha[j];
    if (y[i] !== y[j]) {
      let quad = QD[i] + QD[j] + 2 * QI[j];
      if (quad <= 0) quad = TAU;
      const delta = (-G[i] - G[j]) / quad;
      const diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) {
        if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = diff;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = -diff;
      }
      if (diff > Ci - Cj) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = Ci - diff;
        }
      } else if (alpha[j] > Cj) {
        alpha[j] = Cj;
        alpha[i] = Cj + diff;
      }
    } else {
      let quad = QD[i] + QD[j] - 2 * QI[j];
      if (quad <= 0) quad = TAU;
      const delta = (G[i] - G[j]) / quad;
      const sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > Ci) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = sum - Ci;
        }
      } else if (alpha[j] < 0) {
        alpha[j] = 0;
        alpha[i] = sum;
      }
      if (sum > Cj) {
        if (alpha[j] > Cj) {
          alpha[j] = Cj;
          alpha[i] = sum - Cj;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = sum;
      }
    }
    const dI = alpha[i] - oldI;
    const dJ = alpha[j] - oldJ;
    for (let k = 0; k < l; k++) G[k] += QI[k] * dI + QJ[k] * dJ;
    updateStatus(i);
    updateStatus(j);
  }

  // ρ: the mean of y_i G_i over free variables, else the middle of the feasible interval.
  let nFree = 0;
  let sumFree = 0;
  let ub = Number.POSITIVE_INFINITY;
  let lb = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < l; i++) {
    const yG = y[i] * G[i];
    if (status[i] === 1) {
      if (y[i] === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (status[i] === 0) {
      if (y[i] === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      nFree++;
      sumFree += yG;
    }
  }
  const rho = nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
  return { alpha, rho, nIter: iter };
}

/**
 * Platt scaling as improved by Lin, Lin & Weng (2007): fits P(y = 1 | f) = 1 / (1 + exp(A f + B)) to
 * decision values by Newton's method with backtracking, on smoothed targets. Returns [A, B].
 */
export function sigmoidTrain(dec: Float64Array, positive: Uint8Array): [number, number] {
  const l = dec.length;
  let prior1 = 0;
  for (let i = 0; i < l; i++) prior1 += positive[i];
  const prior0 = l - prior1;
  const maxIter = 100;
  const minStep = 1e-10;
  const sigma = 1e-12;
  const eps = 1e-5;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = new Float64Array(l);
  for (let i = 0; i < l; i++) t[i] = positive[i] ? hi : lo;
  const objective = (A: number, B: number): number => {
    let f = 0;
    for (let i = 0; i < l; i++) {
      const fApB = dec[i] * A + B;
      f +=
        fApB >= 0
          ? t[i] * fApB + Math.log(1 + Math.exp(-fApB))
          : (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB));
    }
    return f;
  };
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = objective(A, B);
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < l; i++) {
      const fApB = dec[i] * A + B;
      let p: number;
      let q: number;
      if (fApB >= 0) {
        p = Math.exp(-fApB) / (1 + Math.exp(-fApB));
        q = 1 / (1 + Math.exp(-fApB));
      } else {
        p = 1 / (1 + Math.exp(fApB));
        q = Math.exp(fApB) / (1 + Math.exp(fApB));
      }
      const d2 = p * q;
      h11 += dec[i] * dec[i] * d2;
      h22 += d2;
      h21 += dec[i] * d2;
      const d1 = t[i] - p;
      g1 += dec[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < eps && Math.abs(g2) < eps) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= minStep) {
      const newA = A + step * dA;
      const newB = B + step * dB;
      const newf = objective(newA, newB);
      if (newf < fval + 0.0001 * step * gd) {
        A = newA;
        B = newB;
        fval = newf;
        break;
      }
      step /= 2;
    }
    if (step < minStep) break;
  }
  return [A, B];
}

/** P(y = 1 | f) under the fitted sigmoid, computed without cancellation (libsvm's `sigmoid_predict`). */
export function sigmoidPredict(dec: number, A: number, B: number): number {
  const fApB = dec * A + B;
  return fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
}

/**
 * Class probabilities from pairwise ones r[i][j] = P(i | i or j): method 2 of Wu, Lin & Weng (JMLR
 * 2004), as libsvm's `multiclass_probability`.
 */
export function pairwiseCoupling(r: number[][]): number[] {
  const k = r.length;
  const p = new Array<number>(k).fill(1 / k);
  const Q: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const Qp = new Array<number>(k).fill(0);
  const eps = 0.005 / k;
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < t; j++) {
      Q[t][t] += r[j][t] * r[j][t];
      Q[t][j] = Q[j][t];
    }
    for (let j = t + 1; j < k; j++) {
      Q[t][t] += r[j][t] * r[j][t];
      Q[t][j] = -r[j][t] * r[t][j];
    }
  }
  const maxIter = Math.max(100, k);
  for (let iter = 0; iter < maxIter; iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = 0;
      for (let j = 0; j < k; j++) Qp[t] += Q[t][j] * p[j];
      pQp += p[t] * Qp[t];
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t][t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t][t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t][j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
  return p;
}

/** γ for 'scale' (1 / (d · Var[X]), 1 when X is constant), 'auto' (1 / d) or a number. */
export function resolveGamma(gamma: 'scale' | 'auto' | number, X: Matrix): number {
  if (typeof gamma === 'number') return gamma;
  if (gamma === 'auto') return 1 / X.cols;
  const n = X.data.length;
  let mean = 0;
  for (let k = 0; k < n; k++) mean += X.data[k];
  mean /= n;
  let v = 0;
  for (let k = 0; k < n; k++) v += (X.data[k] - mean) * (X.data[k] - mean);
  v /= n;
  return v === 0 ? 1 : 1 / (X.cols * v);
}

export interface BinarySvm {
  /** y_i α_i per variable of the sub-problem (0 for non-support vectors). */
  coef: Float64Array;
  rho: number;
  nIter: number;
}

/** libsvm's C-SVC on the samples `index` of X with labels `sign` (+1 / −1). */
export function trainBinarySvc(
  X: Matrix,
  index: Int32Array,
  sign: Int8Array,
  spec: KernelSpec,
  C: number,
  tol: number,
  maxIter: number,
  cacheBytes: number,
): BinarySvm {
  const l = index.length;
  const kernel = new TrainingKernel(X, spec, index);
  const identity = new Int32Array(l).map((_, i) => i);
  const Q = new QMatrix(kernel, sign, identity, cacheBytes);
  const r = smo(Q, new Float64Array(l).fill(-1), sign, new Float64Array(l).fill(C), tol, maxIter);
  const coef = new Float64Array(l);
  for (let i = 0; i < l; i++) coef[i] = r.alpha[i] * sign[i];
  return { coef, rho: r.rho, nIter: r.nIter };
}

/** Parameter constraints shared by SVC and SVR. */
export const kernelConstraints: Record<string, Constraint | Constraint[]> = {
  kernel: oneOf('linear', 'poly', 'rbf', 'sigmoid'),
  degree: nonNegative(true),
  gamma: [oneOf('scale', 'auto'), nonNegative()],
  coef0: { kind: 'number' },
  tol: positive(),
  maxIter: { kind: 'number', min: -1, integer: true },
  cacheSize: positive(),
};
