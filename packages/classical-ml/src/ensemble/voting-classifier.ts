import { classifierScore, type EstimatorJSON } from '../base';
import { ValueError } from '../errors';
import { type EstimatorSpec, instantiate, memberToJSON, toRowsOf } from '../internal/ensemble-members';
import { encodeLabels, type Label } from '../internal/labels';
import { checkFeatures, type MatrixLike, toMatrix } from '../internal/matrix';
import { MetaEstimator } from '../internal/meta-estimator';
import { oneOf, validateParams } from '../internal/params';

export interface VotingClassifierParams {
  /** Named members, each an unfitted instance or a factory. */
  estimators: [string, EstimatorSpec][];
  /** 'hard' (majority of predicted labels, default) or 'soft' (argmax of the averaged probabilities). */
  voting: 'hard' | 'soft';
  /** Per-member weights (default equal). */
  weights: number[] | null;
}

interface VotingClassifierState {
  members: EstimatorJSON[];
  classes: Label[];
  nFeaturesIn: number;
}

const NAME = 'VotingClassifier';

/**
 * Combines classifiers like sklearn's VotingClassifier: hard voting takes the (weighted) most common
 * predicted class, ties to the first class; soft voting takes the argmax of the weighted mean of the
 * members' `predictProba`.
 */
export class VotingClassifier extends MetaEstimator<VotingClassifierParams, VotingClassifierState> {
  protected readonly specKeys = ['estimators'] as const;

  constructor(params: Partial<VotingClassifierParams> = {}) {
    super({ estimators: [], voting: 'hard', weights: null }, params);
  }

  fit(X: MatrixLike, y?: readonly Label[]): this {
    validateParams(NAME, this.params, { voting: oneOf('hard', 'soft') });
    const { estimators, weights } = this.params;
    if (!Array.isArray(estimators) || estimators.length === 0)
      throw new ValueError(`${NAME}: 'estimators' must be a non-empty list of [name, estimator] pairs.`);
    if (weights && weights.length !== estimators.length)
      throw new ValueError(
        `${NAME}: 'weights' has ${weights.length} values but there are ${estimators.length} estimators.`,
      );
    const m = toMatrix(`${NAME}.fit`, X);
    const { classes, indices } = encodeLabels(`${NAME}.fit`, y as Label[], m.rows);
    const rows = toRowsOf(m.data, m.rows, m.cols);
    const yk = Array.from(indices);
    const members = estimators.map(([, spec]) => {
      const est = instantiate(NAME, spec);
      est.fit(rows, yk);
      if (this.params.voting === 'soft' && !est.predictProba)
        throw new ValueError(`${NAME}: soft voting needs predictProba on every estimator.`);
      return memberToJSON(est);
    });
    this.state = { members, classes, nFeaturesIn: m.cols };
    return this;
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  private input(X: MatrixLike, what: string): number[][] {
    const s = this.fitted(`${what}()`);
    const m = toMatrix(`${NAME}.${what}`, X);
    checkFeatures(`${NAME}.${what}`, m, s.nFeaturesIn);
    return toRowsOf(m.data, m.rows, m.cols);
  }

  /** Weighted mean of the members' class probabilities (rows × classes). */
  predictProba(X: MatrixLike): number[][] {
    const rows = this.input(X, 'predictProba');
    const members = this.members('predictProba()');
    const K = this.fitted('predictProba()').classes.length;
    const w = this.params.weights ?? members.map(() => 1);
    const total = w.reduce((a, b) => a + b, 0);
    const out = rows.map(() => new Array<number>(K).fill(0));
    members.forEach((est, e) => {
      if (!est.predictProba)
        throw new ValueError(`${NAME}: predictProba needs predictProba on every estimator.`);
      est.predictProba(rows).forEach((p, i) => {
        for (let k = 0; k < K; k++) out[i][k] += (w[e] * p[k]) / total;
      });
    });
    return out;
  }

  predict(X: MatrixLike): Label[] {
    const s = this.fitted('predict()');
    const K = s.classes.length;
    if (this.params.voting === 'soft') {
      return this.predictProba(X).map((p) => s.classes[p.indexOf(Math.max(...p))]);
    }
    const rows = this.input(X, 'predict');
    const members = this.members('predict()');
    const w = this.params.weights ?? members.map(() => 1);
    const votes = rows.map(() => new Array<number>(K).fill(0));
    members.forEach((est, e) => {
      (est.predict(rows) as number[]).forEach((k, i) => {
        votes[i][k] += w[e];
      });
    });
    return votes.map((v) => s.classes[v.indexOf(Math.max(...v))]);
  }

  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
