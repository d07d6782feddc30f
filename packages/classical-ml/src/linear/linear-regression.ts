import { Estimator, regressorScore } from '../base';
import { centerData, leastSquares } from '../internal/least-squares';
import { linearPredict } from '../internal/linear-model';
import { checkFeatures, type MatrixLike, toMatrix, toVector } from '../internal/matrix';
import { bool, validateParams } from '../internal/params';

export interface LinearRegressionParams {
  /** Fit an intercept by centring X and y first (default true); false fits through the origin. */
  fitIntercept: boolean;
}

interface LinearRegressionState {
  coef: number[];
  intercept: number;
  nFeaturesIn: number;
}

/**
 * Ordinary least squares, min_w ‖y − X w − b‖², like sklearn's LinearRegression: solved by Householder
 * QR with column pivoting on the centred data (never the normal equations), giving the minimum-norm
 * solution when X is rank deficient, as scipy's `lstsq` does.
 */
export class LinearRegression extends Estimator<LinearRegressionParams, LinearRegressionState> {
  constructor(params: Partial<LinearRegressionParams> = {}) {
    super({ fitIntercept: true }, params);
  }

  fit(X: MatrixLike, y: readonly number[]): this {
    validateParams('LinearRegression', this.params, { fitIntercept: bool });
    const m = toMatrix('LinearRegression.fit', X);
    const target = toVector('LinearRegression.fit', y, m.rows);
    const c = centerData(m, target, this.params.fitIntercept);
    const w = leastSquares(c.X, m.rows, m.cols, c.y);
    let intercept = 0;
    if (this.params.fitIntercept) {
      intercept = c.yMean;
      for (let j = 0; j < m.cols; j++) intercept -= c.xMean[j] * w[j];
    }
    this.state = { coef: Array.from(w), intercept, nFeaturesIn: m.cols };
    return this;
  }

  /** Weights, one per feature. */
  get coef(): number[] {
    return [...this.fitted('reading coef').coef];
  }

  get intercept(): number {
    return this.fitted('reading intercept').intercept;
  }

  predict(X: MatrixLike): number[] {
    const s = this.fitted('predict()');
    const m = toMatrix('LinearRegression.predict', X);
    checkFeatures('LinearRegression.predict', m, s.nFeaturesIn);
    return linearPredict(m, s.coef, s.intercept);
  }

  /** R² of the predictions. */
  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }
}
