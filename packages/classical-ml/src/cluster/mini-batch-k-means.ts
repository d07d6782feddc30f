import { ValueError } from '../errors';
import { type MatrixLike, toMatrix } from '../internal/matrix';
import { inRange, nonNegative, positive, validateParams } from '../internal/params';
import { Random } from '../internal/random';
import { explicitInit, KMEANS_INIT } from './k-means';
import {
  assign,
  KMeansBase,
  type KMeansFitted,
  kmeansPlusPlus,
  randomInit,
  scaledTolerance,
  sqDist,
  toNested,
} from './kmeans-core';

export interface MiniBatchKMeansParams {
  /** Number of clusters k (default 8). */
  nClusters: number;
  /** 'k-means++' (default), 'random' or explicit k × nFeatures centres. */
  init: 'k-means++' | 'random' | number[][];
  /** Samples per mini-batch (default 1024). */
  batchSize: number;
  /** Passes over the data, at most (default 100). */
  maxIter: number;
  /** Initialisations tried on a validation sample, the best kept (default 3). */
  nInit: number;
  /** Stop when Σ‖Δcentre‖² ≤ tol × mean feature variance (default 0: off). */
  tol: number;
  /** Stop after this many batches without improvement of the smoothed inertia (default 10). */
  maxNoImprovement: number;
  /** Centres with fewer than this fraction of the largest count are reassigned (default 0.01). */
  reassignmentRatio: number;
  /** Seed of sampling and initialisation (default 0; this package's generator, not numpy's). */
  randomState: number;
}

interface MiniBatchKMeansState extends KMeansFitted {
  nSteps: number;
}

/**
 * k-means on random mini-batches (Sculley 2010) like sklearn's MiniBatchKMeans: each batch moves
 * its centres towards its points with per-centre learning rates 1/count, rarely-hit centres are
 * reassigned, and training stops when a smoothed batch inertia stops improving.
 *
 * @example
 * const mbk = new MiniBatchKMeans({ nClusters: 3, batchSize: 256 }).fit(X);
 * mbk.inertia; // close to KMeans's
 */
export class MiniBatchKMeans extends KMeansBase<MiniBatchKMeansParams, MiniBatchKMeansState> {
  constructor(params: Partial<MiniBatchKMeansParams> = {}) {
    super(
      {
        nClusters: 8,
        init: 'k-means++',
        batchSize: 1024,
        maxIter: 100,
        nInit: 3,
        tol: 0,
        maxNoImprovement: 10,
        reassignmentRatio: 0.01,
        randomState: 0,
      },
      params,
    );
  }

