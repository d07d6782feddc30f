import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/svm.json';
import { checkEstimator } from '../testing';
import { SVR, type SVRParams } from './svr';

const maxDiff = (a: readonly number[], b: readonly number[]): number =>
  Math.max(0, ...a.map((v, i) => Math.abs(v - b[i])));

describe('SVR', () => {
  const { X, y, Xtest } = fixture.svr;

  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new SVR(), {
        kind: 'regressor',
        X: X.slice(0, 20),
        y: y.slice(0, 20),
        fromJSON: (j) => SVR.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('matches sklearn 1.2.1: shrinking=False path within 1e-9 (support, dual coefficients, predictions); default sklearn predictions within 1e-3', () => {
    for (const name of ['rbf', 'rbfC10', 'linear', 'poly'] as const) {
      const ref = fixture.svr[name];
      const est = new SVR(ref.params as Partial<SVRParams>).fit(X, y);
      expect(est.support, name).toEqual(ref.support);
      expect(maxDiff(est.dualCoef[0], ref.dualCoef[0]), name).toBeLessThan(1e-9);
      expect(Math.abs(est.intercept[0] - ref.intercept[0]), name).toBeLessThan(1e-9);
      expect(maxDiff(est.predict(Xtest), ref.predict), name).toBeLessThan(1e-9);
      expect(maxDiff(est.predict(Xtest), ref.defaultPredict), `${name} vs sklearn defaults`).toBeLessThan(
        1e-3,
      );
    }
  });

  it('a wide tube needs no support vectors; validates epsilon', () => {
    const flat = new SVR({ epsilon: 100 }).fit(X, y);
    expect(flat.support).toEqual([]);
    expect(() => new SVR({ epsilon: -1 }).fit(X, y)).toThrow(/SVR: 'epsilon' must be a number >= 0, got -1/);
  });
});
