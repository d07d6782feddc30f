import { classifierScore } from '../base';
import { encodeLabels, type Label } from '../internal/labels';
import type { MatrixLike } from '../internal/matrix';
import { oneOf, validateParams } from '../internal/params';
import {
  argmaxRows,
  type TreeGrowthParams,
  toRows,
  treeGrowthConstraints,
  treeImportances,
  treeInput,
  treeProba,
} from '../internal/tree-common';
import { BaseDecisionTree, DECISION_TREE_DEFAULTS, type DecisionTreeState } from './decision-tree-base';

export interface DecisionTreeClassifierParams extends TreeGrowthParams {
  /** Impurity measure: 'gini' (default), 'entropy' or its alias 'log_loss'. */
  criterion: 'gini' | 'entropy' | 'log_loss';
  /** 'best' tries every midpoint threshold (default); 'random' draws one threshold per feature. */
  splitter: 'best' | 'random';
}

interface DecisionTreeClassifierState extends DecisionTreeState {
  classes: Label[];
}

const NAME = 'DecisionTreeClassifier';

/**
 * A CART classification tree like sklearn's DecisionTreeClassifier: greedy binary splits `x_f <= t`
 * at midpoints between sorted distinct float32 values, chosen to maximise the weighted decrease of
 * gini `1 − Σ p_k²` or entropy `−Σ p_k log₂ p_k`; leaves predict the class frequencies. Features
 * are visited in the order sklearn's splitter draws them from numpy's RandomState(`randomState`,
 * default 0), so ties between equally good splits are broken as sklearn breaks them.
 */
export class DecisionTreeClassifier extends BaseDecisionTree<
  DecisionTreeClassifierParams,
  DecisionTreeClassifierState
> {
  constructor(params: Partial<DecisionTreeClassifierParams> = {}) {
    super({ criterion: 'gini', ...DECISION_TREE_DEFAULTS }, params);
  }

  /** Fits on `X` (samples × features) and labels `y`; `sampleWeight` weighs the impurity counts. */
  fit(X: MatrixLike, y?: readonly Label[], sampleWeight?: readonly number[]): this {
    validateParams(NAME, this.params, {
      ...treeGrowthConstraints,
      criterion: oneOf('gini', 'entropy', 'log_loss'),
    });
    const input = treeInput(`${NAME}.fit`, X);
    const { m } = input;
    const { classes, indices } = encodeLabels(`${NAME}.fit`, y as Label[], m.rows);
    const tree = this.grow(input, Float64Array.from(indices), classes.length, sampleWeight);
    this.state = { tree, classes, nFeaturesIn: m.cols, featureImportances: treeImportances(tree, m.cols) };
    return this;
  }

  /** Class labels in sklearn's order (the columns of `predictProba`). */
  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  /** Class probabilities (rows × classes): the weighted class frequencies of each sample's leaf. */
  predictProba(X: MatrixLike): number[][] {
    const s = this.fitted('predictProba()');
    const { m, X32 } = treeInput(`${NAME}.predictProba`, X, s.nFeaturesIn);
    return toRows(treeProba(s.tree, X32, m.rows, m.cols), m.rows, s.classes.length);
  }

  /** The most frequent class of each sample's leaf. */
  predict(X: MatrixLike): Label[] {
    const s = this.fitted('predict()');
    const { m, X32 } = treeInput(`${NAME}.predict`, X, s.nFeaturesIn);
    const K = s.classes.length;
    const best = argmaxRows(treeProba(s.tree, X32, m.rows, m.cols), m.rows, K);
    return Array.from(best, (k) => s.classes[k]);
  }

  /** Mean accuracy on `(X, y)`. */
  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
