import { ValueError } from '../errors';
import { type MatrixLike, toMatrix } from '../internal/matrix';
import { nonNegative, oneOf, positive, validateParams } from '../internal/params';
import { Random } from '../internal/random';
import {
  assign,
  elkan,
  KMeansBase,
  type KMeansFitted,
  type KMeansRun,
  kmeansPlusPlus,
  lloyd,
  randomInit,
  scaledTolerance,
  toNested,
} from './kmeans-core';

export interface KMeansParams {
  /** Number of clusters k (default 8). */
  nClusters: number;
  /** 'k-means++' (sklearn's greedy variant, default), 'random' (k distinct samples), or explicit k × nFeatures centres. */
  init: 'k-means++' | 'random' | number[][];
  /** Runs with different initialisations; the lowest inertia wins (default 10; 1 with explicit centres). */
  nInit: number;
  /** Maximum iterations per run (default 300). */
  maxIter: number;
  /** Stop when Σ‖Δcentre‖² ≤ tol × mean feature variance (default 1e-4). */
  tol: number;
  /** 'lloyd' (default) or 'elkan' (triangle-inequality bounds; same result, fewer distance computations). */
  algorithm: 'lloyd' | 'elkan';
  /** Seed of the initialisation (default 0); this package's generator, so seeded inits differ from sklearn's. */
  randomState: number;
}

interface KMeansState extends KMeansFitted {
  nIter: number;
}

/** Validates `init` when it is an explicit array of centres; returns them flat. */
export function explicitInit(name: string, init: unknown, k: number, d: number): Float64Array | null {
  if (typeof init === 'string') return null;
  const m = toMatrix(`${name}.fit`, init as number[][], { name: 'init' });
  if (m.rows !== k || m.cols !== d)
    throw new ValueError(
      `${name}: 'init' must have shape [${k}, ${d}] (nClusters × features), got [${m.rows}, ${m.cols}].`,
    );
  return m.data;
}

export const KMEANS_INIT = {
  kind: 'custom',
  check: (v: unknown) => v === 'k-means++' || v === 'random' || Array.isArray(v),
  expected: "'k-means++', 'random' or an array of centres",
} as const;

/**
 * k-means clustering like sklearn's KMeans: minimises the within-cluster sum of squares (inertia)
 * by Lloyd's or Elkan's iterations from `nInit` initialisations. With explicit initial centres the
 * result equals sklearn's (labels, centres, inertia, iterations).
 *
 * @example
 * const km = new KMeans({ nClusters: 2 }).fit([[0, 0], [0, 1], [9, 9], [9, 8]]);
 * km.predict([[8, 8]]); // the label of the cluster around (9, 8.5)
 */
export class KMeans extends KMeansBase<KMeansParams, KMeansState> {
  constructor(params: Partial<KMeansParams> = {}) {
    super(
      {
        nClusters: 8,
        init: 'k-means++',
        nInit: 10,
        maxIter: 300,
        tol: 1e-4,
        algorithm: 'lloyd',
        randomState: 0,
      },
      params,
    );
  }

  fit(X: MatrixLike): this {
    const p = this.params;
    validateParams('KMeans', p, {
      nClusters: positive(true),
      init: KMEANS_INIT,
      nInit: positive(true),
      maxIter: positive(true),
      tol: nonNegative(),
      algorithm: oneOf('lloyd', 'elkan'),
      randomState: nonNegative(true),
    });
    const m = toMatrix('KMeans.fit', X);
    const { rows: n, cols: d } = m;
    const k = p.nClusters;
    if (k > n)
      throw new ValueError(`KMeans: 'nClusters' (${k}) must not exceed the number of samples (${n}).`);
    const given = explicitInit('KMeans', p.init, k, d);
    // Centre the data like sklearn (better conditioned distances), and undo it on the centres.
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += m.data[i * d + t];
    for (let t = 0; t < d; t++) mean[t] /= n;
    const Xc = m.data.map((v, idx) => v - mean[idx % d]);
    const tol = scaledTolerance(m.data, n, d, p.tol);
    const rng = new Random(p.randomState);
    const runs = given ? 1 : p.nInit;
    let best: KMeansRun | null = null;
    for (let r = 0; r < runs; r++) {
      const init = given
        ? given.map((v, idx) => v - mean[idx % d])
        : p.init === 'random'
          ? randomInit(Xc, n, d, k, rng)
          : kmeansPlusPlus(Xc, n, d, k, rng);
      const run = (p.algorithm === 'elkan' ? elkan : lloyd)(Xc, n, d, init, k, p.maxIter, tol);
      if (!best || run.inertia < best.inertia) best = run;
    }
    const run = best as KMeansRun;
    const centers = run.centers.map((v, idx) => v + mean[idx % d]);
    this.state = {
      clusterCenters: toNested(centers, k, d),
      labels: Array.from(run.labels),
      inertia: run.inertia,
      nIter: run.nIter,
      nFeaturesIn: d,
    };
    return this;
  }

  /** Iterations of the best run. */
  get nIter(): number {
    return this.fitted('reading nIter').nIter;
  }

  fitPredict(X: MatrixLike): number[] {
    return this.fit(X).labels;
  }

  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).transform(X);
  }

  /** Opposite of the inertia of `X` under the fitted centres (higher is better), like sklearn's score. */
  score(X: MatrixLike): number {
    const { m, centers, k } = this.fittedCentres(X, 'score');
    return -assign(m.data, m.rows, m.cols, centers, k, new Int32Array(m.rows));
  }
}
