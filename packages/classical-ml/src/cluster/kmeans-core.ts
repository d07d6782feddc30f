import { Estimator } from '../base';
import { checkFeatures, type Matrix, type MatrixLike, toMatrix } from '../internal/matrix';
import type { Random } from '../internal/random';

/** Squared euclidean distance between row i of `a` and row j of `b` (d columns). */
export function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) {
    const t = a[i * d + k] - b[j * d + k];
    s += t * t;
  }
  return s;
}

/** Nearest centre of each row (first centre wins ties) and the sum of squared distances. */
export function assign(
  X: Float64Array,
  n: number,
  d: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = sqDist(X, i, centers, 0, d);
    for (let c = 1; c < k; c++) {
      const dist = sqDist(X, i, centers, c, d);
      if (dist < bestD) {
        bestD = dist;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestD;
  }
  return inertia;
}

export function inertiaOf(
  X: Float64Array,
  n: number,
  d: number,
  centers: Float64Array,
  labels: Int32Array,
): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += sqDist(X, i, centers, labels[i], d);
  return s;
}

/**
 * M-step: new centres are the means of their points; an empty cluster takes the point farthest from
 * its current centre (sklearn's `_relocate_empty_clusters_dense`). Returns each centre's shift.
 */
export function updateCenters(
  X: Float64Array,
  n: number,
  d: number,
  old: Float64Array,
  k: number,
  labels: Int32Array,
): { centers: Float64Array; shift: Float64Array } {
  const sums = new Float64Array(k * d);
  const weight = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    weight[c]++;
    for (let t = 0; t < d; t++) sums[c * d + t] += X[i * d + t];
  }
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (weight[c] === 0) empty.push(c);
  if (empty.length) {
    const far = Array.from({ length: n }, (_, i) => i)
      .map((i) => ({ i, dist: sqDist(X, i, old, labels[i], d) }))
      .sort((a, b) => b.dist - a.dist || a.i - b.i)
      .slice(0, empty.length);
    empty.forEach((c, e) => {
      const i = far[e].i;
      const from = labels[i];
      for (let t = 0; t < d; t++) {
        sums[from * d + t] -= X[i * d + t];
        sums[c * d + t] = X[i * d + t];
      }
      weight[c] = 1;
      weight[from] -= 1;
    });
  }
  const centers = new Float64Array(k * d);
  const shift = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < d; t++)
      centers[c * d + t] = weight[c] > 0 ? sums[c * d + t] / weight[c] : old[c * d + t];
    shift[c] = Math.sqrt(sqDist(centers, c, old, c, d));
  }
  return { centers, shift };
}

export interface KMeansRun {
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
}

const sameLabels = (a: Int32Array, b: Int32Array) => a.every((v, i) => v === b[i]);

/** Lloyd's algorithm, step for step like sklearn's `_kmeans_single_lloyd`. */
export function lloyd(
  X: Float64Array,
  n: number,
  d: number,
  init: Float64Array,
  k: number,
  maxIter: number,
  tol: number,
): KMeansRun {
  let centers: Float64Array = init.slice();
  const labels = new Int32Array(n).fill(-1);
  const labelsOld = labels.slice();
  let strict = false;
  let it = 0;
  for (; it < maxIter; it++) {
    assign(X, n, d, centers, k, labels);
    const { centers: next, shift } = updateCenters(X, n, d, centers, k, labels);
    centers = next;
    if (sameLabels(labels, labelsOld)) {
      strict = true;
      break;
    }
    let tot = 0;
    for (const s of shift) tot += s * s;
    if (tot <= tol) break;
    labelsOld.set(labels);
  }
  // Without strict convergence, re-run the E-step so labels match the final centres.
  if (!strict) assign(X, n, d, centers, k, labels);
  return { centers, labels, inertia: inertiaOf(X, n, d, centers, labels), nIter: Math.min(it + 1, maxIter) };
}

function halfDistances(
  centers: Float64Array,
  k: number,
  d: number,
): { half: Float64Array; next: Float64Array } {
  const half = new Float64Array(k * k);
  const next = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      const h = a === b ? 0 : Math.sqrt(sqDist(centers, a, centers, b, d)) / 2;
      half[a * k + b] = h;
      if (a !== b && h < next[a]) next[a] = h;
    }
  if (k === 1) next[0] = 0;
  return { half, next };
}

/**
 * Elkan's algorithm (2003): Lloyd's iterations with triangle-inequality bounds (an upper bound to the
 * own centre, lower bounds to every centre) that skip most distance computations; same results as
 * Lloyd, like sklearn's `_kmeans_single_elkan`.
 */
