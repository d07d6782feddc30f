import { ValueError } from '../errors';
import type { Label } from '../internal/labels';
import { type Matrix, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, nonNegative, validateParams } from '../internal/params';
import { DiscreteNB, type DiscreteNBState } from './naive-bayes-base';

export interface MultinomialNBParams {
  /** Additive (Laplace / Lidstone) smoothing (default 1); values below 1e-10 are raised to 1e-10 like sklearn 1.2. */
  alpha: number;
  /** Learn class priors from the data (default true); false uses a uniform prior. */
  fitPrior: boolean;
}

/**
 * Multinomial naive Bayes for counts (bag of words) like sklearn's MultinomialNB:
 * log P(j|c) = log(Ncj + α) − log(Nc + α·n), log P(c|x) ∝ log πc + Σj xj log P(j|c).
 *
 * @example
 * new MultinomialNB().fit([[3, 0], [0, 2]], ['ham', 'spam']).predict([[1, 0]]); // ['ham']
 */
export class MultinomialNB extends DiscreteNB<MultinomialNBParams> {
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
    return this.fitCounts(m, m.data, y);
  }

  protected smoothedLogProb(featureCount: number[][], _classCount: number[], alpha: number): number[][] {
    return featureCount.map((fc) => {
      const smoothed = fc.map((v) => v + alpha);
      const total = smoothed.reduce((a, b) => a + b, 0);
      return smoothed.map((v) => Math.log(v) - Math.log(total));
    });
  }

  protected jointLogLikelihood(s: DiscreteNBState, m: Matrix): number[][] {
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
}
