import { classifierScore, type EstimatorJSON } from '../base';
import { ValueError } from '../errors';
import {
  type EstimatorSpec,
  instantiate,
  type MemberEstimator,
  memberToJSON,
  toRowsOf,
} from '../internal/ensemble-members';
import { encodeLabels, type Label } from '../internal/labels';
import { checkFeatures, type MatrixLike, toMatrix } from '../internal/matrix';
import { MetaEstimator } from '../internal/meta-estimator';
import { NumpyRandomState } from '../internal/numpy-random';
import { bool, type Constraint, positive, validateParams } from '../internal/params';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier';

export interface BaggingClassifierParams {
  /** Base classifier (instance or factory); null = DecisionTreeClassifier(). */
  estimator: EstimatorSpec | null;
  /** Number of members (default 10). */
  nEstimators: number;
  /** Samples drawn per member: a count, or a fraction (<= 1) of the samples (default 1 = all). */
  maxSamples: number;
  /** Draw with replacement (default true). */
  bootstrap: boolean;
  /** Score the out-of-bag samples after fit (`oobScore` getter; needs `bootstrap`). */
  oobScore: boolean;
  /** Seed (default 0): member seeds and draws follow sklearn's use of numpy's RandomState. */
  randomState: number;
}

interface BaggingClassifierState {
  members: EstimatorJSON[];
  classes: Label[];
  nFeaturesIn: number;
  oobScore: number | null;
}

const NAME = 'BaggingClassifier';
const MAX_INT = 2147483647;

/**
 * Bootstrap aggregating like sklearn's BaggingClassifier: each member is fitted on a resample of the
 * data (as sample counts when its `fit` takes `sampleWeight`, as repeated rows otherwise) and
 * `predictProba` averages the members' probabilities (or their votes when they have none).
 */
export class BaggingClassifier extends MetaEstimator<BaggingClassifierParams, BaggingClassifierState> {
  protected readonly specKeys = ['estimator'] as const;

  constructor(params: Partial<BaggingClassifierParams> = {}) {
    super(
      { estimator: null, nEstimators: 10, maxSamples: 1, bootstrap: true, oobScore: false, randomState: 0 },
      params,
    );
  }

  fit(X: MatrixLike, y?: readonly Label[]): this {
    validateParams(NAME, this.params, {
      nEstimators: positive(true),
      maxSamples: positive() as Constraint,
      bootstrap: bool,
      oobScore: bool,
      randomState: { kind: 'number', min: 0, max: 4294967295, integer: true },
    });
    const m = toMatrix(`${NAME}.fit`, X);
    const { classes, indices } = encodeLabels(`${NAME}.fit`, y as Label[], m.rows);
    const n = m.rows;
    const K = classes.length;
    const ms = this.params.maxSamples;
    const nDraw = ms <= 1 ? Math.floor(ms * n) : ms;
    if (!Number.isInteger(nDraw) || nDraw < 1 || nDraw > n)
      throw new ValueError(
        `${NAME}: 'maxSamples' (${ms}) must give between 1 and ${n} samples, got ${nDraw}.`,
      );
    if (this.params.oobScore && !this.params.bootstrap)
      throw new ValueError(`${NAME}: 'oobScore' needs 'bootstrap: true'.`);
    const rows = toRowsOf(m.data, m.rows, m.cols);
    const yk = Array.from(indices);
    const master = new NumpyRandomState(this.params.randomState);
    const seeds: number[] = [];
    for (let e = 0; e < this.params.nEstimators; e++) seeds.push(master.randint(0, MAX_INT));
    const members: MemberEstimator[] = [];
    const oobAcc = new Float64Array(n * K);
    for (const seed of seeds) {
      const est = this.makeMember(new NumpyRandomState(seed).randint(0, MAX_INT));
      // sklearn's _generate_bagging_indices: all features (no draws), then the sample indices.
      const r = new NumpyRandomState(seed);
      const counts = new Float64Array(n);
      if (this.params.bootstrap) for (let t = 0; t < nDraw; t++) counts[r.randint(0, n)]++;
      else {
        const perm = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = r.randint(0, i + 1);
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        for (let t = 0; t < nDraw; t++) counts[perm[t]] = 1;
      }
      if (est.fit.length >= 3) est.fit(rows, yk, Array.from(counts));
      else {
        const idx: number[] = [];
        counts.forEach((c, i) => {
          for (let t = 0; t < c; t++) idx.push(i);
        });
        est.fit(
          idx.map((i) => rows[i]),
          idx.map((i) => yk[i]),
        );
      }
      members.push(est);
      if (this.params.oobScore) {
        const oob = [...counts.keys()].filter((i) => counts[i] === 0);
        if (oob.length) {
          const p = this.memberProba(
            est,
            oob.map((i) => rows[i]),
            K,
          );
          oob.forEach((i, t) => {
            for (let k = 0; k < K; k++) oobAcc[i * K + k] += p[t][k];
          });
        }
      }
    }
    let oobScore: number | null = null;
    if (this.params.oobScore) {
      let correct = 0;
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let k = 1; k < K; k++) if (oobAcc[i * K + k] > oobAcc[i * K + best]) best = k;
        if (best === yk[i]) correct++;
      }
      oobScore = correct / n;
    }
    this.state = { members: members.map(memberToJSON), classes, nFeaturesIn: m.cols, oobScore };
    return this;
  }

  private makeMember(seed: number): MemberEstimator {
    const spec = this.params.estimator;
    if (spec === null) return new DecisionTreeClassifier({ randomState: seed });
    const est = instantiate(NAME, spec);
    if ('randomState' in (est.getParams() as object))
      (est as unknown as { setParams(p: object): void }).setParams({ randomState: seed });
    return est;
  }

  /** A member's probabilities over all K classes (votes when it has no predictProba). */
  private memberProba(est: MemberEstimator, rows: number[][], K: number): number[][] {
    const known = (est as unknown as { classes?: number[] }).classes;
    if (est.predictProba && known) {
      return est.predictProba(rows).map((p) => {
        const full = new Array<number>(K).fill(0);
        known.forEach((c, j) => {
          full[c] = p[j];
        });
        return full;
      });
    }
    return (est.predict(rows) as number[]).map((k) => {
      const full = new Array<number>(K).fill(0);
      full[k] = 1;
      return full;
    });
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  /** Out-of-bag accuracy; null unless fitted with `oobScore: true`. */
  get oobScore(): number | null {
    return this.fitted('reading oobScore').oobScore;
  }

  /** Mean of the members' class probabilities (rows × classes). */
  predictProba(X: MatrixLike): number[][] {
    const s = this.fitted('predictProba()');
    const m = toMatrix(`${NAME}.predictProba`, X);
    checkFeatures(`${NAME}.predictProba`, m, s.nFeaturesIn);
    const rows = toRowsOf(m.data, m.rows, m.cols);
    const K = s.classes.length;
    const members = this.members('predictProba()');
    const out = rows.map(() => new Array<number>(K).fill(0));
    for (const est of members) {
      this.memberProba(est, rows, K).forEach((p, i) => {
        for (let k = 0; k < K; k++) out[i][k] += p[k] / members.length;
      });
    }
    return out;
  }

  predict(X: MatrixLike): Label[] {
    const classes = this.fitted('predict()').classes;
    return this.predictProba(X).map((p) => classes[p.indexOf(Math.max(...p))]);
  }

  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
