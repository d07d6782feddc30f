import { Estimator } from '../base';
import { BruteIndex, type SpatialIndex } from '../internal/distance';
import { type MatrixLike, toMatrix } from '../internal/matrix';
import { oneOf, positive, validateParams } from '../internal/params';
import { KDTree } from '../neighbors/kd-tree';

export interface DBSCANParams {
  /** Neighbourhood radius (inclusive, default 0.5). */
  eps: number;
  /** Samples (the point itself included) within eps that make a core point (default 5). */
  minSamples: number;
  /** 'euclidean' (default), 'manhattan', or 'cosine' (1 − cosine similarity). */
  metric: 'euclidean' | 'manhattan' | 'cosine';
  /** 'auto' (KD-tree for euclidean / manhattan up to 15 features), 'kd_tree' or 'brute'. */
  algorithm: 'auto' | 'kd_tree' | 'brute';
}

interface DBSCANState {
  labels: number[];
  coreSampleIndices: number[];
  nFeaturesIn: number;
}

/**
 * Density-based clustering (Ester et al. 1996) like sklearn's DBSCAN: core points have at least
 * `minSamples` points within `eps`; clusters are the core points connected through neighbourhoods
 * plus their border points; the rest is noise (label −1). Clusters are numbered, and shared border
 * points assigned, in order of the first core point found, exactly like sklearn. Radius queries use
 * a KD-tree for euclidean / manhattan in low dimensions.
 *
 * @example
 * new DBSCAN({ eps: 0.5, minSamples: 2 }).fit([[0], [0.3], [5], [5.2], [20]]).labels; // [0, 0, 1, 1, -1]
 */
export class DBSCAN extends Estimator<DBSCANParams, DBSCANState> {
  constructor(params: Partial<DBSCANParams> = {}) {
    super({ eps: 0.5, minSamples: 5, metric: 'euclidean', algorithm: 'auto' }, params);
  }

  fit(X: MatrixLike): this {
    const p = this.params;
    validateParams('DBSCAN', p, {
      eps: positive(),
      minSamples: positive(true),
      metric: oneOf('euclidean', 'manhattan', 'cosine'),
      algorithm: oneOf('auto', 'kd_tree', 'brute'),
    });
    const m = toMatrix('DBSCAN.fit', X);
    const { rows: n, cols: d } = m;
    const neighbors = this.neighborhoods(m.data, n, d);
    const core = neighbors.map((nb) => nb.length >= p.minSamples);
    const labels = new Array<number>(n).fill(-1);
    let next = 0;
    const stack: number[] = [];
    for (let i = 0; i < n; i++) {
      if (labels[i] !== -1 || !core[i]) continue;
      // Depth-first expansion from the lowest-index unlabelled core point, like sklearn's dbscan_inner.
      let v = i;
      for (;;) {
        if (labels[v] === -1) {
          labels[v] = next;
          if (core[v]) for (const u of neighbors[v]) if (labels[u] === -1) stack.push(u);
        }
        if (!stack.length) break;
        v = stack.pop() as number;
      }
      next++;
    }
    const coreSampleIndices: number[] = [];
    core.forEach((c, i) => {
      if (c) coreSampleIndices.push(i);
    });
    this.state = { labels, coreSampleIndices, nFeaturesIn: d };
    return this;
  }

  private neighborhoods(data: Float64Array, n: number, d: number): number[][] {
    const { eps, metric, algorithm } = this.params;
    if (metric === 'cosine') {
      const norms = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += data[i * d + t] ** 2;
        norms[i] = Math.sqrt(s) || 1;
      }
      const out: number[][] = [];
      for (let i = 0; i < n; i++) {
        const nb: number[] = [];
        for (let j = 0; j < n; j++) {
          let dot = 0;
          for (let t = 0; t < d; t++) dot += data[i * d + t] * data[j * d + t];
          const dist = i === j ? 0 : Math.min(2, Math.max(0, 1 - dot / (norms[i] * norms[j])));
          if (dist <= eps) nb.push(j);
        }
        out.push(nb);
      }
      return out;
    }
    const p = metric === 'manhattan' ? 1 : 2;
    const useTree = algorithm === 'kd_tree' || (algorithm === 'auto' && d <= 15);
    const index: SpatialIndex = useTree ? new KDTree(data, n, d, p, 30) : new BruteIndex(data, n, d, p);
    return Array.from({ length: n }, (_, i) => index.radius(data, i, eps));
  }

  /** Cluster of each training sample, −1 for noise. */
  get labels(): number[] {
    return [...this.fitted('reading labels').labels];
  }
  /** Indices of the core samples, ascending. */
  get coreSampleIndices(): number[] {
    return [...this.fitted('reading coreSampleIndices').coreSampleIndices];
  }

  fitPredict(X: MatrixLike): number[] {
    return this.fit(X).labels;
  }
}
