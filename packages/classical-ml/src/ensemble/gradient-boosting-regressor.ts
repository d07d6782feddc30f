import { regressorScore } from '../base';
import {
  BaseGradientBoosting,
  type BoostedState,
  boostedImportances,
  fitBoosting,
  type GradientBoostingParams,
  gradientBoostingConstraints,
  gradientBoostingDefaults,
} from '../internal/gradient-boosting';
import { type MatrixLike, toVector } from '../internal/matrix';
import { inRange, oneOf, validateParams } from '../internal/params';
import { treeGrowthConstraints, treeInput } from '../internal/tree-common';

export interface GradientBoostingRegressorParams extends GradientBoostingParams {
  /** 'squared_error' (default), 'absolute_error', 'huber' or 'quantile'. */
  loss: 'squared_error' | 'absolute_error' | 'huber' | 'quantile';
  /** Huber's transition quantile and the quantile loss's target quantile (default 0.9). */
  alpha: number;
}

const NAME = 'GradientBoostingRegressor';

/**
 * Gradient-boosted regression trees like sklearn's GradientBoostingRegressor: F = init + ν Σ trees,
 * each fitted to the loss's negative gradient, with sklearn's leaf updates (mean residual for squared
 * error, median of y − F for absolute error, median plus the clipped mean for huber, the alpha
 * quantile for quantile). Defaults follow sklearn 1.2; `randomState` (default 0) seeds subsampling and
 * splitters as sklearn's RandomState would.
 */
export class GradientBoostingRegressor extends BaseGradientBoosting<
  GradientBoostingRegressorParams,
  BoostedState
> {
  constructor(params: Partial<GradientBoostingRegressorParams> = {}) {
    super({ loss: 'squared_error', alpha: 0.9, ...gradientBoostingDefaults }, params);
  }

  fit(X: MatrixLike, y?: readonly number[]): this {
    validateParams(NAME, this.params, {
      ...treeGrowthConstraints,
      loss: oneOf('squared_error', 'absolute_error', 'huber', 'quantile'),
      alpha: inRange(0, 1, { minExclusive: true, maxExclusive: true }),
      ...gradientBoostingConstraints,
    });
    const input = treeInput(`${NAME}.fit`, X);
    const target = toVector(`${NAME}.fit`, y as number[], input.m.rows);
    const model = fitBoosting(NAME, input, target, 0, this.params.loss, this.params.alpha, this.params);
    this.state = {
      model,
      nFeaturesIn: input.m.cols,
      featureImportances: boostedImportances(model, input.m.cols),
    };
    return this;
  }

  predict(X: MatrixLike): number[] {
    return Array.from(this.raw(X, 'predict').raw);
  }

  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }
}
