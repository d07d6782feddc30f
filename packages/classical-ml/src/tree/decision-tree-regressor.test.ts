import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/tree.json';
import { checkEstimator } from '../testing';
import { DecisionTreeRegressor } from './decision-tree-regressor';

const { X, y, nTrain } = fixture.regression;
const Xtr = X.slice(0, nTrain);
const ytr = y.slice(0, nTrain);
const Xte = X.slice(nTrain);

const camel = (p: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k.replace(/_(\w)/g, (_, c) => c.toUpperCase()), v]));

describe('DecisionTreeRegressor', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new DecisionTreeRegressor({ maxDepth: 5 }), {
        kind: 'regressor',
        X: Xtr.slice(0, 40),
        y: ytr.slice(0, 40),
        fromJSON: (j) => DecisionTreeRegressor.fromJSON(j),
      }),
    ).toEqual([]);
  });

  for (const c of fixture.regressorCases) {
    it(`equals sklearn ${JSON.stringify(c.params)}: predictions, leaves, importances`, () => {
      const m = new DecisionTreeRegressor(camel(c.params)).fit(Xtr, ytr);
      // Same tree (leaf ids equal); leaf means agree to the last bits only, since sklearn sums each
      // node's targets in the order its unstable introsort leaves them.
      expect(m.apply(Xte)).toEqual(c.apply);
      m.predict(Xte).forEach((v, i) => {
        expect(Math.abs(v - c.predict[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(v)));
      });
      expect(m.getDepth()).toBe(c.depth);
      expect(m.getNLeaves()).toBe(c.nLeaves);
      const t = m.tree;
      expect(t.feature.length).toBe(c.nodeCount);
      t.threshold.forEach((v, i) => {
        expect(v).toBeCloseTo(c.threshold[i], 12);
      });
      m.featureImportances.forEach((v, i) => {
        expect(Math.abs(v - c.importances[i])).toBeLessThan(1e-9);
      });
    });
  }

  it('a stump predicts the two leaf means', () => {
    const m = new DecisionTreeRegressor({ maxDepth: 1 }).fit([[0], [1], [2], [3]], [1, 1, 5, 7]);
    expect(m.predict([[0.5], [2.5]])).toEqual([1, 6]);
    expect(m.tree.threshold[0]).toBe(1.5);
  });

  it('rejects bad parameters', () => {
    expect(() => new DecisionTreeRegressor({ criterion: 'gini' as never }).fit(Xtr, ytr)).toThrow(
      /DecisionTreeRegressor: 'criterion' must be one of "squared_error", "friedman_mse"/,
    );
    expect(() => new DecisionTreeRegressor({ maxDepth: 0 }).fit(Xtr, ytr)).toThrow(/'maxDepth' must be/);
  });
});
