import { Estimator } from '../base';
import type { TreeState } from './cart';
import { applyTree, normalise, rawImportances } from './cart';
import type { MatrixLike } from './matrix';
import { type Constraint, inRange, oneOf, positive } from './params';
import {
  growTree,
  NumpyRandomState,
  type TreeGrowthParams,
  type TreeInput,
  trainer,
  treeInput,
} from './tree-common';

export type GradientBoostingLoss = 'squared_error' | 'absolute_error' | 'huber' | 'quantile' | 'log_loss';

/** Parameters shared by GradientBoostingClassifier and GradientBoostingRegressor. */
export interface GradientBoostingParams extends TreeGrowthParams {
  /** Boosting stages (default 100). */
  nEstimators: number;
  /** Shrinkage of every tree's contribution (default 0.1). */
  learningRate: number;
  /** Fraction of samples drawn (without replacement) for each stage; < 1 is stochastic boosting (default 1). */
  subsample: number;
  /** Criterion of the regression trees: 'friedman_mse' (default) or 'squared_error'. */
  criterion: 'friedman_mse' | 'squared_error';
}

/** sklearn 1.2's defaults, shared by both estimators (each adds its `loss`). */
export const gradientBoostingDefaults: GradientBoostingParams = {
  nEstimators: 100,
  learningRate: 0.1,
  subsample: 1,
  criterion: 'friedman_mse',
  maxDepth: 3,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxFeatures: null,
  minImpurityDecrease: 0,
  randomState: 0,
};

/** Constraints on the boosting parameters (the tree-growth ones come from `treeGrowthConstraints`). */
export const gradientBoostingConstraints: Record<string, Constraint | Constraint[]> = {
  nEstimators: positive(true),
  learningRate: positive(),
  subsample: inRange(0, 1, { minExclusive: true }),
  criterion: oneOf('friedman_mse', 'squared_error'),
};

export interface BoostedModel {
  /** Raw score before any tree, one per output (K for multinomial, else 1). */
  init: number[];
  /** trees[stage][k]; leaf values already hold the loss-specific leaf updates. */
  trees: TreeState[][];
}

/** numpy's percentile with linear interpolation. */
export function percentile(values: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(values).sort();
  const pos = (q / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** sklearn's _weighted_percentile: the smallest value whose cumulative weight reaches q% of the total. */
export function weightedPercentile(values: Float64Array, weights: Float64Array, q: number): number {
  const n = values.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += weights[idx[k]];
    cdf[k] = acc;
  }
  const target = (q / 100) * acc;
  let k = 0;
  while (k < n - 1 && cdf[k] < target) k++;
  return values[idx[k]];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Friedman's gradient boosting as sklearn 1.2 runs it: each stage fits a regression tree to the
 * negative gradient (one per class for multinomial log-loss), then re-estimates the leaf values for
 * the loss (Newton steps for log-loss, medians for absolute error, Huber's robust step) and adds them
 * times the learning rate. The random decisions (subsample masks, splitter seeds) are drawn from one
 * numpy RandomState(randomState), as in sklearn.
 *
 * `y` holds targets (regression) or class indices (classification with `nClasses` classes).
 */
export function fitBoosting(
  op: string,
  input: TreeInput,
  y: Float64Array,
  nClasses: number,
  loss: GradientBoostingLoss,
  alpha: number,
  p: GradientBoostingParams,
): BoostedModel {
  const t = trainer(input);
  const n = t.rows;
  const K = loss === 'log_loss' && nClasses > 2 ? nClasses : 1;
  const random = new NumpyRandomState(p.randomState);
  const ones = new Float64Array(n).fill(1);

  // Initial raw predictions (sklearn's init estimators).
  const init: number[] = [];
  if (loss === 'squared_error') init.push(y.reduce((s, v) => s + v, 0) / n);
  else if (loss === 'absolute_error' || loss === 'huber') init.push(percentile(y, 50));
  else if (loss === 'quantile') init.push(percentile(y, alpha * 100));
  else {
    const eps = 1.1920928955078125e-7;
    const counts = new Float64Array(nClasses);
    for (let i = 0; i < n; i++) counts[y[i]]++;
    const clip = (v: number) => Math.min(Math.max(v, eps), 1 - eps);
    if (K === 1) {
      const pp = clip(counts[1] / n);
      init.push(Math.log(pp / (1 - pp)));
    } else for (let k = 0; k < K; k++) init.push(Math.log(clip(counts[k] / n)));
  }
  const raw = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = init[k];

  const nInBag = Math.max(1, Math.floor(p.subsample * n));
  const trees: TreeState[][] = [];
  const residual = new Float64Array(n);
  const yk = new Float64Array(n);
  const prob = new Float64Array(n * K);
  for (let stage = 0; stage < p.nEstimators; stage++) {
    let weight: Float64Array = ones;
    let mask: Uint8Array | null = null;
    if (p.subsample < 1) {
      // sklearn's _random_sample_mask: sequential selection sampling of exactly nInBag samples.
      mask = new Uint8Array(n);
      let bagged = 0;
      const u = new Float64Array(n);
      for (let i = 0; i < n; i++) u[i] = random.rand();
      for (let i = 0; i < n; i++) {
        if (u[i] * (n - i) < nInBag - bagged) {
          mask[i] = 1;
          bagged++;
        }
      }
      weight = Float64Array.from(mask);
    }
    if (K > 1) {
      // Class probabilities at the start of the stage (softmax of the raw scores).
      for (let i = 0; i < n; i++) {
        let mx = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < K; k++) mx = Math.max(mx, raw[i * K + k]);
        let s = 0;
        for (let k = 0; k < K; k++) s += Math.exp(raw[i * K + k] - mx);
        const lse = mx + Math.log(s);
        for (let k = 0; k < K; k++) prob[i * K + k] = Math.exp(raw[i * K + k] - lse);
      }
    }
    const stageTrees: TreeState[] = [];
    for (let k = 0; k < K; k++) {
      let gamma = 0;
      for (let i = 0; i < n; i++) {
        const f = raw[i * K + k];
        if (loss === 'log_loss') {
          yk[i] = K > 1 ? (y[i] === k ? 1 : 0) : y[i];
          residual[i] = yk[i] - (K > 1 ? prob[i * K + k] : sigmoid(f));
        } else if (loss === 'squared_error') residual[i] = y[i] - f;
        else if (loss === 'absolute_error') residual[i] = y[i] - f > 0 ? 1 : -1;
        else if (loss === 'quantile') residual[i] = y[i] > f ? alpha : -(1 - alpha);
      }
      if (loss === 'huber') {
        const diff = new Float64Array(n);
        const absDiff = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          diff[i] = y[i] - raw[i];
          absDiff[i] = Math.abs(diff[i]);
        }
        gamma = weightedPercentile(absDiff, ones, alpha * 100);
        for (let i = 0; i < n; i++) residual[i] = absDiff[i] <= gamma ? diff[i] : gamma * Math.sign(diff[i]);
      }
      const tree = growTree(
        op,
        t,
        { ...p, criterion: p.criterion, splitter: 'best' },
        residual,
        0,
        mask ? weight : null,
        random,
      );
      const leaves = applyTree(tree, t.X32, n, t.cols);
      if (loss !== 'squared_error') updateLeaves(tree, leaves, mask);
      stageTrees.push(tree);
      for (let i = 0; i < n; i++) raw[i * K + k] += p.learningRate * tree.value[leaves[i]];

      function updateLeaves(tr: TreeState, lv: Int32Array, m: Uint8Array | null): void {
        const members = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
          if (m && !m[i]) continue;
          const list = members.get(lv[i]);
          if (list) list.push(i);
          else members.set(lv[i], [i]);
        }
        for (let node = 0; node < tr.feature.length; node++) {
          if (tr.feature[node] >= 0) continue;
          const idx = members.get(node) ?? [];
          let v = 0;
          if (loss === 'log_loss') {
            let num = 0;
            let den = 0;
            for (const i of idx) {
              const r = residual[i];
              num += r;
              den += (yk[i] - r) * (1 - yk[i] + r);
            }
            if (K > 1) num *= (K - 1) / K;
            v = Math.abs(den) < 1e-150 ? 0 : num / den;
          } else if (idx.length) {
            const diff = Float64Array.from(idx, (i) => y[i] - raw[i]);
            const w = new Float64Array(idx.length).fill(1);
            if (loss === 'absolute_error') v = weightedPercentile(diff, w, 50);
            else if (loss === 'quantile') v = weightedPercentile(diff, w, alpha * 100);
            else {
              const med = weightedPercentile(diff, w, 50);
              let s = 0;
              for (const d of diff) s += Math.sign(d - med) * Math.min(Math.abs(d - med), gamma);
              v = med + s / diff.length;
            }
          }
          tr.value[node] = v;
        }
      }
    }
    trees.push(stageTrees);
  }
  return { init, trees };
}

