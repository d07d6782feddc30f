import { Estimator, regressorScore } from '../base';
import { centerData, choleskySolve, leastSquares } from '../internal/least-squares';
import { linearPredict } from '../internal/linear-model';
import { checkFeatures, type MatrixLike, toMatrix, toVector } from '../internal/matrix';
import { bool, nonNegative, validateParams } from '../internal/params';

export interface RidgeParams {
  /** L2 penalty strength α ≥ 0 (default 1). */
  alpha: number;
  /** Fit an unpenalised intercept by centring X and y first (default true). */
  fitIntercept: boolean;
}

interface RidgeState {
  coef: number[];
  intercept: number;
  nFeaturesIn: number;
}

/**
 * Linear least squares with an L2 penalty, min_w ‖y − X w − b‖² + α‖w‖², like sklearn's Ridge with its
 * default 'auto' → 'cholesky' solver: (XᵀX + αI) w = Xᵀy on the centred data, solved by Cholesky
 * (α = 0 falls back to pivoted QR least squares).
 */
export class Ridge extends Estimator<RidgeParams, RidgeState> {
  constructor(params: Partial<RidgeParams> = {}) {
    super({ alpha: 1, fitIntercept: true }, params);
  }

  fit(X: MatrixLike, y: readonly number[]): this {
    validateParams('Ridge', this.params, { alpha: nonNegative(), fitIntercept: bool });
    const m = toMatrix('Ridge.fit', X);
    const target = toVector('Ridge.fit', y, m.rows);
    const c = centerData(m, target, this.params.fitIntercept);
    const { rows, cols } = m;
    const { alpha } = this.params;
    let w: Float64Array;
    if (alpha === 0) {
      w = leastSquares(c.X, rows, cols, c.y);
    } else {
      const A = new Float64Array(cols * cols);
      const Xty = new Float64Array(cols);
      for (let i = 0; i < rows; i++) {
        const o = i * cols;
        for (let p = 0; p < cols; p++) {
          const xp = c.X[o + p];
          Xty[p] += xp * c.y[i];
          for (let q = 0; q <= p; q++) A[p * cols + q] += xp * c.X[o + q];
        }
      }
      for (let p = 0; p < cols; p++) {
        A[p * cols + p] += alpha;
        for (let q = 0; q < p; q++) A[q * cols + p] = A[p * cols + q];
      }
      w = choleskySolve(A, cols, Xty);
    }
    let intercept = 0;
    if (this.params.fitIntercept) {
      intercept = c.yMean;
      for (let j = 0; j < cols; j++) intercept -= c.xMean[j] * w[j];
    }
    this.state = { coef: Array.from(w), intercept, nFeaturesIn: cols };
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
    const m = toMatrix('Ridge.predict', X);
    checkFeatures('Ridge.predict', m, s.nFeaturesIn);
    return linearPredict(m, s.coef, s.intercept);
  }

  /** R² of the predictions. */
  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }
}
