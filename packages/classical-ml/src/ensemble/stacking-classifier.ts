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
import { bool, validateParams } from '../internal/params';
import { LogisticRegression } from '../linear/logistic-regression';
import { StratifiedKFold } from '../model-selection/k-fold';

export interface StackingClassifierParams {
  /** Named base classifiers (instances or factories). */
  estimators: [string, EstimatorSpec][];
  /** Learns from the base classifiers' out-of-fold outputs; null = LogisticRegression(). */
  finalEstimator: EstimatorSpec | null;
  /** Folds of the stratified cross-validation that makes the training meta-features (default 5). */
  cv: number;
  /** Also give the final estimator the original features (default false). */
  passthrough: boolean;
}

interface StackingClassifierState {
  /** Base members (fitted on all data) followed by the final estimator. */
  members: EstimatorJSON[];
  classes: Label[];
  nFeaturesIn: number;
}

const NAME = 'StackingClassifier';

/**
 * Stacked generalisation like sklearn's StackingClassifier: the final estimator is trained on the base
 * classifiers' out-of-fold `predictProba` (or `predict` when a member has none) from an unshuffled
 * StratifiedKFold, dropping the first probability column for two classes; at predict time the base
 * classifiers refitted on all the data feed it.
 */
export class StackingClassifier extends MetaEstimator<StackingClassifierParams, StackingClassifierState> {
  protected readonly specKeys = ['estimators', 'finalEstimator'] as const;

  constructor(params: Partial<StackingClassifierParams> = {}) {
    super({ estimators: [], finalEstimator: null, cv: 5, passthrough: false }, params);
  }

  fit(X: MatrixLike, y?: readonly Label[]): this {
    validateParams(NAME, this.params, {
      cv: { kind: 'number', min: 2, integer: true },
      passthrough: bool,
    });
    const { estimators } = this.params;
    if (!Array.isArray(estimators) || estimators.length === 0)
      throw new ValueError(`${NAME}: 'estimators' must be a non-empty list of [name, estimator] pairs.`);
    const m = toMatrix(`${NAME}.fit`, X);
    const { classes, indices } = encodeLabels(`${NAME}.fit`, y as Label[], m.rows, 2);
    const rows = toRowsOf(m.data, m.rows, m.cols);
    const yk = Array.from(indices);
    const K = classes.length;
    const splits = new StratifiedKFold({ nSplits: this.params.cv }).split(null, yk);
    const width = this.metaWidth(estimators.length, K, m.cols);
    const meta = rows.map(() => new Array<number>(width).fill(0));
    const bases: MemberEstimator[] = [];
    estimators.forEach(([, spec], e) => {
      for (const { train, test } of splits) {
        const est = instantiate(NAME, spec);
        est.fit(
          train.map((i) => rows[i]),
          train.map((i) => yk[i]),
        );
        const out = this.outputs(
          est,
          test.map((i) => rows[i]),
          K,
        );
        test.forEach((i, t) => {
          for (let j = 0; j < out[t].length; j++) meta[i][this.offset(e, K) + j] = out[t][j];
        });
      }
      const full = instantiate(NAME, spec);
      full.fit(rows, yk);
      bases.push(full);
    });
    if (this.params.passthrough)
      rows.forEach((r, i) => {
        meta[i].splice(width - m.cols, m.cols, ...r);
      });
    const final = this.params.finalEstimator
      ? instantiate(NAME, this.params.finalEstimator)
      : new LogisticRegression();
    final.fit(meta, yk);
    this.state = { members: [...bases, final].map(memberToJSON), classes, nFeaturesIn: m.cols };
    return this;
  }

  private perMember(K: number): number {
    return K === 2 ? 1 : K;
  }

  private offset(e: number, K: number): number {
    return e * this.perMember(K);
  }

  private metaWidth(nMembers: number, K: number, cols: number): number {
    return nMembers * this.perMember(K) + (this.params.passthrough ? cols : 0);
  }

  /** A member's meta-features: its probabilities (minus the first column for two classes) or its label. */
  private outputs(est: MemberEstimator, rows: number[][], K: number): number[][] {
    if (est.predictProba) return est.predictProba(rows).map((p) => (K === 2 ? [p[1]] : p));
    return (est.predict(rows) as number[]).map((k) => [k]);
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  private finalInput(X: MatrixLike, what: string): { meta: number[][]; final: MemberEstimator } {
    const s = this.fitted(`${what}()`);
    const m = toMatrix(`${NAME}.${what}`, X);
    checkFeatures(`${NAME}.${what}`, m, s.nFeaturesIn);
    const rows = toRowsOf(m.data, m.rows, m.cols);
    const members = this.members(`${what}()`);
    const K = s.classes.length;
    const bases = members.slice(0, -1);
    const outs = bases.map((b) => this.outputs(b, rows, K));
    const meta = rows.map((r, i) => {
      const v = outs.flatMap((o) => o[i]);
      return this.params.passthrough ? [...v, ...r] : v;
    });
    return { meta, final: members[members.length - 1] };
  }

  /** The final estimator's class probabilities (rows × classes). */
  predictProba(X: MatrixLike): number[][] {
    const { meta, final } = this.finalInput(X, 'predictProba');
    if (!final.predictProba) throw new ValueError(`${NAME}: the final estimator has no predictProba.`);
    return final.predictProba(meta);
  }

  predict(X: MatrixLike): Label[] {
    const { meta, final } = this.finalInput(X, 'predict');
    const classes = this.fitted('predict()').classes;
    return (final.predict(meta) as number[]).map((k) => classes[k]);
  }

  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
