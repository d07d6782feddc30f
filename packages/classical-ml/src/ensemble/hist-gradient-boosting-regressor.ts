import { Estimator, regressorScore } from '../base';
import { fitHistBoosting, type HistBoostingParams, type HistModel, histRaw } from '../internal/hist-boosting';
import { HIST_DEFAULTS, histConstraints } from '../internal/hist-params';
import { checkFeatures, type MatrixLike, toMatrix, toVector } from '../internal/matrix';
import { validateParams } from '../internal/params';

export type HistGradientBoostingRegressorParams = HistBoostingParams;

interface HistGradientBoostingRegressorState {
  model: HistModel;
  nFeaturesIn: number;
}

const NAME = 'HistGradientBoostingRegressor';

/**
 * XGBoost-style second-order boosting on feature histograms (like `XGBRegressor(tree_method='hist')`)
 * for squared error: quantile bins (≤ 255, NaN in its own bin), depth-wise trees split on
 * G²/(H+λ) gains with L1 `alpha`, `gamma` and `minChildWeight`, a learned direction for missing
 * values (NaN is allowed in X), shrinkage `learningRate`, and optional early stopping on a held-out
 * `validationFraction`. The initial score is the mean target (XGBoost ≥ 2 estimates it too).
 */
export class HistGradientBoostingRegressor extends Estimator<
  HistGradientBoostingRegressorParams,
  HistGradientBoostingRegressorState
> {
  constructor(params: Partial<HistGradientBoostingRegressorParams> = {}) {
    super({ ...HIST_DEFAULTS }, params);
  }

  fit(X: MatrixLike, y?: readonly number[]): this {
    validateParams(NAME, this.params, histConstraints);
    const m = toMatrix(`${NAME}.fit`, X, { allowNaN: true });
    const target = toVector(`${NAME}.fit`, y as number[], m.rows);
    const model = fitHistBoosting(m.data, m.rows, m.cols, target, 'squared_error', 0, this.params);
    this.state = { model, nFeaturesIn: m.cols };
    return this;
  }

  /** Rounds kept (fewer than `nEstimators` after early stopping). */
  get nIter(): number {
    return this.fitted('reading nIter').model.trees.length;
  }

  /** Validation loss per round (empty without early stopping). */
  get validationLoss(): number[] {
    return [...this.fitted('reading validationLoss').model.validationLoss];
  }

  predict(X: MatrixLike): number[] {
    const s = this.fitted('predict()');
    const m = toMatrix(`${NAME}.predict`, X, { allowNaN: true });
    checkFeatures(`${NAME}.predict`, m, s.nFeaturesIn);
    return Array.from(histRaw(s.model, m.data, m.rows, m.cols));
  }

  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }
}
