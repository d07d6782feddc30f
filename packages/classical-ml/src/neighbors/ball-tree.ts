import {
  fromReduced,
  NeighborHeap,
  reducedDistance,
  type SpatialIndex,
  sortByDimension,
  toReduced,
  widestDimension,
} from '../internal/distance';

/** Relative slack on ball bounds so rounding in `‖q − c‖ − radius` never prunes a true (tied) neighbour. */
const SLACK = 1e-12;

/**
 * A ball tree (Omohundro 1989) over fixed rows for Minkowski metrics: each node holds the centroid
 * of its points and the radius enclosing them, split at the median of the widest dimension; a query
 * skips any ball whose nearest possible point, ‖q − c‖ − radius, is beyond the current k-th
 * neighbour. Results equal a brute-force search, ties broken by training index.
 */
export class BallTree implements SpatialIndex {
  private readonly points: Int32Array;
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly centres: Float64Array[] = [];
  private readonly radii: number[] = [];

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
    const c = new Float64Array(d);
    for (let t = lo; t < hi; t++) for (let k = 0; k < d; k++) c[k] += data[points[t] * d + k];
    for (let k = 0; k < d; k++) c[k] /= hi - lo;
    let radius = 0;
    for (let t = lo; t < hi; t++)
      radius = Math.max(radius, reducedDistance(data, points[t], c, 0, d, this.p));
    this.lo.push(lo);
    this.hi.push(hi);
    this.left.push(-1);
    this.right.push(-1);
    this.centres.push(c);
    this.radii.push(fromReduced(radius, this.p));
    if (hi - lo > this.leafSize) {
      const dim = widestDimension(data, d, points, lo, hi);
      sortByDimension(data, d, points, lo, hi, dim);
      const mid = (lo + hi) >> 1;
      this.left[id] = this.build(lo, mid);
      this.right[id] = this.build(mid, hi);
    }
    return id;
  }

  /** Lower bound of the (true, not reduced) distance from the query to any point of the ball. */
  private ballDistance(node: number, q: Float64Array, qi: number): number {
    const toCentre = fromReduced(reducedDistance(q, qi, this.centres[node], 0, this.d, this.p), this.p);
    const gap = toCentre - this.radii[node] - SLACK * (toCentre + this.radii[node]);
    return Math.max(gap, 0);
  }

  knn(query: Float64Array, qi: number, k: number, exclude = -1): NeighborHeap {
    const heap = new NeighborHeap(k);
    const visit = (node: number, bound: number): void => {
      if (toReduced(bound, this.p) > heap.worst()) return;
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
      const bl = this.ballDistance(l, query, qi);
      const br = this.ballDistance(r, query, qi);
      if (bl <= br) {
        visit(l, bl);
        visit(r, br);
      } else {
        visit(r, br);
        visit(l, bl);
      }
    };
    visit(0, this.ballDistance(0, query, qi));
    return heap;
  }

  radius(query: Float64Array, qi: number, r: number): number[] {
    const rr = toReduced(r, this.p);
    const out: number[] = [];
    const stack = [0];
    while (stack.length) {
      const node = stack.pop() as number;
      if (this.ballDistance(node, query, qi) > r) continue;
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
