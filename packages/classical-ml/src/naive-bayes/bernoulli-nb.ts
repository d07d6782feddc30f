import type { Label } from '../internal/labels';
import { type Matrix, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, nonNegative, validateParams } from '../internal/params';
import { DiscreteNB, type DiscreteNBState } from './naive-bayes-base';

export interface BernoulliNBParams {
  /** Additive smoothing (default 1); values below 1e-10 are raised to 1e-10 like sklearn 1.2. */
  alpha: number;
  /** Threshold: features > binarize become 1, others 0 (default 0); null means X is already binary. */
  binarize: number | null;
  /** Learn class priors from the data (default true). */
  fitPrior: boolean;
}

/**
 * Bernoulli naive Bayes for binary features like sklearn's BernoulliNB: P(j|c) = (Ncj + α)/(Nc + 2α),
 * log P(c|x) ∝ log πc + Σj [xj log P(j|c) + (1 − xj) log(1 − P(j|c))] — absent features count too.
 *
 * @example
 * new BernoulliNB().fit([[1, 0], [0, 1]], [0, 1]).predict([[1, 0]]); // [0]
 */
export class BernoulliNB extends DiscreteNB<BernoulliNBParams> {
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
    return this.fitCounts(m, this.binarized(m), y);
  }

  protected smoothedLogProb(featureCount: number[][], classCount: number[], alpha: number): number[][] {
    return featureCount.map((fc, c) =>
      fc.map((v) => Math.log(v + alpha) - Math.log(classCount[c] + 2 * alpha)),
    );
  }

  protected jointLogLikelihood(s: DiscreteNBState, m: Matrix): number[][] {
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
}
