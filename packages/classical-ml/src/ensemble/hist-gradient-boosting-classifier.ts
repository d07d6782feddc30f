import { classifierScore, Estimator } from '../base';
import { fitHistBoosting, type HistBoostingParams, type HistModel, histRaw } from '../internal/hist-boosting';
import { HIST_DEFAULTS, histConstraints } from '../internal/hist-params';
import { encodeLabels, type Label } from '../internal/labels';
import { checkFeatures, type MatrixLike, toMatrix } from '../internal/matrix';
import { validateParams } from '../internal/params';

export type HistGradientBoostingClassifierParams = HistBoostingParams;

interface HistGradientBoostingClassifierState {
  model: HistModel;
  classes: Label[];
  nFeaturesIn: number;
}

const NAME = 'HistGradientBoostingClassifier';

/**
 * XGBoost-style second-order boosting on feature histograms (like `XGBClassifier(tree_method='hist')`):
 * logistic loss (g = p − y, h = p(1 − p)) for two classes, softmax with one tree per class and round
 * (h = 2p(1 − p)) otherwise; G²/(H+λ) split gains with `alpha`, `gamma`, `minChildWeight`, ≤ 255
 * quantile bins, a learned NaN direction (NaN is allowed in X) and optional early stopping.
 */
export class HistGradientBoostingClassifier extends Estimator<
  HistGradientBoostingClassifierParams,
  HistGradientBoostingClassifierState
> {
  constructor(params: Partial<HistGradientBoostingClassifierParams> = {}) {
    super({ ...HIST_DEFAULTS }, params);
  }

  fit(X: MatrixLike, y?: readonly Label[]): this {
    validateParams(NAME, this.params, histConstraints);
    const m = toMatrix(`${NAME}.fit`, X, { allowNaN: true });
    const { classes, indices } = encodeLabels(`${NAME}.fit`, y as Label[], m.rows, 2);
    const objective = classes.length === 2 ? 'binary' : 'multiclass';
    const model = fitHistBoosting(
      m.data,
      m.rows,
      m.cols,
      Float64Array.from(indices),
      objective,
      classes.length,
      this.params,
    );
    this.state = { model, classes, nFeaturesIn: m.cols };
    return this;
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  /** Rounds kept (fewer than `nEstimators` after early stopping). */
  get nIter(): number {
    return this.fitted('reading nIter').model.trees.length;
  }

  /** Validation loss per round (empty without early stopping). */
  get validationLoss(): number[] {
    return [...this.fitted('reading validationLoss').model.validationLoss];
  }

  private raw(
    X: MatrixLike,
    what: string,
  ): { raw: Float64Array; rows: number; K: number; s: HistGradientBoostingClassifierState } {
    const s = this.fitted(`${what}()`);
    const m = toMatrix(`${NAME}.${what}`, X, { allowNaN: true });
    checkFeatures(`${NAME}.${what}`, m, s.nFeaturesIn);
    return { raw: histRaw(s.model, m.data, m.rows, m.cols), rows: m.rows, K: s.model.base.length, s };
  }

  /** Raw margins: log-odds of the second class (two classes) or one score per class. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    const { raw, rows, K } = this.raw(X, 'decisionFunction');
    if (K === 1) return Array.from(raw);
    return Array.from({ length: rows }, (_, i) => Array.from(raw.subarray(i * K, (i + 1) * K)));
  }

  predictProba(X: MatrixLike): number[][] {
    const { raw, rows, K } = this.raw(X, 'predictProba');
    const out: number[][] = [];
    for (let i = 0; i < rows; i++) {
      if (K === 1) {
        const p = 1 / (1 + Math.exp(-raw[i]));
        out.push([1 - p, p]);
        continue;
      }
      const z = Array.from(raw.subarray(i * K, (i + 1) * K));
      const mx = Math.max(...z);
      const e = z.map((v) => Math.exp(v - mx));
      const sum = e.reduce((a, b) => a + b, 0);
      out.push(e.map((v) => v / sum));
    }
    return out;
  }

  predict(X: MatrixLike): Label[] {
    const { raw, rows, K, s } = this.raw(X, 'predict');
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
