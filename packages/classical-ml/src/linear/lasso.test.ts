import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/linear.json';
import { checkEstimator } from '../testing';
import { Lasso } from './lasso';

const { X, y, Xtest } = fixture.regression;

function maxDiff(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i])));
}

describe('Lasso', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new Lasso({ alpha: 0.1 }), {
        kind: 'regressor',
        X: X.slice(0, 12),
        y: y.slice(0, 12),
        fromJSON: (j) => Lasso.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('matches sklearn 1.2.1 coordinate descent within 1e-9 (coef, intercept, predictions, nIter)', () => {
    const cases = [
      ['lasso', { alpha: 0.1 }],
      ['lassoTight', { alpha: 0.1, tol: 1e-12, maxIter: 100000 }],
      ['lassoStrong', { alpha: 1 }],
      ['lassoNoIntercept', { alpha: 0.05, fitIntercept: false }],
    ] as const;
    for (const [key, params] of cases) {
      const ref = fixture.regression[key];
      const est = new Lasso(params).fit(X, y);
      expect(maxDiff(est.coef, ref.coef)).toBeLessThan(1e-9);
      expect(Math.abs(est.intercept - ref.intercept)).toBeLessThan(1e-9);
      expect(maxDiff(est.predict(Xtest), ref.predict)).toBeLessThan(1e-9);
      expect(est.nIter).toBe(ref.nIter);
    }
  });

  it('zeroes the irrelevant feature and every weight once alpha is large', () => {
    const est = new Lasso({ alpha: 1 }).fit(X, y);
    expect(est.coef.filter((w) => w === 0).length).toBeGreaterThan(0);
    const all = new Lasso({ alpha: 1e6 }).fit(X, y);
    expect(all.coef).toEqual([0, 0, 0, 0]);
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    expect(all.intercept).toBeCloseTo(mean, 12);
    expect(all.dualGap).toBeLessThan(1e-9);
  });

  it('validates parameters', () => {
    expect(() => new Lasso({ maxIter: 0 }).fit(X, y)).toThrow(
      /Lasso: 'maxIter' must be an integer > 0, got 0/,
    );
    expect(() => new Lasso({ alpha: Number.NaN }).fit(X, y)).toThrow(/Lasso: 'alpha' must be a number >= 0/);
  });
});
