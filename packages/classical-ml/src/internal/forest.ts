import { classifierScore, Estimator, regressorScore } from '../base';
import { ValueError } from '../errors';
import type { TreeState } from './cart';
import { encodeLabels, type Label } from './labels';
import { type MatrixLike, toVector } from './matrix';
import { bool, type Constraint, oneOf, positive, validateParams } from './params';
import {
  argmaxRows,
  forestImportances,
  growTree,
  NumpyRandomState,
  type TreeGrowthParams,
  type TreeInput,
  toRows,
  trainer,
  treeGrowthConstraints,
  treeInput,
  treeProba,
  treeValues,
} from './tree-common';

/** Parameters of random forests and extra-trees. */
export interface ForestParams extends TreeGrowthParams {
  /** Number of trees (default 100). */
  nEstimators: number;
  /** Fit each tree on a bootstrap sample (default true for forests, false for extra-trees). */
  bootstrap: boolean;
  /** Score the out-of-bag samples after fit (`oobScore` getter; needs `bootstrap`). */
  oobScore: boolean;
}

const forestConstraints: Record<string, Constraint | Constraint[]> = {
  ...treeGrowthConstraints,
  nEstimators: positive(true),
  bootstrap: bool,
  oobScore: bool,
};

interface ForestState {
  trees: TreeState[];
  nFeaturesIn: number;
  featureImportances: number[];
  oobScore: number | null;
}

export interface ForestClassifierState extends ForestState {
  classes: Label[];
}

const MAX_INT = 2147483647;

/**
 * Grows the trees like sklearn's BaseForest: one seed per tree from RandomState(randomState); each
 * tree's bootstrap is RandomState(seed).randint(0, n, n) turned into sample counts, and its splitter
 * seeds itself from a fresh RandomState(seed). Returns the trees and, per tree, its sample counts.
 */
function growForest(
  op: string,
  p: ForestParams & { criterion: string },
  splitter: 'best' | 'random',
  input: TreeInput,
  y: Float64Array,
  nClasses: number,
): { trees: TreeState[]; counts: (Float64Array | null)[] } {
  if (p.oobScore && !p.bootstrap)
    throw new ValueError(
      `${op}: 'oobScore' needs 'bootstrap: true' (out-of-bag samples exist only with bootstrap).`,
    );
  const t = trainer(input);
  const n = t.rows;
  const master = new NumpyRandomState(p.randomState);
  const seeds: number[] = [];
  for (let e = 0; e < p.nEstimators; e++) seeds.push(master.randint(0, MAX_INT));
  const trees: TreeState[] = [];
  const counts: (Float64Array | null)[] = [];
  for (const seed of seeds) {
    let w: Float64Array | null = null;
    if (p.bootstrap) {
      const r = new NumpyRandomState(seed);
      w = new Float64Array(n);
      for (let i = 0; i < n; i++) w[r.randint(0, n)] += 1;
    }
    const grow = { ...p, criterion: p.criterion as never, splitter };
    trees.push(growTree(op, t, grow, y, nClasses, w, new NumpyRandomState(seed)));
    counts.push(w);
  }
  return { trees, counts };
}

/** Shared body of RandomForestClassifier and ExtraTreesClassifier. */
export abstract class ForestClassifierBase<
  P extends ForestParams & { criterion: 'gini' | 'entropy' | 'log_loss' },
