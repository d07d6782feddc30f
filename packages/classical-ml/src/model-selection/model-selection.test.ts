import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/model-selection.json';
import { GaussianNB } from '../naive-bayes/gaussian-nb';
import { KNeighborsClassifier } from '../neighbors/k-neighbors-classifier';
import { KNeighborsRegressor } from '../neighbors/k-neighbors-regressor';
import { crossValidate } from './cross-validate';
import { GridSearchCV, parameterGrid } from './grid-search-cv';
import { KFold, StratifiedKFold } from './k-fold';
import { trainTestSplit } from './train-test-split';

// 150 samples in three separated groups of 50 (labelled like iris).
const names = ['setosa', 'versicolor', 'virginica'];
const X = Array.from({ length: 150 }, (_, i) => [
  Math.floor(i / 50) * 3 + ((i * 7) % 11) / 11,
  ((i * 5) % 13) / 13,
]);
const y = X.map((_, i) => names[Math.floor(i / 50)]);

describe('KFold / StratifiedKFold', () => {
  it('equal sklearn without shuffling', () => {
    for (const c of fixture.kfold)
      expect(new KFold({ nSplits: c.k }).split(c.n).map((s) => s.test)).toEqual(c.test);
    for (const c of fixture.stratified)
      expect(new StratifiedKFold({ nSplits: c.k }).split(null, c.y).map((s) => s.test)).toEqual(c.test);
  });

  it('shuffle: deterministic per seed, partitions the samples, keeps strata', () => {
    const a = new KFold({ nSplits: 3, shuffle: true, randomState: 7 }).split(10);
    expect(new KFold({ nSplits: 3, shuffle: true, randomState: 7 }).split(10)).toEqual(a);
    expect(a.flatMap((s) => s.test).sort((p, q) => p - q)).toEqual([...Array(10).keys()]);
    for (const s of a) expect([...s.train, ...s.test].sort((p, q) => p - q)).toEqual([...Array(10).keys()]);
    const st = new StratifiedKFold({ nSplits: 5, shuffle: true, randomState: 1 }).split(null, y);
    for (const s of st) {
      const counts = new Map<string, number>();
      for (const i of s.test) counts.set(y[i], (counts.get(y[i]) ?? 0) + 1);
      expect([...counts.values()]).toEqual([10, 10, 10]);
    }
  });

  it('rejects bad splits', () => {
    expect(() => new KFold({ nSplits: 1 })).toThrow("KFold: 'nSplits' must be an integer >= 2, got 1.");
    expect(() => new KFold({ nSplits: 5 }).split(3)).toThrow(
      "KFold: 'nSplits' (5) must not exceed the number of samples (3).",
    );
    expect(() => new StratifiedKFold({ nSplits: 3 }).split(null, [0, 0, 1, 1])).toThrow(
      /must not exceed the number of members/,
    );
  });
});

describe('trainTestSplit', () => {
  const Xs = Array.from({ length: 10 }, (_, i) => [2 * i, 2 * i + 1]);
  const ys = Array.from({ length: 10 }, (_, i) => i);
  it('equals sklearn without shuffling (fraction and count)', () => {
    const a = trainTestSplit(Xs, ys, { testSize: 0.25, shuffle: false });
    expect(a.yTrain).toEqual(fixture.trainTestSplit.fraction.train);
    expect(a.yTest).toEqual(fixture.trainTestSplit.fraction.test);
    const b = trainTestSplit(Xs, ys, { testSize: 3, shuffle: false });
    expect(b.yTrain).toEqual(fixture.trainTestSplit.count.train);
    expect(b.yTest).toEqual(fixture.trainTestSplit.count.test);
    expect(b.XTest[0]).toEqual([14, 15]);
  });

  it('shuffles deterministically and stratifies', () => {
    const a = trainTestSplit(X, y, { testSize: 0.2, randomState: 3 });
    expect(trainTestSplit(X, y, { testSize: 0.2, randomState: 3 }).testIndices).toEqual(a.testIndices);
    expect(a.XTest).toHaveLength(30);
    const s = trainTestSplit(X, y, { testSize: 0.2, stratify: y, randomState: 3 });
    for (const c of new Set(y)) expect(s.yTest.filter((v) => v === c)).toHaveLength(10);
    expect(() => trainTestSplit(X, y, { testSize: 1.5 })).toThrow(/'testSize' must be a fraction/);
    expect(() => trainTestSplit(X, y.slice(1))).toThrow(/'y' has 149 values but 'X' has 150 samples/);
  });
});

describe('crossValidate and GridSearchCV mechanics', () => {
  it('crossValidate returns times and optional train scores; custom scoring and splitters', () => {
    const r = crossValidate(() => new GaussianNB(), X, y, {
      cv: new KFold({ nSplits: 3, shuffle: true }),
      returnTrainScore: true,
    });
    expect(r.testScore).toHaveLength(3);
    expect(r.trainScore).toHaveLength(3);
    expect(r.fitTime.every((t) => t >= 0)).toBe(true);
    const neg = crossValidate(
      () => new KNeighborsRegressor(),
      X,
      X.map((row) => row[0]),
      {
        cv: 3,
        scoring: (est, Xs, ys) => -est.predict(Xs).reduce((a, p, i) => a + (p - (ys[i] as number)) ** 2, 0),
      },
    );
    expect(neg.testScore.every((s) => s <= 0)).toBe(true);
    expect(() => crossValidate(() => new GaussianNB(), X, y, { cv: 1 })).toThrow(
      "crossValidate: 'cv' must be an integer >= 2 or a splitter, got 1.",
    );
  });

  it("clones an estimator instance; parameterGrid order is sklearn's", () => {
    expect(parameterGrid({ b: [1, 2], a: ['x', 'y'] })).toEqual([
      { a: 'x', b: 1 },
      { a: 'x', b: 2 },
      { a: 'y', b: 1 },
      { a: 'y', b: 2 },
    ]);
    const gs = new GridSearchCV(
      new KNeighborsClassifier({ weights: 'distance' }),
      { nNeighbors: [3, 5] },
      { cv: 3, refit: false },
    ).fit(X, y);
    expect(gs.cvResults.meanTestScore).toHaveLength(2);
    expect(() => gs.bestEstimator).toThrow(/needs refit: true/);
    expect(() => new GridSearchCV(new KNeighborsClassifier(), { nNeighbors: [] })).toThrow(
      /'paramGrid.nNeighbors' must be a non-empty array/,
    );
    expect(() => new GridSearchCV(new KNeighborsClassifier(), { nNeighbors: [3] }).bestParams).toThrow(
      /call fit\(\) before/,
    );
  });
});
