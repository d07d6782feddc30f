import { classifierScore, type EstimatorJSON } from '../base';
import { ValueError } from '../errors';
import {
  type EstimatorSpec,
  instantiate,
  type MemberEstimator,
  memberToJSON,
} from '../internal/ensemble-members';
import { encodeLabels, type Label } from '../internal/labels';
import { checkFeatures, type MatrixLike, toMatrix } from '../internal/matrix';
import { MetaEstimator } from '../internal/meta-estimator';
import { NumpyRandomState } from '../internal/numpy-random';
import { oneOf, positive, validateParams } from '../internal/params';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier';

export interface AdaBoostClassifierParams {
  /** Weak learner (instance or factory; it must accept `fit(X, y, sampleWeight)`); null = a depth-1 tree. */
  estimator: EstimatorSpec | null;
  /** Maximum number of boosting rounds (default 50). */
  nEstimators: number;
  /** Shrinks each learner's weight (default 1). */
  learningRate: number;
  /** 'SAMME' (discrete, default) or 'SAMME.R' (real, from class probabilities; sklearn 1.2's default, removed in 1.6). */
  algorithm: 'SAMME' | 'SAMME.R';
  /** Seeds the weak learners as sklearn does (default 0). */
  randomState: number;
}

interface AdaBoostClassifierState {
  members: EstimatorJSON[];
  estimatorWeights: number[];
  estimatorErrors: number[];
  classes: Label[];
  nFeaturesIn: number;
}

const NAME = 'AdaBoostClassifier';
const MAX_INT = 2147483647;
const EPS = 2.220446049250313e-16;

/**
 * AdaBoost like sklearn's AdaBoostClassifier. SAMME (Zhu et al. 2009, https://doi.org/10.4310/SII.2009.v2.n3.a8):
 * each round fits the weak learner on the sample weights, α = ν(log((1 − err)/err) + log(K − 1)), and
 * misclassified samples are reweighted by e^α; the decision is Σ α_m [h_m(x) = k] / Σ α_m. SAMME.R uses
 * the learners' log-probabilities instead. Learners get sklearn's seeds from RandomState(`randomState`).
 */
export class AdaBoostClassifier extends MetaEstimator<AdaBoostClassifierParams, AdaBoostClassifierState> {
  protected readonly specKeys = ['estimator'] as const;

  constructor(params: Partial<AdaBoostClassifierParams> = {}) {
    super({ estimator: null, nEstimators: 50, learningRate: 1, algorithm: 'SAMME', randomState: 0 }, params);
  }

