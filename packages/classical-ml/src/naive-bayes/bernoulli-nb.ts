import { classifierScore, Estimator } from '../base';
import { encodeLabels, type Label } from '../internal/labels';
import { checkFeatures, type Matrix, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, nonNegative, validateParams } from '../internal/params';
import { ALPHA_MIN, argmaxLabels, classFeatureCounts, classLogPrior, logProba } from './naive-bayes-base';

export interface BernoulliNBParams {
  /** Additive smoothing (default 1); values below 1e-10 are raised to 1e-10 like sklearn 1.2. */
  alpha: number;
  /** Threshold: features > binarize become 1, others 0 (default 0); null means X is already binary. */
  binarize: number | null;
  /** Learn class priors from the data (default true). */
  fitPrior: boolean;
}

interface BernoulliNBState {
  classes: Label[];
  featureCount: number[][];
  classCount: number[];
  featureLogProb: number[][];
  classLogPrior: number[];
  nFeaturesIn: number;
}

/**
 * Bernoulli naive Bayes for binary features like sklearn's BernoulliNB: P(j|c) = (Ncj + α)/(Nc + 2α),
 * log P(c|x) ∝ log πc + Σj [xj log P(j|c) + (1 − xj) log(1 − P(j|c))] — absent features count too.
 *
 * @example
 * new BernoulliNB().fit([[1, 0], [0, 1]], [0, 1]).predict([[1, 0]]); // [0]
 */
export class BernoulliNB extends Estimator<BernoulliNBParams, BernoulliNBState> {
  constructor(params: Partial<BernoulliNBParams> = {}) {
    super({ alpha: 1, binarize: 0, fitPrior: true }, params);
  }

  private binarized(m: Matrix): Float64Array {
    const t = this.params.binarize;
    return t === null ? m.data : m.data.map((v) => (v > t ? 1 : 0));
  }

  fit(X: MatrixLike, y: readonly Label[]): this {
    validateParams('BernoulliNB', this.params, {
      alpha: nonNegative(),
      binarize: { kind: 'number', nullable: true },
      fitPrior: bool,
    });
    const m = toMatrix('BernoulliNB.fit', X);
    const { classes, indices } = encodeLabels('BernoulliNB.fit', y, m.rows);
    const data = this.binarized(m);
    const { featureCount, classCount } = classFeatureCounts(data, m.rows, m.cols, indices, classes.length);
    const alpha = Math.max(this.params.alpha, ALPHA_MIN);
    const featureLogProb = featureCount.map((fc, c) =>
      fc.map((v) => Math.log(v + alpha) - Math.log(classCount[c] + 2 * alpha)),
    );
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
  /** log P(feature = 1 | class), sklearn's `feature_log_prob_`. */
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
    const m = toMatrix(`BernoulliNB.${op}`, X);
    checkFeatures(`BernoulliNB.${op}`, m, s.nFeaturesIn);
    const data = this.binarized(m);
    const neg = s.featureLogProb.map((flp) => flp.map((v) => Math.log(1 - Math.exp(v))));
    const negSum = neg.map((r) => r.reduce((a, b) => a + b, 0));
    const out: number[][] = [];
    for (let i = 0; i < m.rows; i++) {
      out.push(
        s.featureLogProb.map((flp, c) => {
          let t = 0;
          for (let j = 0; j < m.cols; j++) t += data[i * m.cols + j] * (flp[j] - neg[c][j]);
          return t + s.classLogPrior[c] + negSum[c];
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