export function elkan(
  X: Float64Array,
  n: number,
  d: number,
  init: Float64Array,
  k: number,
  maxIter: number,
  tol: number,
): KMeansRun {
  let centers: Float64Array = init.slice();
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  let { half, next } = halfDistances(centers, k, d);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let minD = Math.sqrt(sqDist(X, i, centers, 0, d));
    lower[i * k] = minD;
    for (let j = 1; j < k; j++) {
      if (minD > half[best * k + j]) {
        const dist = Math.sqrt(sqDist(X, i, centers, j, d));
        lower[i * k + j] = dist;
        if (dist < minD) {
          minD = dist;
          best = j;
        }
      }
    }
    labels[i] = best;
    upper[i] = minD;
  }
  const labelsOld = new Int32Array(n).fill(-1);
  const step = (cs: Float64Array, hd: Float64Array, nx: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let u = upper[i];
      let label = labels[i];
      let tight = false;
      if (!(nx[label] >= u)) {
        for (let j = 0; j < k; j++) {
          if (j !== label && u > lower[i * k + j] && u > hd[label * k + j]) {
            if (!tight) {
              u = Math.sqrt(sqDist(X, i, cs, label, d));
              lower[i * k + label] = u;
              tight = true;
            }
            if (u > lower[i * k + j] || u > hd[label * k + j]) {
              const dist = Math.sqrt(sqDist(X, i, cs, j, d));
              lower[i * k + j] = dist;
              if (dist < u) {
                label = j;
                u = dist;
              }
            }
          }
        }
      }
      labels[i] = label;
      upper[i] = u;
    }
  };
  let strict = false;
  let it = 0;
  for (; it < maxIter; it++) {
    step(centers, half, next);
    const { centers: nextCenters, shift } = updateCenters(X, n, d, centers, k, labels);
    for (let i = 0; i < n; i++) {
      upper[i] += shift[labels[i]];
      for (let j = 0; j < k; j++) lower[i * k + j] = Math.max(0, lower[i * k + j] - shift[j]);
    }
    centers = nextCenters;
    ({ half, next } = halfDistances(centers, k, d));
    if (sameLabels(labels, labelsOld)) {
      strict = true;
      break;
    }
    let tot = 0;
    for (const s of shift) tot += s * s;
    if (tot <= tol) break;
    labelsOld.set(labels);
  }
  if (!strict) step(centers, half, next);
  return { centers, labels, inertia: inertiaOf(X, n, d, centers, labels), nIter: Math.min(it + 1, maxIter) };
}

/**
 * sklearn's greedy k-means++: the first centre uniformly at random, then each next centre is the best
 * (lowest resulting potential) of 2 + ⌊ln k⌋ candidates sampled with probability ∝ D(x)².
 */
export function kmeansPlusPlus(X: Float64Array, n: number, d: number, k: number, rng: Random): Float64Array {
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(n);
  centers.set(X.subarray(first * d, (first + 1) * d), 0);
  let closest: Float64Array = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(X, i, X, first, d);
    pot += closest[i];
  }
  const cumsum = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cumsum[i] = acc;
    }
    let bestPot = Number.POSITIVE_INFINITY;
    let bestId = 0;
    let bestDist: Float64Array = closest;
    for (let t = 0; t < trials; t++) {
      const r = rng.random() * pot;
      // searchsorted(side='left'), clipped to the last index.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumsum[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      const id = Math.min(lo, n - 1);
      const dist = new Float64Array(n);
      let p = 0;
      for (let i = 0; i < n; i++) {
        dist[i] = Math.min(closest[i], sqDist(X, i, X, id, d));
        p += dist[i];
      }
      if (p < bestPot) {
        bestPot = p;
        bestId = id;
        bestDist = dist;
      }
    }
    pot = bestPot;
    closest = bestDist;
    centers.set(X.subarray(bestId * d, (bestId + 1) * d), c * d);
  }
  return centers;
}

/** k distinct rows chosen uniformly at random (sklearn's init='random'). */
export function randomInit(X: Float64Array, n: number, d: number, k: number, rng: Random): Float64Array {
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i)) as number[];
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) centers.set(X.subarray(order[c] * d, (order[c] + 1) * d), c * d);
  return centers;
}

/** sklearn's `_tolerance`: tol scaled by the mean feature variance. */
export function scaledTolerance(X: Float64Array, n: number, d: number, tol: number): number {
  if (tol === 0) return 0;
  let total = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X[i * d + t];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (X[i * d + t] - mean) ** 2;
    total += v / n;
  }
  return (total / d) * tol;
}

export function toNested(a: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols)));
}

/** What KMeans and MiniBatchKMeans both learn. */
export interface KMeansFitted {
  clusterCenters: number[][];
  labels: number[];
  inertia: number;
  nFeaturesIn: number;
}

/**
 * The fitted half that KMeans and MiniBatchKMeans share once training has found the centres: the
 * learned-state getters and assigning new samples to their nearest centre.
 */
export abstract class KMeansBase<P extends object, S extends KMeansFitted> extends Estimator<P, S> {
  /** Cluster centres (k × nFeatures), sklearn's `cluster_centers_`. */
  get clusterCenters(): number[][] {
    return structuredClone(this.fitted('reading clusterCenters').clusterCenters);
  }
  /** Cluster of each training sample. */
  get labels(): number[] {
    return [...this.fitted('reading labels').labels];
  }
  /** Within-cluster sum of squared distances of the training samples under the final centres. */
  get inertia(): number {
    return this.fitted('reading inertia').inertia;
  }

  /** `X` checked against the fitted state for method `op`, with the centres flat for the distance kernels. */
  protected fittedCentres(X: MatrixLike, op: string): { m: Matrix; centers: Float64Array; k: number } {
    const s = this.fitted(`${op}()`);
    const where = `${this.constructor.name}.${op}`;
    const m = toMatrix(where, X);
    checkFeatures(where, m, s.nFeaturesIn);
    return { m, centers: Float64Array.from(s.clusterCenters.flat()), k: s.clusterCenters.length };
  }

  /** The nearest centre of each sample. */
  predict(X: MatrixLike): number[] {
    const { m, centers, k } = this.fittedCentres(X, 'predict');
    const labels = new Int32Array(m.rows);
    assign(m.data, m.rows, m.cols, centers, k, labels);
    return Array.from(labels);
  }

  /** Euclidean distance of each sample to every centre (n × k). */
  transform(X: MatrixLike): number[][] {
    const { m, centers, k } = this.fittedCentres(X, 'transform');
    return Array.from({ length: m.rows }, (_, i) =>
      Array.from({ length: k }, (_, c) => Math.sqrt(sqDist(m.data, i, centers, c, m.cols))),
    );
  }
}
