import { ValueError } from '../errors';
import { BruteIndex, type SpatialIndex } from '../internal/distance';
import { checkFeatures, type Matrix, type MatrixLike, toMatrix } from '../internal/matrix';
import { inRange, oneOf, positive, validateParams } from '../internal/params';
import { BallTree } from './ball-tree';
import { KDTree } from './kd-tree';

/** Parameters shared by the k-nearest-neighbour estimators (sklearn's names in camelCase). */
export interface NeighborsParams {
  /** Number of neighbours k (default 5). */
  nNeighbors: number;
  /** 'uniform': every neighbour votes equally; 'distance': weight 1/distance (exact matches win outright). */
  weights: 'uniform' | 'distance';
  /** Distance: 'minkowski' with power `p` (default, p = 2 is euclidean), 'euclidean' or 'manhattan'. */
  metric: 'minkowski' | 'euclidean' | 'manhattan';
  /** Minkowski power, >= 1 (default 2). */
  p: number;
  /** Search structure: 'auto' (KD-tree up to 15 features, brute force above), 'kd_tree', 'ball_tree', 'brute'. */
  algorithm: 'auto' | 'kd_tree' | 'ball_tree' | 'brute';
  /** Leaf size of the trees (default 30); affects speed only. */
  leafSize: number;
}

export const NEIGHBORS_DEFAULTS: NeighborsParams = {
  nNeighbors: 5,
  weights: 'uniform',
  metric: 'minkowski',
  p: 2,
  algorithm: 'auto',
  leafSize: 30,
};

export const NEIGHBORS_CONSTRAINTS = {
  nNeighbors: positive(true),
  weights: oneOf('uniform', 'distance'),
  metric: oneOf('minkowski', 'euclidean', 'manhattan'),
  p: inRange(1, Number.POSITIVE_INFINITY),
  algorithm: oneOf('auto', 'kd_tree', 'ball_tree', 'brute'),
  leafSize: positive(true),
};

/** The Minkowski power a metric name stands for. */
export function metricPower(params: NeighborsParams): number {
  return params.metric === 'euclidean' ? 2 : params.metric === 'manhattan' ? 1 : params.p;
}

/** Builds the search structure `algorithm` asks for over the training rows. */
export function buildIndex(
  algorithm: NeighborsParams['algorithm'],
  data: Float64Array,
  n: number,
  d: number,
  p: number,
  leafSize: number,
  k = 1,
): SpatialIndex {
  const algo = algorithm === 'auto' ? (d <= 15 && k < n / 2 ? 'kd_tree' : 'brute') : algorithm;
  if (algo === 'kd_tree') return new KDTree(data, n, d, p, leafSize);
  if (algo === 'ball_tree') return new BallTree(data, n, d, p, leafSize);
  return new BruteIndex(data, n, d, p);
}

export interface FittedRows {
  X: number[][];
  nFeaturesIn: number;
}

/** Validates parameters and training data for a neighbours estimator. */
export function fitRows(name: string, params: NeighborsParams, X: MatrixLike): Matrix {
  validateParams(name, params, NEIGHBORS_CONSTRAINTS);
  const m = toMatrix(`${name}.fit`, X);
  if (params.nNeighbors > m.rows)
    throw new ValueError(
      `${name}: 'nNeighbors' (${params.nNeighbors}) must not exceed the number of training samples (${m.rows}).`,
    );
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** Neighbour search over an estimator's stored training rows (the index is rebuilt lazily, never serialised). */
export class NeighborSearch {
  private cache: { rows: number[][]; index: SpatialIndex } | null = null;

  constructor(private readonly name: string) {}

  /** Distances (true metric) and indices of the k nearest training rows to each row of `X`. */
  query(
    params: NeighborsParams,
    state: FittedRows,
    X: MatrixLike | undefined,
    k: number,
    op: string,
  ): { distances: number[][]; indices: number[][] } {
    const nTrain = state.X.length;
    const self = X === undefined;
    const limit = self ? nTrain - 1 : nTrain;
    if (!Number.isInteger(k) || k < 1)
      throw new ValueError(`${this.name}.${op}: 'nNeighbors' must be a positive integer, got ${k}.`);
    if (k > limit)
      throw new ValueError(
        `${this.name}.${op}: 'nNeighbors' (${k}) must not exceed the number of training samples (${limit}${self ? ', excluding each query point itself' : ''}).`,
      );
    const p = metricPower(params);
    if (!this.cache || this.cache.rows !== state.X) {
      const data = Float64Array.from(state.X.flat());
      this.cache = {
        rows: state.X,
        index: buildIndex(params.algorithm, data, nTrain, state.nFeaturesIn, p, params.leafSize, k),
      };
    }
    const index = this.cache.index;
    let q: Matrix;
    if (self) q = { data: Float64Array.from(state.X.flat()), rows: nTrain, cols: state.nFeaturesIn };
    else {
      q = toMatrix(`${this.name}.${op}`, X);
      checkFeatures(`${this.name}.${op}`, q, state.nFeaturesIn);
    }
    const distances: number[][] = [];
    const indices: number[][] = [];
    for (let i = 0; i < q.rows; i++) {
      const res = index.knn(q.data, i, k, self ? i : -1).sorted(p);
      distances.push(res.distances);
      indices.push(res.indices);
    }
    return { distances, indices };
  }
}

/**
 * Neighbour weights like sklearn's `_get_weights`: uniform → 1; distance → 1/d, except that a
 * query with any zero distance gives weight 1 to its exact matches and 0 to the rest.
 */
export function neighborWeights(weights: NeighborsParams['weights'], distances: number[]): number[] {
  if (weights === 'uniform') return distances.map(() => 1);
  if (distances.some((d) => d === 0)) return distances.map((d) => (d === 0 ? 1 : 0));
  return distances.map((d) => 1 / d);
}
