import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/linear.json';
import { checkEstimator } from '../testing';
import { LinearRegression } from './linear-regression';
import { Ridge } from './ridge';

const { X, y, Xtest } = fixture.regression;

function maxDiff(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i])));
}

describe('Ridge', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new Ridge({ alpha: 0.5 }), {
        kind: 'regressor',
        X: X.slice(0, 12),
        y: y.slice(0, 12),
        fromJSON: (j) => Ridge.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it("matches sklearn 1.2.1 Ridge (solver 'auto' → cholesky) within 1e-10", () => {
    for (const [key, fitIntercept] of [
      ['ridge', true],
      ['ridgeNoIntercept', false],
    ] as const) {
      const ref = fixture.regression[key];
      const est = new Ridge({ alpha: 1.5, fitIntercept }).fit(X, y);
      expect(maxDiff(est.coef, ref.coef)).toBeLessThan(1e-10);
      expect(Math.abs(est.intercept - ref.intercept)).toBeLessThan(1e-10);
      expect(maxDiff(est.predict(Xtest), ref.predict)).toBeLessThan(1e-10);
    }
  });

  it('alpha = 0 is ordinary least squares; large alpha shrinks towards zero', () => {
    const ols = new LinearRegression().fit(X, y);
    expect(maxDiff(new Ridge({ alpha: 0 }).fit(X, y).coef, ols.coef)).toBeLessThan(1e-10);
    const strong = new Ridge({ alpha: 1e8 }).fit(X, y);
    expect(Math.max(...strong.coef.map(Math.abs))).toBeLessThan(1e-4);
  });

  it('validates alpha', () => {
    expect(() => new Ridge({ alpha: -1 }).fit(X, y)).toThrow(/Ridge: 'alpha' must be a number >= 0, got -1/);
  });
});
