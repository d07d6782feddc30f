/**
 * Minkowski-family distances on flat row-major data. Neighbour searches rank by the *reduced*
 * distance (Σ|d|^p, no root), which orders points exactly like the distance and is cheaper.
 */
export interface Metric {
  /** 1 = manhattan, 2 = euclidean, any p >= 1 = minkowski. */
  p: number;
}

/** Reduced distance between row `i` of `a` and row `j` of `b` (both with `d` columns). */
export function reducedDistance(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  d: number,
  p: number,
): number {
  let s = 0;
  const oa = i * d;
  const ob = j * d;
  if (p === 2) {
    for (let k = 0; k < d; k++) {
      const t = a[oa + k] - b[ob + k];
      s += t * t;
    }
  } else if (p === 1) {
    for (let k = 0; k < d; k++) s += Math.abs(a[oa + k] - b[ob + k]);
  } else {
    for (let k = 0; k < d; k++) s += Math.abs(a[oa + k] - b[ob + k]) ** p;
  }
  return s;
}

/** Reduced distance → distance. */
export function fromReduced(r: number, p: number): number {
  return p === 1 ? r : p === 2 ? Math.sqrt(r) : r ** (1 / p);
}

/** Distance → reduced distance. */
export function toReduced(r: number, p: number): number {
  return p === 1 ? r : p === 2 ? r * r : r ** p;
}

/**
 * The k best (smallest reduced distance, then smallest index: ties go to the earlier training
 * sample) candidates seen so far, as a bounded max-heap.
 */
export class NeighborHeap {
  readonly dist: Float64Array;
  readonly idx: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.dist = new Float64Array(k);
    this.idx = new Int32Array(k);
  }

  /** The reduced distance a candidate must not exceed to enter (Infinity until full). */
  worst(): number {
    return this.size < this.k ? Number.POSITIVE_INFINITY : this.dist[0];
  }

  private greater(d1: number, i1: number, d2: number, i2: number): boolean {
    return d1 > d2 || (d1 === d2 && i1 > i2);
  }

  push(d: number, i: number): void {
    const { dist, idx } = this;
    if (this.size < this.k) {
      let c = this.size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!this.greater(d, i, dist[parent], idx[parent])) break;
        dist[c] = dist[parent];
        idx[c] = idx[parent];
        c = parent;
      }
      dist[c] = d;
      idx[c] = i;
      return;
    }
    if (!this.greater(dist[0], idx[0], d, i)) return;
    let c = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= n) break;
      const r = l + 1;
      const big = r < n && this.greater(dist[r], idx[r], dist[l], idx[l]) ? r : l;
      if (!this.greater(dist[big], idx[big], d, i)) break;
      dist[c] = dist[big];
      idx[c] = idx[big];
      c = big;
    }
    dist[c] = d;
    idx[c] = i;
  }

  /** The candidates sorted by (distance, index), distances converted from reduced form. */
  sorted(p: number): { distances: number[]; indices: number[] } {
    const order = Array.from({ length: this.size }, (_, t) => t).sort(
      (a, b) => this.dist[a] - this.dist[b] || this.idx[a] - this.idx[b],
    );
    return {
      distances: order.map((t) => fromReduced(this.dist[t], p)),
      indices: order.map((t) => this.idx[t]),
    };
  }
}

/** Dimension of largest spread among `points[lo, hi)` (indices into `data`). */
export function widestDimension(
  data: Float64Array,
  d: number,
  points: Int32Array,
  lo: number,
  hi: number,
): number {
  let best = 0;
  let bestSpread = -1;
  for (let k = 0; k < d; k++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let t = lo; t < hi; t++) {
      const v = data[points[t] * d + k];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max - min > bestSpread) {
      bestSpread = max - min;
      best = k;
    }
  }
  return best;
}

/** Sorts `points[lo, hi)` by coordinate `dim` (ties by index, so trees are deterministic). */
export function sortByDimension(
  data: Float64Array,
  d: number,
  points: Int32Array,
  lo: number,
  hi: number,
  dim: number,
): void {
  const part = Array.from(points.subarray(lo, hi)).sort(
    (a, b) => data[a * d + dim] - data[b * d + dim] || a - b,
  );
  points.set(part, lo);
}

/** A nearest-neighbour index over fixed training rows. */
export interface SpatialIndex {
  /** The k nearest training rows to `query[qi]` by (distance, index); `exclude` skips one training row. */
  knn(query: Float64Array, qi: number, k: number, exclude?: number): NeighborHeap;
  /** All training rows within distance `r` (inclusive) of `query[qi]`, ascending index order. */
  radius(query: Float64Array, qi: number, r: number): number[];
}

/** Exhaustive search: every training row is compared. */
export class BruteIndex implements SpatialIndex {
  constructor(
    readonly data: Float64Array,
    readonly n: number,
    readonly d: number,
    readonly p: number,
  ) {}

  knn(query: Float64Array, qi: number, k: number, exclude = -1): NeighborHeap {
    const heap = new NeighborHeap(k);
    for (let i = 0; i < this.n; i++) {
      if (i === exclude) continue;
      const r = reducedDistance(query, qi, this.data, i, this.d, this.p);
      if (r <= heap.worst()) heap.push(r, i);
    }
    return heap;
  }

  radius(query: Float64Array, qi: number, r: number): number[] {
    const rr = toReduced(r, this.p);
    const out: number[] = [];
    for (let i = 0; i < this.n; i++)
      if (reducedDistance(query, qi, this.data, i, this.d, this.p) <= rr) out.push(i);
    return out;
  }
}