  fit(X: MatrixLike): this {
    const p = this.params;
    validateParams('MiniBatchKMeans', p, {
      nClusters: positive(true),
      init: KMEANS_INIT,
      batchSize: positive(true),
      maxIter: positive(true),
      nInit: positive(true),
      tol: nonNegative(),
      maxNoImprovement: positive(true),
      reassignmentRatio: inRange(0, 1),
      randomState: nonNegative(true),
    });
    const m = toMatrix('MiniBatchKMeans.fit', X);
    const { rows: n, cols: d, data } = m;
    const k = p.nClusters;
    if (k > n)
      throw new ValueError(
        `MiniBatchKMeans: 'nClusters' (${k}) must not exceed the number of samples (${n}).`,
      );
    const given = explicitInit('MiniBatchKMeans', p.init, k, d);
    const rng = new Random(p.randomState);
    const batch = Math.min(p.batchSize, n);
    const initSize = Math.min(n, Math.max(3 * batch, 3 * k));
    const sample = (size: number) => Int32Array.from({ length: size }, () => rng.int(n));
    const gather = (idx: Int32Array) => {
      const out = new Float64Array(idx.length * d);
      idx.forEach((i, r) => {
        out.set(data.subarray(i * d, (i + 1) * d), r * d);
      });
      return out;
    };
    // Pick the best of nInit initialisations by inertia on a validation sample.
    const valid = gather(sample(initSize));
    let centers: Float64Array = given ? given.slice() : new Float64Array(0);
    if (!given) {
      let bestInertia = Number.POSITIVE_INFINITY;
      for (let r = 0; r < p.nInit; r++) {
        const sub = gather(sample(initSize));
        const c =
          p.init === 'random'
            ? randomInit(sub, initSize, d, k, rng)
            : kmeansPlusPlus(sub, initSize, d, k, rng);
        const inertia = assign(valid, initSize, d, c, k, new Int32Array(initSize));
        if (inertia < bestInertia) {
          bestInertia = inertia;
          centers = c;
        }
      }
    }
    const tol = scaledTolerance(data, n, d, p.tol);
    const counts = new Float64Array(k);
    const nSteps = Math.floor((p.maxIter * n) / batch);
    const labels = new Int32Array(batch);
    const alpha = Math.min(1, (2 * batch) / (n + 1));
    let ewa = -1;
    let ewaMin = Number.POSITIVE_INFINITY;
    let noImprovement = 0;
    let sinceReassign = 0;
    let step = 0;
    for (; step < nSteps; step++) {
      const bx = gather(sample(batch));
      const batchInertia = assign(bx, batch, d, centers, k, labels) / batch;
      const old = centers.slice();
      // Per-centre learning rate: the centre is the running mean of every point it has absorbed.
      const sums = new Float64Array(k * d);
      const hits = new Float64Array(k);
      for (let i = 0; i < batch; i++) {
        const c = labels[i];
        hits[c]++;
        for (let t = 0; t < d; t++) sums[c * d + t] += bx[i * d + t];
      }
      for (let c = 0; c < k; c++) {
        if (!hits[c]) continue;
        for (let t = 0; t < d; t++)
          centers[c * d + t] = (centers[c * d + t] * counts[c] + sums[c * d + t]) / (counts[c] + hits[c]);
        counts[c] += hits[c];
      }
      sinceReassign += batch;
      if (p.reassignmentRatio > 0 && (counts.some((c) => c === 0) || sinceReassign >= 10 * k)) {
        sinceReassign = 0;
        const maxCount = Math.max(...counts);
        const low: number[] = [];
        for (let c = 0; c < k; c++) if (counts[c] < p.reassignmentRatio * maxCount) low.push(c);
        const toMove = low.slice(0, Math.max(0, Math.floor(0.5 * batch)));
        if (toMove.length && toMove.length < k) {
          const kept: number[] = [];
          for (let c = 0; c < k; c++) if (!toMove.includes(c)) kept.push(c);
          const minKept = Math.min(...kept.map((c) => counts[c]));
          for (const c of toMove) {
            const i = rng.int(batch);
            centers.set(bx.subarray(i * d, (i + 1) * d), c * d);
            counts[c] = minKept;
          }
        }
      }
      let shift = 0;
      for (let c = 0; c < k; c++) shift += sqDist(centers, c, old, c, d);
      if (step === 0) {
        ewa = batchInertia;
        continue;
      }
      ewa = ewa * (1 - alpha) + batchInertia * alpha;
      if (tol > 0 && shift <= tol) break;
      if (ewa < ewaMin) {
        noImprovement = 0;
        ewaMin = ewa;
      } else if (++noImprovement >= p.maxNoImprovement) break;
    }
    const all = new Int32Array(n);
    const inertia = assign(data, n, d, centers, k, all);
    this.state = {
      clusterCenters: toNested(centers, k, d),
      labels: Array.from(all),
      inertia,
      nSteps: Math.min(step + 1, nSteps),
      nFeaturesIn: d,
    };
    return this;
  }

  /** Mini-batch steps taken, sklearn's `n_steps_`. */
  get nSteps(): number {
    return this.fitted('reading nSteps').nSteps;
  }
}
