import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/tree.json';
import { checkEstimator } from '../testing';
import { DecisionTreeClassifier } from './decision-tree-classifier';

const { X, y, nTrain } = fixture.classification;
const Xtr = X.slice(0, nTrain);
const ytr = y.slice(0, nTrain);
const Xte = X.slice(nTrain);

const camel = (p: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k.replace(/_(\w)/g, (_, c) => c.toUpperCase()), v]));

describe('DecisionTreeClassifier', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new DecisionTreeClassifier({ maxDepth: 4 }), {
        kind: 'classifier',
        X: Xtr.slice(0, 40),
        y: ytr.slice(0, 40),
        fromJSON: (j) => DecisionTreeClassifier.fromJSON(j),
      }),
    ).toEqual([]);
    expect(
      checkEstimator(() => new DecisionTreeClassifier({ maxFeatures: 'sqrt', splitter: 'random' }), {
        kind: 'classifier',
        X: Xtr.slice(0, 40),
        y: ytr.slice(0, 40),
        randomized: true,
        fromJSON: (j) => DecisionTreeClassifier.fromJSON(j),
      }),
    ).toEqual([]);
  });

  for (const c of fixture.classifierCases) {
    it(`equals sklearn ${JSON.stringify(c.params)}: predictions, leaves, tree, importances`, () => {
      const m = new DecisionTreeClassifier(camel(c.params)).fit(Xtr, ytr);
      expect(m.predict(Xte)).toEqual(c.predict);
      expect(m.apply(Xte)).toEqual(c.apply);
      expect(m.getDepth()).toBe(c.depth);
      expect(m.getNLeaves()).toBe(c.nLeaves);
      const t = m.tree;
      expect(t.feature.length).toBe(c.nodeCount);
      expect(t.feature.map((f) => (f < 0 ? -2 : f))).toEqual(c.feature);
      t.threshold.forEach((v, i) => {
        expect(v).toBeCloseTo(c.threshold[i], 12);
      });
      t.impurity.forEach((v, i) => {
        expect(v).toBeCloseTo(c.impurity[i], 12);
      });
      m.featureImportances.forEach((v, i) => {
        expect(Math.abs(v - c.importances[i])).toBeLessThan(1e-9);
      });
      m.predictProba(Xte).forEach((row, i) => {
        row.forEach((v, k) => {
          expect(v).toBeCloseTo(c.proba[i][k], 12);
        });
      });
    });
  }

  it('grows pure leaves by default and respects maxDepth / minSamplesLeaf', () => {
    const full = new DecisionTreeClassifier().fit(Xtr, ytr);
    expect(full.score(Xtr, ytr)).toBe(1);
    const stump = new DecisionTreeClassifier({ maxDepth: 1 }).fit(Xtr, ytr);
    expect(stump.getDepth()).toBe(1);
    expect(stump.getNLeaves()).toBe(2);
    const big = new DecisionTreeClassifier({ minSamplesLeaf: 20 }).fit(Xtr, ytr);
    const t = big.tree;
    t.feature.forEach((f, i) => {
      if (f < 0) expect(t.nNodeSamples[i]).toBeGreaterThanOrEqual(20);
    });
  });

  it('uses sample weights: a zero weight removes a sample', () => {
    const w = ytr.map((_, i) => (i < 10 ? 0 : 1));
    const a = new DecisionTreeClassifier({ maxDepth: 3 }).fit(Xtr, ytr, w);
    const b = new DecisionTreeClassifier({ maxDepth: 3 }).fit(Xtr.slice(10), ytr.slice(10));
    expect(a.predict(Xte)).toEqual(b.predict(Xte));
  });

  it('rejects bad parameters with the estimator name', () => {
    expect(() => new DecisionTreeClassifier({ criterion: 'mse' as never }).fit(Xtr, ytr)).toThrow(
      /DecisionTreeClassifier: 'criterion' must be one of/,
    );
    expect(() => new DecisionTreeClassifier({ maxFeatures: 9 }).fit(Xtr, ytr)).toThrow(
      /'maxFeatures' \(9\) must not exceed the number of features \(5\)/,
    );
    expect(() => new DecisionTreeClassifier({ minSamplesSplit: 1 }).fit(Xtr, ytr)).toThrow(
      /'minSamplesSplit' must be/,
    );
    expect(() => new DecisionTreeClassifier().fit(Xtr, ytr, [1, 2])).toThrow(
      /'sampleWeight' has 2 values but 'X' has 180 samples/,
    );
  });
});
