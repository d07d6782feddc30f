import { Estimator, regressorScore } from '../base';
import { centerData } from '../internal/least-squares';
import { linearPredict } from '../internal/linear-model';
import { checkFeatures, type MatrixLike, toMatrix, toVector } from '../internal/matrix';
import { bool, nonNegative, positive, validateParams } from '../internal/params';

export interface LassoParams {
  /** L1 penalty strength α ≥ 0 in 1/(2n)·‖y − Xw − b‖² + α‖w‖₁ (default 1). */
  alpha: number;
  /** Fit an unpenalised intercept by centring X and y first (default true). */
  fitIntercept: boolean;
  /** Maximum number of passes over the features (default 1000). */
  maxIter: number;
  /** Stop when the duality gap falls below tol·‖y‖² (default 1e-4). */
  tol: number;
}

interface LassoState {
  coef: number[];
  intercept: number;
  nIter: number;
  dualGap: number;
  nFeaturesIn: number;
}

/**
 * Linear regression with an L1 penalty, min_w 1/(2n)·‖y − X w − b‖² + α‖w‖₁, solved by cyclic coordinate
 * descent with soft-thresholding and sklearn's stopping rule (a duality-gap check once the largest
 * weight change is below tol), i.e. the algorithm of sklearn's `enet_coordinate_descent`.
 */
export class Lasso extends Estimator<LassoParams, LassoState> {
  constructor(params: Partial<LassoParams> = {}) {
    super({ alpha: 1, fitIntercept: true, maxIter: 1000, tol: 1e-4 }, params);
  }

  fit(X: MatrixLike, y: readonly number[]): this {
    validateParams('Lasso', this.params, {
      alpha: nonNegative(),
      fitIntercept: bool,
      maxIter: positive(true),
      tol: nonNegative(),
    });
    const m = toMatrix('Lasso.fit', X);
    const target = toVector('Lasso.fit', y, m.rows);
    const c = centerData(m, target, this.params.fitIntercept);
    const { w, nIter, gap } = lassoCoordinateDescent(
      c.X,
      c.y,
      m.rows,
      m.cols,
      this.params.alpha * m.rows,
      this.params.maxIter,
      this.params.tol,
    );
    let intercept = 0;
    if (this.params.fitIntercept) {
      intercept = c.yMean;
      for (let j = 0; j < m.cols; j++) intercept -= c.xMean[j] * w[j];
    }
    this.state = { coef: Array.from(w), intercept, nIter, dualGap: gap, nFeaturesIn: m.cols };
    return this;
  }

  /** Weights, one per feature (exact zeros for dropped features). */
  get coef(): number[] {
    return [...this.fitted('reading coef').coef];
  }

  get intercept(): number {
    return this.fitted('reading intercept').intercept;
  }

  /** Passes over the features that coordinate descent ran. */
  get nIter(): number {
    return this.fitted('reading nIter').nIter;
  }

  /** The duality gap at the end (in sklearn's units, scaled by n). */
  get dualGap(): number {
    return this.fitted('reading dualGap').dualGap;
  }

  predict(X: MatrixLike): number[] {
    const s = this.fitted('predict()');
    const m = toMatrix('Lasso.predict', X);
    checkFeatures('Lasso.predict', m, s.nFeaturesIn);
    return linearPredict(m, s.coef, s.intercept);
  }

  /** R² of the predictions. */
  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }
}

/** Cyclic coordinate descent for ½‖y − Xw‖² + l1‖w‖₁ (X row-major n × d), stopped by the duality gap. */
function lassoCoordinateDescent(
  X: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
  l1: number,
  maxIter: number,
  tol: number,
): { w: Float64Array; nIter: number; gap: number } {
  const w = new Float64Array(d);
  const R = Float64Array.from(y); // residual y − Xw
  const normCols = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) normCols[j] += X[i * d + j] * X[i * d + j];
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i] * y[i];
  const gapTol = tol * yy;
  let gap = gapTol + 1;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < d; j++) {
      if (normCols[j] === 0) continue;
      const old = w[j];
      if (old !== 0) for (let i = 0; i < n; i++) R[i] += old * X[i * d + j];
      let t = 0;
      for (let i = 0; i < n; i++) t += X[i * d + j] * R[i];
      const shrunk = Math.max(Math.abs(t) - l1, 0);
      w[j] = shrunk === 0 ? 0 : (Math.sign(t) * shrunk) / normCols[j];
      if (w[j] !== 0) for (let i = 0; i < n; i++) R[i] -= w[j] * X[i * d + j];
      dwMax = Math.max(dwMax, Math.abs(w[j] - old));
      wMax = Math.max(wMax, Math.abs(w[j]));
    }
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter - 1) {
      gap = dualityGap(X, y, R, w, n, d, l1);
      if (gap < gapTol) {
        iter++;
        break;
      }
    }
  }
  return { w, nIter: Math.min(iter, maxIter), gap };
}

function dualityGap(
  X: Float64Array,
  y: Float64Array,
  R: Float64Array,
  w: Float64Array,
  n: number,
  d: number,
  l1: number,
): number {
  let dualNorm = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * d + j] * R[i];
    dualNorm = Math.max(dualNorm, Math.abs(s));
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm2 += R[i] * R[i];
    ry += R[i] * y[i];
  }
  let l1Norm = 0;
  for (let j = 0; j < d; j++) l1Norm += Math.abs(w[j]);
  let scale = 1;
  let gap = rNorm2;
  if (dualNorm > l1) {
    scale = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
  }
  return gap + l1 * l1Norm - scale * ry;
}
