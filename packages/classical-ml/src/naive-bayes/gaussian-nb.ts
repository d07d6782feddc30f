import { classifierScore, Estimator } from '../base';
import { encodeLabels, type Label } from '../internal/labels';
import { checkFeatures, type MatrixLike, toMatrix } from '../internal/matrix';
import { nonNegative, validateParams } from '../internal/params';
import { argmaxLabels, logProba } from './naive-bayes-base';

export interface GaussianNBParams {
  /** Fraction of the largest feature variance added to every variance, for stability (default 1e-9). */
  varSmoothing: number;
}

interface GaussianNBState {
  classes: Label[];
  /** Per-class feature means (nClasses × nFeatures). */
  theta: number[][];
  /** Per-class feature variances plus the smoothing epsilon. */
  var: number[][];
  classPrior: number[];
  classCount: number[];
  epsilon: number;
  nFeaturesIn: number;
}

/**
 * Gaussian naive Bayes like sklearn's GaussianNB: per class, independent normal features with the
 * class mean and (population) variance + `varSmoothing` × max feature variance;
 * log P(c|x) ∝ log πc − ½ Σj [log(2π σ²cj) + (xj − μcj)² / σ²cj].
 *
 * @example
 * new GaussianNB().fit([[0], [0.2], [3], [3.1]], ['a', 'a', 'b', 'b']).predict([[2.5]]); // ['b']
 */
export class GaussianNB extends Estimator<GaussianNBParams, GaussianNBState> {
  constructor(params: Partial<GaussianNBParams> = {}) {
    super({ varSmoothing: 1e-9 }, params);
  }

  fit(X: MatrixLike, y: readonly Label[]): this {
    validateParams('GaussianNB', this.params, { varSmoothing: nonNegative() });
    const m = toMatrix('GaussianNB.fit', X);
    const { classes, indices } = encodeLabels('GaussianNB.fit', y, m.rows);
    const d = m.cols;
    const variance = (rows: number[]): { mean: number[]; v: number[] } => {
      const mean = new Array<number>(d).fill(0);
      for (const i of rows) for (let j = 0; j < d; j++) mean[j] += m.data[i * d + j];
      for (let j = 0; j < d; j++) mean[j] /= rows.length;
      const v = new Array<number>(d).fill(0);
      for (const i of rows)
        for (let j = 0; j < d; j++) {
          const t = m.data[i * d + j] - mean[j];
          v[j] += t * t;
        }
      for (let j = 0; j < d; j++) v[j] /= rows.length;
      return { mean, v };
    };
    const all = variance(Array.from({ length: m.rows }, (_, i) => i));
    const epsilon = this.params.varSmoothing * Math.max(...all.v);
    const theta: number[][] = [];
    const vars: number[][] = [];
    const classCount: number[] = [];
    classes.forEach((_, c) => {
      const rows: number[] = [];
      for (let i = 0; i < m.rows; i++) if (indices[i] === c) rows.push(i);
      const { mean, v } = variance(rows);
      theta.push(mean);
      vars.push(v.map((x) => x + epsilon));
      classCount.push(rows.length);
    });
    const classPrior = classCount.map((n) => n / m.rows);
    this.state = { classes, theta, var: vars, classPrior, classCount, epsilon, nFeaturesIn: d };
    return this;
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }
  /** Per-class feature means, sklearn's `theta_`. */
  get theta(): number[][] {
    return structuredClone(this.fitted('reading theta').theta);
  }
  /** Per-class feature variances (smoothed), sklearn's `var_`. */
  get var(): number[][] {
    return structuredClone(this.fitted('reading var').var);
  }
  get classPrior(): number[] {
    return [...this.fitted('reading classPrior').classPrior];
  }
  get classCount(): number[] {
    return [...this.fitted('reading classCount').classCount];
  }
  get epsilon(): number {
    return this.fitted('reading epsilon').epsilon;
  }

  /** Unnormalised log posterior per class (sklearn's `_joint_log_likelihood`). */
  private jointLogLikelihood(X: MatrixLike, op: string): number[][] {
    const s = this.fitted(`${op}()`);
    const m = toMatrix(`GaussianNB.${op}`, X);
    checkFeatures(`GaussianNB.${op}`, m, s.nFeaturesIn);
    const d = m.cols;
    const norm = s.var.map((v, c) => {
      let t = 0;
      for (const x of v) t += Math.log(2 * Math.PI * x);
      return Math.log(s.classPrior[c]) - 0.5 * t;
    });
    const out: number[][] = [];
    for (let i = 0; i < m.rows; i++) {
      out.push(
        s.theta.map((mu, c) => {
          let q = 0;
          for (let j = 0; j < d; j++) {
            const t = m.data[i * d + j] - mu[j];
            q += (t * t) / s.var[c][j];
          }
          return norm[c] - 0.5 * q;
        }),
      );
    }
    return out;
  }

  predictLogProba(X: MatrixLike): number[][] {
    return logProba(this.jointLogLikelihood(X, 'predictLogProba'));
  }

  predictProba(X: MatrixLike): number[][] {
    return logProba(this.jointLogLikelihood(X, 'predictProba')).map((r) => r.map(Math.exp));
  }

  predict(X: MatrixLike): Label[] {
    const jll = this.jointLogLikelihood(X, 'predict');
    return argmaxLabels(jll, this.fitted('predict()').classes);
  }

  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
