import { classifierScore } from '../base';
import {
  BaseGradientBoosting,
  type BoostedState,
  boostedImportances,
  fitBoosting,
  type GradientBoostingParams,
  gradientBoostingConstraints,
  gradientBoostingDefaults,
} from '../internal/gradient-boosting';
import { encodeLabels, type Label } from '../internal/labels';
import type { MatrixLike } from '../internal/matrix';
import { oneOf, validateParams } from '../internal/params';
import { treeGrowthConstraints, treeInput } from '../internal/tree-common';

export interface GradientBoostingClassifierParams extends GradientBoostingParams {
  /** 'log_loss' (binomial deviance for two classes, multinomial otherwise). */
  loss: 'log_loss';
}

interface GradientBoostingClassifierState extends BoostedState {
  classes: Label[];
}

const NAME = 'GradientBoostingClassifier';

/**
 * Gradient-boosted regression trees for classification like sklearn's GradientBoostingClassifier:
 * raw score F = log-prior + ν Σ trees, each tree fitted to the residual y − p with Newton leaf values
 * Σr / Σp(1−p) (scaled by (K−1)/K for K > 2 classes, one tree per class and stage). Defaults follow
 * sklearn 1.2 (100 stages, ν = 0.1, depth 3, friedman_mse); `randomState` (default 0) seeds the
 * subsample masks and splitters exactly as sklearn's RandomState would.
 */
export class GradientBoostingClassifier extends BaseGradientBoosting<
  GradientBoostingClassifierParams,
  GradientBoostingClassifierState
> {
  constructor(params: Partial<GradientBoostingClassifierParams> = {}) {
    super({ loss: 'log_loss', ...gradientBoostingDefaults }, params);
  }

  /** Fits on `X` (samples × features) and labels `y` (at least two classes). */
  fit(X: MatrixLike, y?: readonly Label[]): this {
    validateParams(NAME, this.params, {
      ...treeGrowthConstraints,
      loss: oneOf('log_loss'),
      ...gradientBoostingConstraints,
    });
    const input = treeInput(`${NAME}.fit`, X);
    const { classes, indices } = encodeLabels(`${NAME}.fit`, y as Label[], input.m.rows, 2);
    const model = fitBoosting(
      NAME,
      input,
      Float64Array.from(indices),
      classes.length,
      'log_loss',
      0.9,
      this.params,
    );
    this.state = {
      model,
      classes,
      nFeaturesIn: input.m.cols,
      featureImportances: boostedImportances(model, input.m.cols),
    };
    return this;
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  /** Raw scores: the log-odds of the second class (two classes) or one score per class (rows × classes). */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    const { raw, rows, s } = this.raw(X, 'decisionFunction');
    const K = s.model.init.length;
    if (K === 1) return Array.from(raw);
    return Array.from({ length: rows }, (_, i) => Array.from(raw.subarray(i * K, (i + 1) * K)));
  }

  /** Class probabilities (rows × classes): sigmoid of the log-odds, or softmax of the class scores. */
  predictProba(X: MatrixLike): number[][] {
    const { raw, rows, s } = this.raw(X, 'predictProba');
    const K = s.model.init.length;
    const out: number[][] = [];
    for (let i = 0; i < rows; i++) {
      if (K === 1) {
        const p = 1 / (1 + Math.exp(-raw[i]));
        out.push([1 - p, p]);
        continue;
      }
      let mx = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) mx = Math.max(mx, raw[i * K + k]);
      const e = Array.from(raw.subarray(i * K, (i + 1) * K), (v) => Math.exp(v - mx));
      const z = e.reduce((a, b) => a + b, 0);
      out.push(e.map((v) => v / z));
    }
    return out;
  }

  predict(X: MatrixLike): Label[] {
    const { raw, rows, s } = this.raw(X, 'predict');
    const K = s.model.init.length;
    const out: Label[] = [];
    for (let i = 0; i < rows; i++) {
      if (K === 1) {
        out.push(s.classes[raw[i] > 0 ? 1 : 0]);
        continue;
      }
      let best = 0;
      for (let k = 1; k < K; k++) if (raw[i * K + k] > raw[i * K + best]) best = k;
      out.push(s.classes[best]);
    }
    return out;
  }

  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
