import { regressorScore } from '../base';
import { type MatrixLike, toVector } from '../internal/matrix';
import { oneOf, validateParams } from '../internal/params';
import {
  type TreeGrowthParams,
  treeGrowthConstraints,
  treeImportances,
  treeInput,
  treeValues,
} from '../internal/tree-common';
import { BaseDecisionTree, DECISION_TREE_DEFAULTS, type DecisionTreeState } from './decision-tree-base';

export interface DecisionTreeRegressorParams extends TreeGrowthParams {
  /** 'squared_error' (default, variance reduction) or 'friedman_mse' (Friedman's improvement score). */
  criterion: 'squared_error' | 'friedman_mse';
  /** 'best' tries every midpoint threshold (default); 'random' draws one threshold per feature. */
  splitter: 'best' | 'random';
}

const NAME = 'DecisionTreeRegressor';

/**
 * A CART regression tree like sklearn's DecisionTreeRegressor: binary splits `x_f <= t` at midpoints
 * between sorted distinct float32 values maximising the weighted variance decrease; leaves predict
 * the mean target. Features are visited in the order sklearn's splitter draws them from numpy's
 * RandomState(`randomState`, default 0), so ties are broken as in sklearn.
 */
export class DecisionTreeRegressor extends BaseDecisionTree<DecisionTreeRegressorParams, DecisionTreeState> {
  constructor(params: Partial<DecisionTreeRegressorParams> = {}) {
    super({ criterion: 'squared_error', ...DECISION_TREE_DEFAULTS }, params);
  }

  /** Fits on `X` (samples × features) and targets `y`; `sampleWeight` weighs each sample. */
  fit(X: MatrixLike, y?: readonly number[], sampleWeight?: readonly number[]): this {
    validateParams(NAME, this.params, {
      ...treeGrowthConstraints,
      criterion: oneOf('squared_error', 'friedman_mse'),
    });
    const input = treeInput(`${NAME}.fit`, X);
    const { m } = input;
    const target = toVector(`${NAME}.fit`, y as number[], m.rows);
    const tree = this.grow(input, target, 0, sampleWeight);
    this.state = { tree, nFeaturesIn: m.cols, featureImportances: treeImportances(tree, m.cols) };
    return this;
  }

  /** The mean training target of each sample's leaf. */
  predict(X: MatrixLike): number[] {
    const s = this.fitted('predict()');
    const { m, X32 } = treeInput(`${NAME}.predict`, X, s.nFeaturesIn);
    return Array.from(treeValues(s.tree, X32, m.rows, m.cols));
  }

  /** R² on `(X, y)`. */
  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }
}
