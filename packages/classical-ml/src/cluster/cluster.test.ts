import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/cluster.json';
import { Random } from '../internal/random';
import { checkEstimator } from '../testing/check-estimator';
import { DBSCAN } from './dbscan';
import { KMeans } from './k-means';
import { MiniBatchKMeans } from './mini-batch-k-means';

const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((r, i) => r.map((v, j) => Math.abs(v - b[i][j]))));

describe('KMeans', () => {
  it('passes checkEstimator', () => {
    expect(
      checkEstimator(() => new KMeans({ nClusters: 3, nInit: 2 }), {
        kind: 'clusterer',
        X: fixture.X.slice(0, 40),
        randomized: true,
        fromJSON: (j) => KMeans.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('equals sklearn with explicit initial centres (lloyd and elkan, tol 1e-4 and 0)', () => {
    for (const c of fixture.kmeans) {
      const km = new KMeans({
        nClusters: 4,
        init: fixture.init,
        nInit: 1,
        algorithm: c.algorithm as 'lloyd' | 'elkan',
        tol: c.tol,
      }).fit(fixture.X);
      expect(km.labels).toEqual(c.labels);
      expect(maxDiff(km.clusterCenters, c.centers)).toBeLessThan(1e-9);
      expect(Math.abs(km.inertia - c.inertia) / c.inertia).toBeLessThan(1e-12);
      expect(km.nIter).toBe(c.nIter);
      expect(km.predict(fixture.Xq)).toEqual(c.predict);
      expect(maxDiff(km.transform(fixture.Xq), c.transform)).toBeLessThan(1e-9);
    }
  });

  it('k-means++ reaches the inertia sklearn reaches', () => {
    const km = new KMeans({ nClusters: 4, randomState: 0 }).fit(fixture.X);
    expect(Math.abs(km.inertia - fixture.kmeansPlusPlusInertia) / fixture.kmeansPlusPlusInertia).toBeLessThan(
      1e-9,
    );
    const rnd = new KMeans({ nClusters: 4, init: 'random', algorithm: 'elkan' }).fit(fixture.X);
    expect(rnd.inertia).toBeLessThan(fixture.kmeansPlusPlusInertia * 1.01);
  });

  it('rejects bad init shapes and too many clusters', () => {
    expect(() => new KMeans({ nClusters: 2, init: [[0, 0]] }).fit(fixture.X)).toThrow(
      "KMeans: 'init' must have shape [2, 2] (nClusters × features), got [1, 2].",
    );
    expect(() => new KMeans({ nClusters: 5 }).fit([[0], [1]])).toThrow(
      "KMeans: 'nClusters' (5) must not exceed the number of samples (2).",
    );
    expect(() => new KMeans({ algorithm: 'full' as never }).fit([[0]])).toThrow(/'algorithm' must be one of/);
  });

  it('relocates an empty cluster to the farthest point', () => {
    const km = new KMeans({ nClusters: 2, init: [[0], [100]] }).fit([[0], [1], [2], [10]]);
    expect(km.clusterCenters).toEqual([[1], [10]]);
  });
});

describe('MiniBatchKMeans', () => {
  it('passes checkEstimator', () => {
    expect(
      checkEstimator(() => new MiniBatchKMeans({ nClusters: 3, batchSize: 16 }), {
        kind: 'clusterer',
        X: fixture.X.slice(0, 40),
        randomized: true,
        fromJSON: (j) => MiniBatchKMeans.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it("reaches an inertia within 3% of sklearn's MiniBatchKMeans (mean over seeds and batch sizes)", () => {
    const { X, inertias, fullInertia } = fixture.miniBatch;
    const sk = inertias.reduce((a, b) => a + b, 0) / inertias.length;
    const ours: number[] = [];
    for (const batchSize of [64, 256])
      for (const randomState of [0, 1, 2])
        ours.push(new MiniBatchKMeans({ nClusters: 5, batchSize, randomState }).fit(X).inertia);
    const mean = ours.reduce((a, b) => a + b, 0) / ours.length;
    expect(Math.abs(mean - sk) / sk).toBeLessThan(0.03);
    expect(Math.min(...ours)).toBeGreaterThanOrEqual(fullInertia * (1 - 1e-9));
    const km = new KMeans({ nClusters: 5 }).fit(X);
    expect(Math.abs(km.inertia - fullInertia) / fullInertia).toBeLessThan(1e-9);
  });
});

describe('DBSCAN', () => {
  it('equals sklearn labels and core samples (euclidean, manhattan; tree and brute)', () => {
    for (const c of fixture.dbscan) {
      for (const algorithm of ['auto', 'brute'] as const) {
        const db = new DBSCAN({
          eps: c.eps,
          minSamples: c.minSamples,
          metric: c.metric as 'euclidean' | 'manhattan',
          algorithm,
        }).fit(fixture.dbscanX);
        expect(db.labels).toEqual(c.labels);
        expect(db.coreSampleIndices).toEqual(c.core);
      }
    }
  });

  it('equals sklearn with the cosine metric', () => {
    const c = fixture.cosine;
    const db = new DBSCAN({ eps: c.eps, minSamples: c.minSamples, metric: 'cosine' }).fit(c.X);
    expect(db.labels).toEqual(c.labels);
    expect(db.coreSampleIndices).toEqual(c.core);
  });

  it('validates input and round-trips through JSON', () => {
    expect(() => new DBSCAN({ eps: 0 }).fit([[0]])).toThrow(/DBSCAN: 'eps' must be a number > 0/);
    expect(() => new DBSCAN().fit([[0, 1], [1]])).toThrow(/ragged: row 1 has 1/);
    expect(() => new DBSCAN().fit([[Number.NaN]])).toThrow(/NaN at row 0, column 0/);
    expect(() => new DBSCAN().labels).toThrow(/DBSCAN: call fit\(\) before reading labels/);
    const db = new DBSCAN({ eps: 0.5, minSamples: 2 }).fit([[0], [0.3], [5], [5.2], [20]]);
    expect(db.labels).toEqual([0, 0, 1, 1, -1]);
    expect(DBSCAN.fromJSON(JSON.parse(JSON.stringify(db))).labels).toEqual(db.labels);
  });

  it('clusters 20,000 points in a couple of seconds with the KD-tree', () => {
    const rng = new Random(3);
    const X = Array.from({ length: 20000 }, (_, i) => [(i % 5) * 10 + rng.normal(), rng.normal()]);
    const t0 = performance.now();
    const db = new DBSCAN({ eps: 0.3, minSamples: 10 }).fit(X);
    const ms = performance.now() - t0;
    expect(new Set(db.labels.filter((l) => l >= 0)).size).toBe(5);
    expect(ms).toBeLessThan(5000);
  });
});