/** Raw scores (rows × K) of a boosted model on float32 X. */
export function boostedRaw(
  model: BoostedModel,
  lr: number,
  X32: Float32Array,
  rows: number,
  cols: number,
): Float64Array {
  const K = model.init.length;
  const raw = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) raw[i * K + k] = model.init[k];
  for (const stage of model.trees) {
    for (let k = 0; k < K; k++) {
      const tree = stage[k];
      for (let i = 0; i < rows; i++) {
        let node = 0;
        while (tree.feature[node] >= 0)
          node =
            X32[i * cols + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
        raw[i * K + k] += lr * tree.value[node];
      }
    }
  }
  return raw;
}

/** sklearn's GB importances: mean of the trees' unnormalised importances, normalised. */
export function boostedImportances(model: BoostedModel, cols: number): number[] {
  const acc = new Float64Array(cols);
  let used = 0;
  for (const stage of model.trees)
    for (const tree of stage) {
      if (tree.feature.length <= 1) continue;
      const imp = rawImportances(tree, cols);
      for (let f = 0; f < cols; f++) acc[f] += imp[f];
      used++;
    }
  if (used) for (let f = 0; f < cols; f++) acc[f] /= used;
  return normalise(acc);
}

/** What both gradient-boosting estimators learn. */
export interface BoostedState {
  model: BoostedModel;
  nFeaturesIn: number;
  featureImportances: number[];
}

/** Base of GradientBoostingClassifier and GradientBoostingRegressor: learned-state getters and raw scores. */
export abstract class BaseGradientBoosting<
  P extends GradientBoostingParams,
  S extends BoostedState,
> extends Estimator<P, S> {
  /** Mean impurity decrease of the trees, normalised (sums to 1). */
  get featureImportances(): number[] {
    return [...this.fitted('reading featureImportances').featureImportances];
  }

  get nFeaturesIn(): number {
    return this.fitted('reading nFeaturesIn').nFeaturesIn;
  }

  /** Raw scores (rows × K, flat) of the fitted model on X for `Class.what`. */
  protected raw(X: MatrixLike, what: string): { raw: Float64Array; rows: number; s: S } {
    const s = this.fitted(`${what}()`);
    const { m, X32 } = treeInput(`${this.constructor.name}.${what}`, X, s.nFeaturesIn);
    return { raw: boostedRaw(s.model, this.params.learningRate, X32, m.rows, m.cols), rows: m.rows, s };
  }
}