> extends Estimator<P, ForestClassifierState> {
  protected abstract readonly splitter: 'best' | 'random';

  /** Fits on `X` (samples × features) and labels `y`. */
  fit(X: MatrixLike, y?: readonly Label[]): this {
    const name = this.constructor.name;
    validateParams(name, this.params, {
      ...forestConstraints,
      criterion: oneOf('gini', 'entropy', 'log_loss'),
    });
    const input = treeInput(`${name}.fit`, X);
    const { m } = input;
    const { classes, indices } = encodeLabels(`${name}.fit`, y as Label[], m.rows);
    const K = classes.length;
    const yk = Float64Array.from(indices);
    const { trees, counts } = growForest(name, this.params, this.splitter, input, yk, K);
    let oobScore: number | null = null;
    if (this.params.oobScore) {
      // sklearn: average the trees' probabilities on the samples each tree did not draw; samples
      // never out of bag keep zeros (predicted as the first class).
      const acc = new Float64Array(m.rows * K);
      const seen = new Float64Array(m.rows);
      trees.forEach((tree, e) => {
        const proba = treeProba(tree, input.X32, m.rows, m.cols);
        const c = counts[e] as Float64Array;
        for (let i = 0; i < m.rows; i++) {
          if (c[i] > 0) continue;
          seen[i]++;
          for (let k = 0; k < K; k++) acc[i * K + k] += proba[i * K + k];
        }
      });
      const best = argmaxRows(acc, m.rows, K);
      let correct = 0;
      for (let i = 0; i < m.rows; i++) if (best[i] === indices[i]) correct++;
      oobScore = correct / m.rows;
    }
    this.state = {
      trees,
      classes,
      nFeaturesIn: m.cols,
      featureImportances: forestImportances(trees, m.cols),
      oobScore,
    };
    return this;
  }

  /** Class labels in sklearn's order (the columns of `predictProba`). */
  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  /** Mean of the trees' normalised impurity-decrease importances (sums to 1). */
  get featureImportances(): number[] {
    return [...this.fitted('reading featureImportances').featureImportances];
  }

  /** Out-of-bag accuracy (sklearn's `oob_score_`); null unless fitted with `oobScore: true`. */
  get oobScore(): number | null {
    return this.fitted('reading oobScore').oobScore;
  }

  /** The fitted trees in sklearn's `tree_` layout. */
  get trees(): TreeState[] {
    return structuredClone(this.fitted('reading trees').trees);
  }

  get nFeaturesIn(): number {
    return this.fitted('reading nFeaturesIn').nFeaturesIn;
  }

  private probaFlat(
    X: MatrixLike,
    what: string,
  ): { flat: Float64Array; rows: number; s: ForestClassifierState } {
    const s = this.fitted(`${what}()`);
    const { m, X32 } = treeInput(`${this.constructor.name}.${what}`, X, s.nFeaturesIn);
    const K = s.classes.length;
    const acc = new Float64Array(m.rows * K);
    for (const tree of s.trees) {
      const p = treeProba(tree, X32, m.rows, m.cols);
      for (let j = 0; j < acc.length; j++) acc[j] += p[j];
    }
    for (let j = 0; j < acc.length; j++) acc[j] /= s.trees.length;
    return { flat: acc, rows: m.rows, s };
  }

  /** Mean of the trees' leaf class frequencies (rows × classes). */
  predictProba(X: MatrixLike): number[][] {
    const { flat, rows, s } = this.probaFlat(X, 'predictProba');
    return toRows(flat, rows, s.classes.length);
  }

  /** The class with the highest mean probability. */
  predict(X: MatrixLike): Label[] {
    const { flat, rows, s } = this.probaFlat(X, 'predict');
    return Array.from(argmaxRows(flat, rows, s.classes.length), (k) => s.classes[k]);
  }

  /** Mean accuracy on `(X, y)`. */
  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}

/** Shared body of RandomForestRegressor and ExtraTreesRegressor. */
export abstract class ForestRegressorBase<
  P extends ForestParams & { criterion: 'squared_error' | 'friedman_mse' },
> extends Estimator<P, ForestState> {
  protected abstract readonly splitter: 'best' | 'random';

  /** Fits on `X` (samples × features) and targets `y`. */
  fit(X: MatrixLike, y?: readonly number[]): this {
    const name = this.constructor.name;
    validateParams(name, this.params, {
      ...forestConstraints,
      criterion: oneOf('squared_error', 'friedman_mse'),
    });
    const input = treeInput(`${name}.fit`, X);
    const { m } = input;
    const target = toVector(`${name}.fit`, y as number[], m.rows);
    const { trees, counts } = growForest(name, this.params, this.splitter, input, target, 0);
    let oobScore: number | null = null;
    if (this.params.oobScore) {
      const acc = new Float64Array(m.rows);
      const seen = new Float64Array(m.rows);
      trees.forEach((tree, e) => {
        const pred = treeValues(tree, input.X32, m.rows, m.cols);
        const c = counts[e] as Float64Array;
        for (let i = 0; i < m.rows; i++) {
          if (c[i] > 0) continue;
          seen[i]++;
          acc[i] += pred[i];
        }
      });
      for (let i = 0; i < m.rows; i++) if (seen[i] > 0) acc[i] /= seen[i];
      oobScore = regressorScore(Array.from(acc), Array.from(target));
    }
    this.state = {
      trees,
      nFeaturesIn: m.cols,
      featureImportances: forestImportances(trees, m.cols),
      oobScore,
    };
    return this;
  }

  /** Mean of the trees' normalised impurity-decrease importances (sums to 1). */
  get featureImportances(): number[] {
    return [...this.fitted('reading featureImportances').featureImportances];
  }

  /** Out-of-bag R² (sklearn's `oob_score_`); null unless fitted with `oobScore: true`. */
  get oobScore(): number | null {
    return this.fitted('reading oobScore').oobScore;
  }

  /** The fitted trees in sklearn's `tree_` layout. */
  get trees(): TreeState[] {
    return structuredClone(this.fitted('reading trees').trees);
  }

  get nFeaturesIn(): number {
    return this.fitted('reading nFeaturesIn').nFeaturesIn;
  }

  /** Mean of the trees' predictions. */
  predict(X: MatrixLike): number[] {
    const s = this.fitted('predict()');
    const { m, X32 } = treeInput(`${this.constructor.name}.predict`, X, s.nFeaturesIn);
    const acc = new Float64Array(m.rows);
    for (const tree of s.trees) {
      const p = treeValues(tree, X32, m.rows, m.cols);
      for (let i = 0; i < m.rows; i++) acc[i] += p[i];
    }
    return Array.from(acc, (v) => v / s.trees.length);
  }

  /** R² on `(X, y)`. */
  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }
}
