import { classifierScore, Estimator } from '../base';
import { ValueError } from '../errors';
import { encodeLabels, type Label } from '../internal/labels';
import { checkFeatures, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, nonNegative, validateParams } from '../internal/params';
import { ALPHA_MIN, argmaxLabels, classFeatureCounts, classLogPrior, logProba } from './naive-bayes-base';

export interface MultinomialNBParams {
  /** Additive (Laplace / Lidstone) smoothing (default 1); values below 1e-10 are raised to 1e-10 like sklearn 1.2. */
  alpha: number;
  /** Learn class priors from the data (default true); false uses a uniform prior. */
  fitPrior: boolean;
}

interface MultinomialNBState {
  classes: Label[];
  featureCount: number[][];
  classCount: number[];
  featureLogProb: number[][];
  classLogPrior: number[];
  nFeaturesIn: number;
}

/**
 * Multinomial naive Bayes for counts (bag of words) like sklearn's MultinomialNB:
 * log P(j|c) = log(Ncj + α) − log(Nc + α·n), log P(c|x) ∝ log πc + Σj xj log P(j|c).
 *
 * @example
 * new MultinomialNB().fit([[3, 0], [0, 2]], ['ham', 'spam']).predict([[1, 0]]); // ['ham']
 */
export class MultinomialNB extends Estimator<MultinomialNBParams, MultinomialNBState> {
  constructor(params: Partial<MultinomialNBParams> = {}) {
    super({ alpha: 1, fitPrior: true }, params);
  }

  fit(X: MatrixLike, y: readonly Label[]): this {
    validateParams('MultinomialNB', this.params, { alpha: nonNegative(), fitPrior: bool });
    const m = toMatrix('MultinomialNB.fit', X);
    for (let k = 0; k < m.data.length; k++)
      if (m.data[k] < 0)
        throw new ValueError(
          `MultinomialNB.fit: 'X' must be non-negative counts; found ${m.data[k]} at row ${Math.floor(k / m.cols)}, column ${k % m.cols}.`,
        );
    const { classes, indices } = encodeLabels('MultinomialNB.fit', y, m.rows);
    const { featureCount, classCount } = classFeatureCounts(m.data, m.rows, m.cols, indices, classes.length);
    const alpha = Math.max(this.params.alpha, ALPHA_MIN);
    const featureLogProb = featureCount.map((fc) => {
      const smoothed = fc.map((v) => v + alpha);
      const total = smoothed.reduce((a, b) => a + b, 0);
      return smoothed.map((v) => Math.log(v) - Math.log(total));
    });
    this.state = {
      classes,
      featureCount,
      classCount,
      featureLogProb,
      classLogPrior: classLogPrior(classCount, this.params.fitPrior),
      nFeaturesIn: m.cols,
    };
    return this;
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }
  /** log P(feature | class), sklearn's `feature_log_prob_` (nClasses × nFeatures). */
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

  private jointLogLikelihood(X: MatrixLike, op: string): number[][] {
    const s = this.fitted(`${op}()`);
    const m = toMatrix(`MultinomialNB.${op}`, X);
    checkFeatures(`MultinomialNB.${op}`, m, s.nFeaturesIn);
    const out: number[][] = [];
    for (let i = 0; i < m.rows; i++) {
      out.push(
        s.featureLogProb.map((flp, c) => {
          let t = 0;
          for (let j = 0; j < m.cols; j++) t += m.data[i * m.cols + j] * flp[j];
          return t + s.classLogPrior[c];
        }),
      );
    }
    return out;
  }

  predictLogProba(X: MatrixLike): number[][] {
    return logProba(this.jointLogLikelihood(X, 'predictLogProba'));
  }
  predictProba(X: MatrixLike): number[][] {
    return logProba(this.jointLogLikelihood(X, 'predictProba')).map((r) => r.map(Math.exp));
  }
  predict(X: MatrixLike): Label[] {
    return argmaxLabels(this.jointLogLikelihood(X, 'predict'), this.fitted('predict()').classes);
  }
  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
