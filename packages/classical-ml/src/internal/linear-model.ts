import type { Label } from './labels';
import type { Matrix } from './matrix';

/** X w + b for every row of X. */
export function linearPredict(X: Matrix, coef: readonly number[], intercept: number): number[] {
  const { rows, cols, data } = X;
  const out = new Array<number>(rows);
  for (let i = 0; i < rows; i++) {
    let s = intercept;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] * coef[j];
    out[i] = s;
  }
  return out;
}

/** Scores X Wᵀ + b (n × rows of W): one column for a binary problem, one per class otherwise. */
export function linearDecision(
  X: Matrix,
  coef: readonly (readonly number[])[],
  intercept: readonly number[],
): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < X.rows; i++) {
    const r = new Array<number>(coef.length);
    for (let k = 0; k < coef.length; k++) {
      let s = intercept[k];
      const w = coef[k];
      for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] * w[j];
      r[k] = s;
    }
    out.push(r);
  }
  return out;
}

/** sklearn's LinearClassifierMixin.predict: a positive score means classes[1]; otherwise the first arg-max. */
export function labelsFromDecision(
  decision: readonly (readonly number[])[],
  classes: readonly Label[],
): Label[] {
  return decision.map((r) => {
    if (r.length === 1) return classes[r[0] > 0 ? 1 : 0];
    let best = 0;
    for (let k = 1; k < r.length; k++) if (r[k] > r[best]) best = k;
    return classes[best];
  });
}

/** 1 / (1 + e^-z), without overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Softmax of one row, in place, shifted by its maximum. */
export function softmaxInPlace(r: number[]): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of r) if (v > max) max = v;
  let s = 0;
  for (let k = 0; k < r.length; k++) {
    r[k] = Math.exp(r[k] - max);
    s += r[k];
  }
  for (let k = 0; k < r.length; k++) r[k] /= s;
  return r;
}
