import { Estimator, regressorScore } from '../base';
import { applyTree, type TreeState } from '../internal/cart';
import { type MatrixLike, toVector } from '../internal/matrix';
import { oneOf, validateParams } from '../internal/params';
import {
  checkSampleWeight,
  growTree,
  NumpyRandomState,
  type TreeGrowthParams,
  trainer,
  treeGrowthConstraints,
  treeImportances,
  treeInput,
  treeValues,
} from '../internal/tree-common';

export interface DecisionTreeRegressorParams extends TreeGrowthParams {
  /** 'squared_error' (default, variance reduction) or 'friedman_mse' (Friedman's improvement score). */
  criterion: 'squared_error' | 'friedman_mse';
  /** 'best' tries every midpoint threshold (default); 'random' draws one threshold per feature. */
  splitter: 'best' | 'random';
}

interface DecisionTreeRegressorState {
  tree: TreeState;
  nFeaturesIn: number;
  featureImportances: number[];
}

const NAME = 'DecisionTreeRegressor';

/**
 * A CART regression tree like sklearn's DecisionTreeRegressor: binary splits `x_f <= t` at midpoints
 * between sorted distinct float32 values maximising the weighted variance decrease; leaves predict
 * the mean target. Features are visited in the order sklearn's splitter draws them from numpy's
 * RandomState(`randomState`, default 0), so ties are broken as in sklearn.
 */
export class DecisionTreeRegressor extends Estimator<
  DecisionTreeRegressorParams,
  DecisionTreeRegressorState
> {
  constructor(params: Partial<DecisionTreeRegressorParams> = {}) {
    super(
      {
        criterion: 'squared_error',
        splitter: 'best',
        maxDepth: null,
        minSamplesSplit: 2,
        minSamplesLeaf: 1,
        maxFeatures: null,
        minImpurityDecrease: 0,
        randomState: 0,
      },
      params,
    );
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
    const weight = checkSampleWeight(`${NAME}.fit`, sampleWeight, m.rows);
    const tree = growTree(
      NAME,
      trainer(input),
      this.params,
      target,
      0,
      weight,
      new NumpyRandomState(this.params.randomState),
    );
    this.state = { tree, nFeaturesIn: m.cols, featureImportances: treeImportances(tree, m.cols) };
    return this;
  }

  /** Normalised total variance decrease contributed by each feature (sums to 1). */
  get featureImportances(): number[] {
    return [...this.fitted('reading featureImportances').featureImportances];
  }

  /** The fitted tree in sklearn's `tree_` layout (node arrays; leaves have feature -1). */
  get tree(): TreeState {
    return structuredClone(this.fitted('reading tree').tree);
  }

  get nFeaturesIn(): number {
    return this.fitted('reading nFeaturesIn').nFeaturesIn;
  }

  /** The mean training target of each sample's leaf. */
  predict(X: MatrixLike): number[] {
    const s = this.fitted('predict()');
    const { m, X32 } = treeInput(`${NAME}.predict`, X, s.nFeaturesIn);
    return Array.from(treeValues(s.tree, X32, m.rows, m.cols));
  }

  /** Index of the leaf each sample ends in (node ids in preorder, like sklearn's apply). */
  apply(X: MatrixLike): number[] {
    const s = this.fitted('apply()');
    const { m, X32 } = treeInput(`${NAME}.apply`, X, s.nFeaturesIn);
    return Array.from(applyTree(s.tree, X32, m.rows, m.cols));
  }

  /** Depth of the tree (a lone root has depth 0). */
  getDepth(): number {
    return this.fitted('getDepth()').tree.maxDepth;
  }

  getNLeaves(): number {
    return this.fitted('getNLeaves()').tree.feature.filter((f) => f < 0).length;
  }

  /** R² on `(X, y)`. */
  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }
}
