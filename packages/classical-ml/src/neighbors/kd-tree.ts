import { SpacePartitionTree } from './space-partition-tree';

/** A node's bounding box: per-dimension minimum and maximum of its points. */
interface Box {
  min: number[];
  max: number[];
}

/**
 * A KD-tree (Bentley 1975) over fixed rows for Minkowski metrics: each node splits its points at the
 * median of its widest dimension and keeps their bounding box; a query visits the nearer child first
 * and skips any box farther than the current k-th neighbour. Results equal a brute-force search,
 * ties broken by training index.
 */
export class KDTree extends SpacePartitionTree<Box> {
  protected readonly reducedBounds = true;

  protected shapeOf(points: Int32Array, lo: number, hi: number): Box {
    const { data, d } = this;
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
    return { min, max };
  }

  /** Reduced distance from the query to the box (0 inside). */
  protected lowerBound({ min, max }: Box, q: Float64Array, qi: number): number {
    const o = qi * this.d;
    let s = 0;
    for (let k = 0; k < this.d; k++) {
      const v = q[o + k];
      const gap = v < min[k] ? min[k] - v : v > max[k] ? v - max[k] : 0;
      s += this.p === 1 ? gap : this.p === 2 ? gap * gap : gap ** this.p;
    }
    return s;
  }
}
