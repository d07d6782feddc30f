import { Estimator } from '../base';
import { applyTree, type TreeState } from '../internal/cart';
import type { MatrixLike } from '../internal/matrix';
import {
  checkSampleWeight,
  type GrowOptions,
  growTree,
  NumpyRandomState,
  type TreeInput,
  trainer,
  treeInput,
} from '../internal/tree-common';

/** The defaults DecisionTreeClassifier and DecisionTreeRegressor share; only the criterion differs. */
export const DECISION_TREE_DEFAULTS: Omit<GrowOptions, 'criterion'> = {
  splitter: 'best',
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxFeatures: null,
  minImpurityDecrease: 0,
  randomState: 0,
};

/** What every fitted decision tree keeps. */
export interface DecisionTreeState {
  tree: TreeState;
  nFeaturesIn: number;
  featureImportances: number[];
}

/**
 * The part of DecisionTreeClassifier and DecisionTreeRegressor that does not depend on the target,
 * like sklearn's `BaseDecisionTree`: growing one tree, and reading the fitted tree back.
 */
export abstract class BaseDecisionTree<P extends GrowOptions, S extends DecisionTreeState> extends Estimator<
  P,
  S
> {
  /**
   * Grows the tree on validated `input` and targets `y`: class indices with their count `nClasses`,
   * or regression targets with `nClasses` 0. The splitter is seeded from `randomState` like sklearn's.
   */
  protected grow(
    input: TreeInput,
    y: Float64Array,
    nClasses: number,
    sampleWeight: readonly number[] | undefined,
  ): TreeState {
    const name = this.constructor.name;
    const weight = checkSampleWeight(`${name}.fit`, sampleWeight, input.m.rows);
    const random = new NumpyRandomState(this.params.randomState);
    return growTree(name, trainer(input), this.params, y, nClasses, weight, random);
  }

  /** Normalised total impurity (for regression, variance) decrease contributed by each feature (sums to 1). */
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

  /** Index of the leaf each sample ends in (node ids in preorder, like sklearn's apply). */
  apply(X: MatrixLike): number[] {
    const s = this.fitted('apply()');
    const { m, X32 } = treeInput(`${this.constructor.name}.apply`, X, s.nFeaturesIn);
    return Array.from(applyTree(s.tree, X32, m.rows, m.cols));
  }

  /** Depth of the tree (a lone root has depth 0). */
  getDepth(): number {
    return this.fitted('getDepth()').tree.maxDepth;
  }

  getNLeaves(): number {
    return this.fitted('getNLeaves()').tree.feature.filter((f) => f < 0).length;
  }
}
