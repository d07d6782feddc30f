import { classifierScore, Estimator } from '../base';
import { encodeLabels, type Label } from '../internal/labels';
import { logSumExp } from '../internal/logsumexp';
import { checkFeatures, type Matrix, type MatrixLike, toMatrix } from '../internal/matrix';

/** Turns joint log-likelihoods (one row per sample, one column per class) into the outputs every NB model has. */
export function logProba(jll: number[][]): number[][] {
  return jll.map((row) => {
    const z = logSumExp(row);
    return row.map((v) => v - z);
  });
}

export function argmaxLabels(jll: number[][], classes: readonly Label[]): Label[] {
  return jll.map((row) => {
    let best = 0;
    for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
    return classes[best];
  });
}

/** sklearn 1.2 (force_alpha=False) clips alpha below 1e-10 up to 1e-10 to avoid log(0). */
export const ALPHA_MIN = 1e-10;

/** Per-class feature sums and class counts of a (possibly binarised) count matrix. */
export function classFeatureCounts(
  data: Float64Array,
  rows: number,
  cols: number,
  indices: Int32Array,
  nClasses: number,
): { featureCount: number[][]; classCount: number[] } {
  const featureCount = Array.from({ length: nClasses }, () => new Array<number>(cols).fill(0));
  const classCount = new Array<number>(nClasses).fill(0);
  for (let i = 0; i < rows; i++) {
    const c = indices[i];
    classCount[c]++;
    for (let j = 0; j < cols; j++) featureCount[c][j] += data[i * cols + j];
  }
  return { featureCount, classCount };
}

export function classLogPrior(classCount: readonly number[], fitPrior: boolean): number[] {
  const total = classCount.reduce((a, b) => a + b, 0);
  return fitPrior
    ? classCount.map((n) => Math.log(n) - Math.log(total))
    : classCount.map(() => -Math.log(classCount.length));
}

/** What MultinomialNB and BernoulliNB learn (sklearn's `_BaseDiscreteNB` attributes). */
export interface DiscreteNBState {
  classes: Label[];
  featureCount: number[][];
  classCount: number[];
  featureLogProb: number[][];
  classLogPrior: number[];
  nFeaturesIn: number;
}

/**
 * The part of MultinomialNB and BernoulliNB that does not depend on the event model, like sklearn's
 * `_BaseDiscreteNB`: counting features per class, the learned-state getters and the predict family.
 * A subclass supplies the smoothed log P(j|c) and the joint log-likelihood of new samples.
 */
export abstract class DiscreteNB<P extends { alpha: number; fitPrior: boolean }> extends Estimator<
  P,
  DiscreteNBState
> {
  /** log P(feature j | class c) (nClasses × nFeatures) from the per-class counts and the clipped `alpha`. */
  protected abstract smoothedLogProb(
    featureCount: number[][],
    classCount: number[],
    alpha: number,
  ): number[][];

  /** Joint log-likelihood log P(c) + log P(x|c) of each row of `m` (already checked against the state). */
  protected abstract jointLogLikelihood(s: DiscreteNBState, m: Matrix): number[][];

  /** Learns the state from `data` (the rows of `m`, binarised where the model needs it) and labels `y`. */
  protected fitCounts(m: Matrix, data: Float64Array, y: readonly Label[]): this {
    const { classes, indices } = encodeLabels(`${this.constructor.name}.fit`, y, m.rows);
    const { featureCount, classCount } = classFeatureCounts(data, m.rows, m.cols, indices, classes.length);
    const alpha = Math.max(this.params.alpha, ALPHA_MIN);
    this.state = {
      classes,
      featureCount,
      classCount,
      featureLogProb: this.smoothedLogProb(featureCount, classCount, alpha),
      classLogPrior: classLogPrior(classCount, this.params.fitPrior),
      nFeaturesIn: m.cols,
    };
    return this;
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }
  /** Smoothed log P(feature | class) (nClasses × nFeatures), sklearn's `feature_log_prob_`; for BernoulliNB, of the feature being 1. */
  get featureLogProb(): number[][] {
    return structuredClone(this.fitted('reading featureLogProb').featureLogProb);
  }
  get classLogPrior(): number[] {
    return [...this.fitted('reading classLogPrior').classLogPrior];
  }
  get featureCount(): number[][] {
    return structuredClone(this.fitted('reading featureCount').featureCount);
  }
  get classCount(): number[] {
    return [...this.fitted('reading classCount').classCount];
  }

  private checkedJointLogLikelihood(X: MatrixLike, op: string): number[][] {
    const s = this.fitted(`${op}()`);
    const where = `${this.constructor.name}.${op}`;
    const m = toMatrix(where, X);
    checkFeatures(where, m, s.nFeaturesIn);
    return this.jointLogLikelihood(s, m);
  }

  predictLogProba(X: MatrixLike): number[][] {
    return logProba(this.checkedJointLogLikelihood(X, 'predictLogProba'));
  }
  predictProba(X: MatrixLike): number[][] {
    return logProba(this.checkedJointLogLikelihood(X, 'predictProba')).map((r) => r.map(Math.exp));
  }
  predict(X: MatrixLike): Label[] {
    return argmaxLabels(this.checkedJointLogLikelihood(X, 'predict'), this.fitted('predict()').classes);
  }
  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
