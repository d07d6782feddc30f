import { classifierScore, Estimator } from '../base';
import type { Label } from './labels';
import { checkFeatures, type Matrix, type MatrixLike, toMatrix } from './matrix';

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

/** What every linear classifier learns: one row of weights and one intercept per score column. */
export interface LinearClassifierState {
  classes: Label[];
  coef: number[][];
  intercept: number[];
  nIter: number;
  nFeaturesIn: number;
}

/**
 * Base of the linear classifiers (sklearn's LinearClassifierMixin): subclasses learn the state in
 * `fit`; scores, labels, accuracy and the learned-state getters are shared.
 */
export abstract class LinearClassifier<P extends object> extends Estimator<P, LinearClassifierState> {
  /** Class labels in sorted order. */
  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  /** Weights: 1 × nFeatures for two classes (positive class = classes[1]), nClasses × nFeatures otherwise. */
  get coef(): number[][] {
    return this.fitted('reading coef').coef.map((r) => [...r]);
  }

  get intercept(): number[] {
    return [...this.fitted('reading intercept').intercept];
  }

  /** Iterations the solver ran (the most over the one-vs-rest problems). */
  get nIter(): number {
    return this.fitted('reading nIter').nIter;
  }

  /** Scores X Wᵀ + b for `Class.what`: n × 1 for two classes (> 0 means classes[1]), n × nClasses otherwise. */
  protected scores(X: MatrixLike, what: string): number[][] {
    const s = this.fitted(`${what}()`);
    const op = `${this.constructor.name}.${what}`;
    const m = toMatrix(op, X);
    checkFeatures(op, m, s.nFeaturesIn);
    return linearDecision(m, s.coef, s.intercept);
  }

  /** Scores X Wᵀ + b: n × 1 for two classes (> 0 means classes[1]), n × nClasses otherwise. */
  decisionFunction(X: MatrixLike): number[][] {
    return this.scores(X, 'decisionFunction');
  }

  predict(X: MatrixLike): Label[] {
    const s = this.fitted('predict()');
    return labelsFromDecision(this.decisionFunction(X), s.classes);
  }

  /** Mean accuracy. */
  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
