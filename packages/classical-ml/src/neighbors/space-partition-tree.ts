import {
  NeighborHeap,
  reducedDistance,
  type SpatialIndex,
  sortByDimension,
  toReduced,
  widestDimension,
} from '../internal/distance';

/**
 * The binary tree and branch-and-bound search that KDTree and BallTree share: nodes split their
 * points at the median of the widest dimension until at most `leafSize` remain, and a query skips
 * any node whose bounding shape cannot hold a point closer than the current k-th neighbour.
 * Subclasses supply only the shape (a box, a ball) and a lower bound on the distance to it.
 */
export abstract class SpacePartitionTree<Shape> implements SpatialIndex {
  private readonly points: Int32Array;
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  /** The bounding shape of each node, by node id. */
  private readonly shapes: Shape[] = [];
  /**
   * Whether `lowerBound` is a reduced distance (a box gives Σ|gap|^p directly) or a true distance
   * (a ball's `‖q − c‖ − radius` needs the root); the search compares it in its own unit.
   */
  protected abstract readonly reducedBounds: boolean;

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

  /** The bounding shape of the rows `points[lo, hi)`; called while the constructor builds the tree. */
  protected abstract shapeOf(points: Int32Array, lo: number, hi: number): Shape;

  /** A lower bound on the distance from `query[qi]` to any point inside `shape` (reduced or not: see `reducedBounds`). */
  protected abstract lowerBound(shape: Shape, query: Float64Array, qi: number): number;

  private build(lo: number, hi: number): number {
    const id = this.lo.length;
    const { data, d, points } = this;
    this.lo.push(lo);
    this.hi.push(hi);
    this.left.push(-1);
    this.right.push(-1);
    this.shapes.push(this.shapeOf(points, lo, hi));
    if (hi - lo > this.leafSize) {
      const dim = widestDimension(data, d, points, lo, hi);
      sortByDimension(data, d, points, lo, hi, dim);
      const mid = (lo + hi) >> 1;
      this.left[id] = this.build(lo, mid);
      this.right[id] = this.build(mid, hi);
    }
    return id;
  }

  private nodeBound(node: number, query: Float64Array, qi: number): number {
    return this.lowerBound(this.shapes[node], query, qi);
  }

  knn(query: Float64Array, qi: number, k: number, exclude = -1): NeighborHeap {
    const heap = new NeighborHeap(k);
    const visit = (node: number, bound: number): void => {
      // Prune only beyond the k-th distance: a node exactly at it may still hold a tie with a smaller index.
      if ((this.reducedBounds ? bound : toReduced(bound, this.p)) > heap.worst()) return;
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
      // Nearer child first, so the heap tightens sooner and prunes more of the farther one.
      const r = this.right[node];
      const bl = this.nodeBound(l, query, qi);
      const br = this.nodeBound(r, query, qi);
      if (bl <= br) {
        visit(l, bl);
        visit(r, br);
      } else {
        visit(r, br);
        visit(l, bl);
      }
    };
    visit(0, this.nodeBound(0, query, qi));
    return heap;
  }

  radius(query: Float64Array, qi: number, r: number): number[] {
    const rr = toReduced(r, this.p);
    const limit = this.reducedBounds ? rr : r;
    const out: number[] = [];
    const stack = [0];
    while (stack.length) {
      const node = stack.pop() as number;
      if (this.nodeBound(node, query, qi) > limit) continue;
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