  /** Fits on `X` and labels `y`; `sampleWeight` sets the initial weights (uniform by default). */
  fit(X: MatrixLike, y?: readonly Label[], sampleWeight?: readonly number[]): this {
    validateParams(NAME, this.params, {
      nEstimators: positive(true),
      learningRate: positive(),
      algorithm: oneOf('SAMME', 'SAMME.R'),
      randomState: { kind: 'number', min: 0, max: 4294967295, integer: true },
    });
    const m = toMatrix(`${NAME}.fit`, X);
    const { classes, indices } = encodeLabels(`${NAME}.fit`, y as Label[], m.rows);
    const K = classes.length;
    const n = m.rows;
    const Xs: number[][] = [];
    for (let i = 0; i < n; i++) Xs.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
    const yk = Array.from(indices);
    let w = sampleWeight ? Float64Array.from(sampleWeight) : new Float64Array(n).fill(1);
    if (w.length !== n)
      throw new ValueError(`${NAME}.fit: 'sampleWeight' has ${w.length} values but 'X' has ${n} samples.`);
    const total0 = w.reduce((a, b) => a + b, 0);
    w = w.map((v) => v / total0);
    const random = new NumpyRandomState(this.params.randomState);
    const real = this.params.algorithm === 'SAMME.R';
    const members: MemberEstimator[] = [];
    const weights: number[] = [];
    const errors: number[] = [];
    const lr = this.params.learningRate;
    for (let it = 0; it < this.params.nEstimators; it++) {
      const est = this.makeLearner(random.randint(0, MAX_INT));
      est.fit(Xs, yk, Array.from(w));
      let pred: number[];
      let proba: number[][] = [];
      if (real) {
        if (!est.predictProba)
          throw new ValueError(`${NAME}: 'SAMME.R' needs a weak learner with predictProba.`);
        proba = est.predictProba(Xs);
        pred = proba.map((r) => r.indexOf(Math.max(...r)));
      } else pred = est.predict(Xs) as number[];
      let err = 0;
      let wsum = 0;
      for (let i = 0; i < n; i++) {
        wsum += w[i];
        if (pred[i] !== yk[i]) err += w[i];
      }
      err /= wsum;
      members.push(est);
      if (err <= 0) {
        weights.push(1);
        errors.push(0);
        break;
      }
      if (!real && err >= 1 - 1 / K) {
        members.pop();
        if (members.length === 0)
          throw new ValueError(
            `${NAME}: the first weak learner is no better than chance (error ${err}); boosting cannot start.`,
          );
        break;
      }
      const last = it === this.params.nEstimators - 1;
      if (real) {
        weights.push(1);
        errors.push(err);
        if (!last) {
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let k = 0; k < K; k++) {
              const code = k === yk[i] ? 1 : -1 / (K - 1);
              s += code * Math.log(Math.max(proba[i][k], EPS));
            }
            const a = -lr * ((K - 1) / K) * s;
            if (w[i] > 0 || a < 0) w[i] *= Math.exp(a);
          }
        }
      } else {
        const alpha = lr * (Math.log((1 - err) / err) + Math.log(K - 1));
        weights.push(alpha);
        errors.push(err);
        if (!last)
          for (let i = 0; i < n; i++)
            w[i] = Math.exp(Math.log(w[i]) + (pred[i] !== yk[i] && w[i] > 0 ? alpha : 0));
      }
      const sum = w.reduce((a, b) => a + b, 0);
      if (!(sum > 0)) break;
      if (!last) w = w.map((v) => v / sum);
    }
    this.state = {
      members: members.map(memberToJSON),
      estimatorWeights: weights,
      estimatorErrors: errors,
      classes,
      nFeaturesIn: m.cols,
    };
    return this;
  }

  private makeLearner(seed: number): MemberEstimator {
    const spec = this.params.estimator;
    if (spec === null) return new DecisionTreeClassifier({ maxDepth: 1, randomState: seed });
    const est = instantiate(NAME, spec);
    const p = est.getParams() as Record<string, unknown>;
    if ('randomState' in p)
      (est as unknown as { setParams(p: object): void }).setParams({ randomState: seed });
    return est;
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  /** The weight α of each fitted learner. */
  get estimatorWeights(): number[] {
    return [...this.fitted('reading estimatorWeights').estimatorWeights];
  }

  /** The weighted training error of each fitted learner. */
  get estimatorErrors(): number[] {
    return [...this.fitted('reading estimatorErrors').estimatorErrors];
  }

  /** Σ α_m [h_m(x) = k] / Σ α_m per class (rows × classes); for two classes the second column minus the first. */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    const { d, rows, K } = this.decision(X, 'decisionFunction');
    if (K === 2) return Array.from({ length: rows }, (_, i) => d[i * 2 + 1] - d[i * 2]);
    return Array.from({ length: rows }, (_, i) => Array.from(d.subarray(i * K, (i + 1) * K)));
  }

  private decision(X: MatrixLike, what: string): { d: Float64Array; rows: number; K: number } {
    const s = this.fitted(`${what}()`);
    const m = toMatrix(`${NAME}.${what}`, X);
    checkFeatures(`${NAME}.${what}`, m, s.nFeaturesIn);
    const Xs: number[][] = [];
    for (let i = 0; i < m.rows; i++) Xs.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
    const K = s.classes.length;
    const d = new Float64Array(m.rows * K);
    const members = this.members(`${what}()`);
    const real = this.params.algorithm === 'SAMME.R';
    members.forEach((est, e) => {
      if (real) {
        const proba = (est.predictProba as (X: MatrixLike) => number[][])(Xs);
        for (let i = 0; i < m.rows; i++) {
          const logp = proba[i].map((p) => Math.log(Math.max(p, EPS)));
          const mean = logp.reduce((a, b) => a + b, 0) / K;
          for (let k = 0; k < K; k++) d[i * K + k] += (K - 1) * (logp[k] - mean);
        }
      } else {
        const pred = est.predict(Xs) as number[];
        for (let i = 0; i < m.rows; i++) d[i * K + pred[i]] += s.estimatorWeights[e];
      }
    });
    const total = s.estimatorWeights.reduce((a, b) => a + b, 0);
    for (let j = 0; j < d.length; j++) d[j] /= total;
    return { d, rows: m.rows, K };
  }

  /** sklearn's probabilities from the decision: softmax(decision / (K − 1)) (halved ±decision for two classes). */
  predictProba(X: MatrixLike): number[][] {
    const { d, rows, K } = this.decision(X, 'predictProba');
    const out: number[][] = [];
    for (let i = 0; i < rows; i++) {
      const z =
        K === 2
          ? [-(d[i * 2 + 1] - d[i * 2]) / 2, (d[i * 2 + 1] - d[i * 2]) / 2]
          : Array.from(d.subarray(i * K, (i + 1) * K), (v) => v / (K - 1));
      const mx = Math.max(...z);
      const e = z.map((v) => Math.exp(v - mx));
      const sum = e.reduce((a, b) => a + b, 0);
      out.push(e.map((v) => v / sum));
    }
    return out;
  }

  predict(X: MatrixLike): Label[] {
    const { d, rows, K } = this.decision(X, 'predict');
    const classes = this.fitted('predict()').classes;
    const out: Label[] = [];
    for (let i = 0; i < rows; i++) {
      if (K === 2) {
        out.push(classes[d[i * 2 + 1] - d[i * 2] > 0 ? 1 : 0]);
        continue;
      }
      let best = 0;
      for (let k = 1; k < K; k++) if (d[i * K + k] > d[i * K + best]) best = k;
      out.push(classes[best]);
    }
    return out;
  }

  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
