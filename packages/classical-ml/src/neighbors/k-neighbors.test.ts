import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/neighbors.json';
import { checkEstimator } from '../testing/check-estimator';
import { BallTree } from './ball-tree';
import { KNeighborsClassifier } from './k-neighbors-classifier';
import { KNeighborsRegressor } from './k-neighbors-regressor';
import { KDTree } from './kd-tree';

type Params = {
  n_neighbors: number;
  weights: 'uniform' | 'distance';
  metric: 'euclidean' | 'manhattan' | 'minkowski';
  p?: number;
};
const toParams = (c: Params) => ({
  nNeighbors: c.n_neighbors,
  weights: c.weights,
  metric: c.metric,
  ...(c.p ? { p: c.p } : {}),
});
const queries = [...fixture.Xq, ...fixture.X.slice(0, 5)];
const algorithms = ['auto', 'kd_tree', 'ball_tree', 'brute'] as const;
const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((r, i) => r.map((v, j) => Math.abs(v - b[i][j]))));

describe('KNeighborsClassifier', () => {
  it('passes checkEstimator', () => {
    expect(
      checkEstimator(() => new KNeighborsClassifier({ nNeighbors: 3 }), {
        kind: 'classifier',
        X: fixture.X.slice(0, 30),
        y: fixture.y.slice(0, 30),
        fromJSON: (j) => KNeighborsClassifier.fromJSON(j),
      }),
    ).toEqual([]);
  });

  for (const algorithm of algorithms) {
    it(`matches sklearn predictions and probabilities (${algorithm})`, () => {
      for (const c of fixture.classifier) {
        const knn = new KNeighborsClassifier({ ...toParams(c.params as Params), algorithm }).fit(
          fixture.X,
          fixture.y,
        );
        expect(knn.predict(queries)).toEqual(c.predict);
        expect(maxDiff(knn.predictProba(queries), c.proba)).toBeLessThan(1e-12);
      }
    });
  }

  it('kneighbors matches sklearn distances and indices', () => {
    for (const algorithm of algorithms) {
      const knn = new KNeighborsClassifier({ algorithm }).fit(fixture.X, fixture.y);
      const { distances, indices } = knn.kneighbors(fixture.Xq, 5);
      expect(indices).toEqual(fixture.kneighbors.indices);
      expect(maxDiff(distances, fixture.kneighbors.distances)).toBeLessThan(1e-9);
    }
  });

  it('breaks exact distance ties by training index, in every algorithm', () => {
    const t = fixture.ties;
    for (const algorithm of algorithms) {
      const knn = new KNeighborsClassifier({ nNeighbors: 6, algorithm, leafSize: 3 }).fit(t.X, t.y);
      const { distances, indices } = knn.kneighbors(t.Xq);
      expect(indices).toEqual(t.stableIndices);
      expect(maxDiff(distances, t.distances)).toBeLessThan(1e-12);
    }
  });

  it('kneighbors() without X excludes each sample itself', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 2 }).fit([[0], [1], [3], [7]], [0, 0, 1, 1]);
    expect(knn.kneighbors().indices).toEqual([
      [1, 2],
      [0, 2],
      [1, 0],
      [2, 1],
    ]);
  });

  it('rejects bad parameters and k larger than the sample count', () => {
    expect(() =>
      new KNeighborsClassifier({ nNeighbors: 10 }).fit([[0], [1], [2], [3], [4], [5]], [0, 0, 0, 1, 1, 1]),
    ).toThrow("KNeighborsClassifier: 'nNeighbors' (10) must not exceed the number of training samples (6).");
    expect(() => new KNeighborsClassifier({ weights: 'gaussian' as never }).fit([[0]], [0])).toThrow(
      /'weights' must be one of/,
    );
    expect(() => new KNeighborsClassifier({ p: 0.5 }).fit([[0]], [0])).toThrow(/'p' must be/);
    const knn = new KNeighborsClassifier({ nNeighbors: 1 }).fit([[0], [1]], [0, 1]);
    expect(() => knn.kneighbors([[0]], 3)).toThrow(/'nNeighbors' \(3\) must not exceed/);
  });
});

describe('KNeighborsRegressor', () => {
  it('passes checkEstimator', () => {
    expect(
      checkEstimator(() => new KNeighborsRegressor({ weights: 'distance' }), {
        kind: 'regressor',
        X: fixture.X.slice(0, 30),
        y: fixture.yr.slice(0, 30),
        fromJSON: (j) => KNeighborsRegressor.fromJSON(j),
      }),
    ).toEqual([]);
  });

  for (const algorithm of algorithms) {
    it(`matches sklearn predictions (${algorithm})`, () => {
      for (const c of fixture.regressor) {
        const knn = new KNeighborsRegressor({ ...toParams(c.params as Params), algorithm }).fit(
          fixture.X,
          fixture.yr,
        );
        const pred = knn.predict(queries);
        expect(Math.max(...pred.map((v, i) => Math.abs(v - c.predict[i])))).toBeLessThan(1e-12);
      }
    });
  }
});

describe('KDTree and BallTree', () => {
  it('agree with brute force on random data for k and radius queries', () => {
    let seed = 1;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const n = 500;
    const d = 3;
    const data = Float64Array.from({ length: n * d }, () => Math.round(rand() * 20) / 4);
    const q = Float64Array.from({ length: 20 * d }, () => rand() * 5);
    for (const p of [1, 2, 3]) {
      const trees = [new KDTree(data, n, d, p, 8), new BallTree(data, n, d, p, 8)];
      for (let i = 0; i < 20; i++) {
        const dist: number[] = [];
        for (let t = 0; t < n; t++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += Math.abs(q[i * d + k] - data[t * d + k]) ** p;
          dist.push(s ** (1 / p));
        }
        const order = dist.map((_, t) => t).sort((a, b) => dist[a] - dist[b] || a - b);
        const within = dist.map((v, t) => (v <= 1.2 ? t : -1)).filter((t) => t >= 0);
        for (const tree of trees) {
          expect(tree.knn(q, i, 7).sorted(p).indices).toEqual(order.slice(0, 7));
          expect(tree.radius(q, i, 1.2)).toEqual(within);
        }
      }
    }
  });
});
