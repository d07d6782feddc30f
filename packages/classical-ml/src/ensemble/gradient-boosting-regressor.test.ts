import { describe, expect, it } from 'vitest';
import { cases, reg, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { GradientBoostingRegressor } from './gradient-boosting-regressor';

describe('GradientBoostingRegressor', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new GradientBoostingRegressor({ nEstimators: 5, loss: 'huber' }), {
        kind: 'regressor',
        X: small.Xr,
        y: small.yr,
        fromJSON: (j) => GradientBoostingRegressor.fromJSON(j),
      }),
    ).toEqual([]);
  });

  for (const [key, loss] of [
    ['GradientBoostingRegressor', 'squared_error'],
    ['GradientBoostingRegressor.absolute_error', 'absolute_error'],
    ['GradientBoostingRegressor.huber', 'huber'],
  ] as const) {
    it(`matches sklearn with loss '${loss}' (first 100 predictions to 1e-9, R²)`, () => {
      const m = new GradientBoostingRegressor({ loss, alpha: loss === 'huber' ? 0.8 : 0.9 }).fit(
        reg.Xtr,
        reg.ytr,
      );
      const ref = cases[key];
      m.predict(reg.Xte.slice(0, 100)).forEach((v, i) => {
        expect(Math.abs(v - (ref.predict as number[])[i])).toBeLessThan(1e-9);
      });
      // Huber's gamma is a percentile of |residuals|; a last-bit difference there can move a few late
      // splits, so its held-out R² agrees to 1e-4 rather than 1e-9.
      expect(Math.abs(m.score(reg.Xte, reg.yte) - ref.score)).toBeLessThan(loss === 'huber' ? 1e-4 : 1e-9);
    });
  }

  it('quantile loss puts about alpha of the training targets below the prediction', () => {
    const m = new GradientBoostingRegressor({ loss: 'quantile', alpha: 0.8, nEstimators: 50 }).fit(
      reg.Xtr,
      reg.ytr,
    );
    const p = m.predict(reg.Xtr);
    const below = reg.ytr.filter((v, i) => v <= p[i]).length / reg.ytr.length;
    expect(below).toBeGreaterThan(0.7);
    expect(below).toBeLessThan(0.9);
  });
});
