import { Estimator, regressorScore } from '../base';
import type { MatrixLike } from '../internal/matrix';
import { toVector } from '../internal/matrix';
import {
  fitRows,
  NEIGHBORS_DEFAULTS,
  NeighborSearch,
  type NeighborsParams,
  neighborWeights,
  toRows,
} from './neighbors-base';

export type KNeighborsRegressorParams = NeighborsParams;

interface KNeighborsRegressorState {
  X: number[][];
  y: number[];
  nFeaturesIn: number;
}

/**
 * k-nearest-neighbours regression like sklearn's KNeighborsRegressor: the (1/distance-weighted)
 * mean target of the k nearest training samples.
 *
 * @example
 * new KNeighborsRegressor({ nNeighbors: 2 }).fit([[0], [1], [2]], [0, 1, 4]).predict([[0.4]]); // [0.5]
 */
export class KNeighborsRegressor extends Estimator<KNeighborsRegressorParams, KNeighborsRegressorState> {
  private readonly search = new NeighborSearch('KNeighborsRegressor');

  constructor(params: Partial<KNeighborsRegressorParams> = {}) {
    super(NEIGHBORS_DEFAULTS, params);
  }

  fit(X: MatrixLike, y: readonly number[]): this {
    const m = fitRows('KNeighborsRegressor', this.params, X);
    const t = toVector('KNeighborsRegressor.fit', y, m.rows);
    this.state = { X: toRows(m), y: Array.from(t), nFeaturesIn: m.cols };
    return this;
  }

  get nFeaturesIn(): number {
    return this.fitted('reading nFeaturesIn').nFeaturesIn;
  }

  /** Distances ascending and training indices of the nearest samples (see KNeighborsClassifier.kneighbors). */
  kneighbors(X?: MatrixLike, nNeighbors?: number): { distances: number[][]; indices: number[][] } {
    const s = this.fitted('kneighbors()');
    return this.search.query(this.params, s, X, nNeighbors ?? this.params.nNeighbors, 'kneighbors');
  }

  predict(X: MatrixLike): number[] {
    const s = this.fitted('predict()');
    const { distances, indices } = this.search.query(this.params, s, X, this.params.nNeighbors, 'predict');
    return indices.map((idx, i) => {
      const w = neighborWeights(this.params.weights, distances[i]);
      let num = 0;
      let den = 0;
      idx.forEach((t, j) => {
        num += w[j] * s.y[t];
        den += w[j];
      });
      return num / den;
    });
  }

  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }
}
