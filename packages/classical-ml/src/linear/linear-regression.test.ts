import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/linear.json';
import { checkEstimator } from '../testing';
import { LinearRegression } from './linear-regression';

const { X, y, Xtest } = fixture.regression;

function maxDiff(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i])));
}

describe('LinearRegression', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new LinearRegression(), {
        kind: 'regressor',
        X: X.slice(0, 12),
        y: y.slice(0, 12),
        fromJSON: (j) => LinearRegression.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('matches sklearn 1.2.1 coefficients within 1e-10, with and without intercept', () => {
    for (const [key, fitIntercept] of [
      ['linear', true],
      ['linearNoIntercept', false],
    ] as const) {
      const ref = fixture.regression[key];
      const est = new LinearRegression({ fitIntercept }).fit(X, y);
      expect(maxDiff(est.coef, ref.coef)).toBeLessThan(1e-10);
      expect(Math.abs(est.intercept - ref.intercept)).toBeLessThan(1e-10);
      expect(maxDiff(est.predict(Xtest), ref.predict)).toBeLessThan(1e-10);
    }
  });

  it('recovers an exact linear relation and scores R² = 1', () => {
    const Xs = [
      [1, 2],
      [2, 0],
      [3, 5],
      [4, 1],
    ];
    const ys = Xs.map(([a, b]) => 2 * a - 3 * b + 7);
    const est = new LinearRegression().fit(Xs, ys);
    expect(est.coef[0]).toBeCloseTo(2, 12);
    expect(est.coef[1]).toBeCloseTo(-3, 12);
    expect(est.intercept).toBeCloseTo(7, 12);
    expect(est.score(Xs, ys)).toBeCloseTo(1, 12);
  });

  it('gives the minimum-norm solution for rank-deficient and wide X (like scipy lstsq)', () => {
    // Column 1 duplicates column 0: the minimum-norm split is 1.5 / 1.5.
    const Xd = [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ];
    const est = new LinearRegression({ fitIntercept: false }).fit(Xd, [3, 6, 9, 12]);
    expect(est.coef[0]).toBeCloseTo(1.5, 10);
    expect(est.coef[1]).toBeCloseTo(1.5, 10);
    // One sample, two features: w = x / ‖x‖² · y.
    const wide = new LinearRegression({ fitIntercept: false }).fit([[3, 4]], [5]);
    expect(wide.coef[0]).toBeCloseTo(0.6, 12);
    expect(wide.coef[1]).toBeCloseTo(0.8, 12);
  });

  it('rejects bad input with the estimator name', () => {
    expect(() => new LinearRegression().fit([[1], [2]], [1])).toThrow(
      /LinearRegression.fit: 'y' has 1 values but 'X' has 2 samples/,
    );
    expect(() => new LinearRegression().fit([[1], [2]], [1, Number.NaN])).toThrow(/'y' has NaN at index 1/);
    expect(() => new LinearRegression({ fitIntercept: 1 as never }).fit([[1]], [1])).toThrow(
      /LinearRegression: 'fitIntercept' must be a boolean/,
    );
    expect(() => new LinearRegression().coef).toThrow(/LinearRegression: call fit\(\) before reading coef/);
  });
});
