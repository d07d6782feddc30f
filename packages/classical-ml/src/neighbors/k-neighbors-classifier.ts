import { classifierScore, Estimator } from '../base';
import { encodeLabels, type Label } from '../internal/labels';
import type { MatrixLike } from '../internal/matrix';
import {
  fitRows,
  NEIGHBORS_DEFAULTS,
  NeighborSearch,
  type NeighborsParams,
  neighborWeights,
  toRows,
} from './neighbors-base';

export type KNeighborsClassifierParams = NeighborsParams;

interface KNeighborsClassifierState {
  X: number[][];
  yIndex: number[];
  classes: Label[];
  nFeaturesIn: number;
}

/**
 * k-nearest-neighbours classification like sklearn's KNeighborsClassifier: each query takes the
 * (weighted) vote of its k nearest training samples; neighbours at equal distance are ordered by
 * training index, and a tied vote goes to the first class in `classes` order.
 *
 * @example
 * const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * knn.predict([[1.1]]); // [0]
 */
export class KNeighborsClassifier extends Estimator<KNeighborsClassifierParams, KNeighborsClassifierState> {
  private readonly search = new NeighborSearch('KNeighborsClassifier');

  constructor(params: Partial<KNeighborsClassifierParams> = {}) {
    super(NEIGHBORS_DEFAULTS, params);
  }

  fit(X: MatrixLike, y: readonly Label[]): this {
    const m = fitRows('KNeighborsClassifier', this.params, X);
    const { classes, indices } = encodeLabels('KNeighborsClassifier.fit', y, m.rows);
    this.state = { X: toRows(m), yIndex: Array.from(indices), classes, nFeaturesIn: m.cols };
    return this;
  }

  /** Class labels in sklearn order (sorted). */
  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  get nFeaturesIn(): number {
    return this.fitted('reading nFeaturesIn').nFeaturesIn;
  }

  /**
   * The `nNeighbors` (default: the estimator's k) nearest training samples of each row of `X`:
   * distances ascending and their training indices. Without `X`, each training sample's neighbours
   * excluding itself, like sklearn's `kneighbors()`.
   */
  kneighbors(X?: MatrixLike, nNeighbors?: number): { distances: number[][]; indices: number[][] } {
    const s = this.fitted('kneighbors()');
    return this.search.query(this.params, s, X, nNeighbors ?? this.params.nNeighbors, 'kneighbors');
  }

  /** Class probabilities, columns in `classes` order: the normalised (weighted) votes. */
  predictProba(X: MatrixLike): number[][] {
    const s = this.fitted('predictProba()');
    const { distances, indices } = this.search.query(
      this.params,
      s,
      X,
      this.params.nNeighbors,
      'predictProba',
    );
    return indices.map((idx, i) => {
      const w = neighborWeights(this.params.weights, distances[i]);
      const votes = new Array<number>(s.classes.length).fill(0);
      idx.forEach((t, j) => {
        votes[s.yIndex[t]] += w[j];
      });
      const total = votes.reduce((a, b) => a + b, 0);
      return votes.map((v) => v / total);
    });
  }

  predict(X: MatrixLike): Label[] {
    const s = this.fitted('predict()');
    return this.predictProba(X).map((row) => {
      let best = 0;
      for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
      return s.classes[best];
    });
  }

  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }
}
