import { fromReduced, reducedDistance } from '../internal/distance';
import { SpacePartitionTree } from './space-partition-tree';

/** Relative slack on ball bounds so rounding in `‖q − c‖ − radius` never prunes a true (tied) neighbour. */
const SLACK = 1e-12;

/** A node's bounding ball: the centroid of its points and the (true) distance to the farthest one. */
interface Ball {
  centre: Float64Array;
  radius: number;
}

/**
 * A ball tree (Omohundro 1989) over fixed rows for Minkowski metrics: each node holds the centroid
 * of its points and the radius enclosing them, split at the median of the widest dimension; a query
 * skips any ball whose nearest possible point, ‖q − c‖ − radius, is beyond the current k-th
 * neighbour. Results equal a brute-force search, ties broken by training index.
 */
export class BallTree extends SpacePartitionTree<Ball> {
  protected readonly reducedBounds = false;

  protected shapeOf(points: Int32Array, lo: number, hi: number): Ball {
    const { data, d } = this;
    const centre = new Float64Array(d);
    for (let t = lo; t < hi; t++) for (let k = 0; k < d; k++) centre[k] += data[points[t] * d + k];
    for (let k = 0; k < d; k++) centre[k] /= hi - lo;
    let radius = 0;
    for (let t = lo; t < hi; t++)
      radius = Math.max(radius, reducedDistance(data, points[t], centre, 0, d, this.p));
    return { centre, radius: fromReduced(radius, this.p) };
  }

  /** Lower bound of the (true, not reduced) distance from the query to any point of the ball. */
  protected lowerBound({ centre, radius }: Ball, q: Float64Array, qi: number): number {
    const toCentre = fromReduced(reducedDistance(q, qi, centre, 0, this.d, this.p), this.p);
    const gap = toCentre - radius - SLACK * (toCentre + radius);
    return Math.max(gap, 0);
  }
}
