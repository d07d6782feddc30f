import {
  NeighborHeap,
  reducedDistance,
  type SpatialIndex,
  sortByDimension,
  toReduced,
  widestDimension,
} from '../internal/distance';

/**
 * A KD-tree (Bentley 1975) over fixed rows for Minkowski metrics: each node splits its points at the
 * median of its widest dimension and keeps their bounding box; a query visits the nearer child first
 * and skips any box farther than the current k-th neighbour. Results equal a brute-force search,
 * ties broken by training index.
 */
export class KDTree implements SpatialIndex {
  private readonly points: Int32Array;
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly boxMin: number[][] = [];
  private readonly boxMax: number[][] = [];

  /** `data` is row-major with `n` rows of `d` columns; `p` the Minkowski power. */
  constructor(
    readonly data: Float64Array,
    readonly n: number,
    readonly d: number,
    readonly p: number,
    readonly leafSize = 30,
  ) {
    this.points = Int32Array.from({ length: n }, (_, i) => i);
    this.build(0, n);
  }

  private build(lo: number, hi: number): number {
    const id = this.lo.length;
    const { data, d, points } = this;
    const min = new Array<number>(d).fill(Number.POSITIVE_INFINITY);
    const max = new Array<number>(d).fill(Number.NEGATIVE_INFINITY);
    for (let t = lo; t < hi; t++) {
      const o = points[t] * d;
      for (let k = 0; k < d; k++) {
        const v = data[o + k];
        if (v < min[k]) min[k] = v;
        if (v > max[k]) max[k] = v;
      }
    }
    this.lo.push(lo);
    this.hi.push(hi);
    this.left.push(-1);
    this.right.push(-1);
    this.boxMin.push(min);
    this.boxMax.push(max);
    if (hi - lo > this.leafSize) {
      const dim = widestDimension(data, d, points, lo, hi);
      sortByDimension(data, d, points, lo, hi, dim);
      const mid = (lo + hi) >> 1;
      this.left[id] = this.build(lo, mid);
      this.right[id] = this.build(mid, hi);
    }
    return id;
  }

  /** Reduced distance from the query to node's bounding box (0 inside). */
  private boxDistance(node: number, q: Float64Array, o: number): number {
    const min = this.boxMin[node];
    const max = this.boxMax[node];
    let s = 0;
    for (let k = 0; k < this.d; k++) {
      const v = q[o + k];
      const gap = v < min[k] ? min[k] - v : v > max[k] ? v - max[k] : 0;
      s += this.p === 1 ? gap : this.p === 2 ? gap * gap : gap ** this.p;
    }
    return s;
  }

  knn(query: Float64Array, qi: number, k: number, exclude = -1): NeighborHeap {
    const heap = new NeighborHeap(k);
    const o = qi * this.d;
    const visit = (node: number, bound: number): void => {
      // `<=`: a box at exactly the k-th distance may still hold a tie with a smaller index.
      if (bound > heap.worst()) return;
      const l = this.left[node];
      if (l < 0) {
        for (let t = this.lo[node]; t < this.hi[node]; t++) {
          const i = this.points[t];
          if (i === exclude) continue;
          const r = reducedDistance(query, qi, this.data, i, this.d, this.p);
          if (r <= heap.worst()) heap.push(r, i);
        }
        return;
      }
      const r = this.right[node];
      const bl = this.boxDistance(l, query, o);
      const br = this.boxDistance(r, query, o);
      if (bl <= br) {
        visit(l, bl);
        visit(r, br);
      } else {
        visit(r, br);
        visit(l, bl);
      }
    };
    visit(0, this.boxDistance(0, query, o));
    return heap;
  }

  radius(query: Float64Array, qi: number, r: number): number[] {
    const rr = toReduced(r, this.p);
    const o = qi * this.d;
    const out: number[] = [];
    const stack = [0];
    while (stack.length) {
      const node = stack.pop() as number;
      if (this.boxDistance(node, query, o) > rr) continue;
      if (this.left[node] < 0) {
        for (let t = this.lo[node]; t < this.hi[node]; t++) {
          const i = this.points[t];
          if (reducedDistance(query, qi, this.data, i, this.d, this.p) <= rr) out.push(i);
        }
      } else stack.push(this.left[node], this.right[node]);
    }
    return out.sort((a, b) => a - b);
  }
}
