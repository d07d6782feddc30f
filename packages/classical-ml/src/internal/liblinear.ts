import type { Matrix } from './matrix';
import type { Random } from './random';

export interface DualCdResult {
  /** Weights over the features plus, when `bias` > 0, a last weight for the constant feature. */
  w: Float64Array;
  nIter: number;
}

/**
 * liblinear's dual coordinate descent for L2-regularised hinge (L1-loss) or squared-hinge (L2-loss)
 * SVMs (Hsieh et al., ICML 2008, Algorithm 3 with shrinking): min_α ½αᵀQ̄α − eᵀα, 0 ≤ α_i ≤ U with
 * Q̄ = Q + D (U = C, D = 0 for hinge; U = ∞, D = 1/(2C) for squared hinge), maintaining w = Σ y_i α_i x_i.
 * A constant feature of value `bias` (sklearn's intercept_scaling) models the intercept, penalised
 * like any weight. Stops when the projected-gradient spread is ≤ eps.
 */
export function dualCoordinateDescent(
  X: Matrix,
  y: Float64Array,
  C: number,
  squared: boolean,
  bias: number,
  eps: number,
  maxIter: number,
  rng: Random,
): DualCdResult {
  const { rows: l, cols: d, data } = X;
  const n = d + (bias > 0 ? 1 : 0);
  const w = new Float64Array(n);
  const alpha = new Float64Array(l);
  const diag = squared ? 0.5 / C : 0;
  const upper = squared ? Number.POSITIVE_INFINITY : C;
  const QD = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    let s = diag + bias * bias;
    for (let j = 0; j < d; j++) s += data[i * d + j] * data[i * d + j];
    QD[i] = s;
  }
  const index = new Int32Array(l).map((_, i) => i);
  let activeSize = l;
  let PGmaxOld = Number.POSITIVE_INFINITY;
  let PGminOld = Number.NEGATIVE_INFINITY;
  let iter = 0;
  while (iter < maxIter) {
    let PGmaxNew = Number.NEGATIVE_INFINITY;
    let PGminNew = Number.POSITIVE_INFINITY;
    for (let i = 0; i < activeSize; i++) {
      const j = i + rng.int(activeSize - i);
      const t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const yi = y[i];
      const o = i * d;
      let wx = bias > 0 ? w[d] * bias : 0;
      for (let j = 0; j < d; j++) wx += w[j] * data[o + j];
      const G = yi * wx - 1 + alpha[i] * diag;
      let PG = 0;
      if (alpha[i] === 0) {
        if (G > PGmaxOld) {
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        }
        if (G < 0) PG = G;
      } else if (alpha[i] === upper) {
        if (G < PGminOld) {
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        }
        if (G > 0) PG = G;
      } else PG = G;
      PGmaxNew = Math.max(PGmaxNew, PG);
      PGminNew = Math.min(PGminNew, PG);
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(alpha[i] - G / QD[i], 0), upper);
        const delta = (alpha[i] - old) * yi;
        for (let j = 0; j < d; j++) w[j] += delta * data[o + j];
        if (bias > 0) w[d] += delta * bias;
      }
    }
    iter++;
    if (PGmaxNew - PGminNew <= eps) {
      if (activeSize === l) break;
      activeSize = l;
      PGmaxOld = Number.POSITIVE_INFINITY;
      PGminOld = Number.NEGATIVE_INFINITY;
      continue;
    }
    PGmaxOld = PGmaxNew <= 0 ? Number.POSITIVE_INFINITY : PGmaxNew;
    PGminOld = PGminNew >= 0 ? Number.NEGATIVE_INFINITY : PGminNew;
  }
  return { w, nIter: iter };
}
