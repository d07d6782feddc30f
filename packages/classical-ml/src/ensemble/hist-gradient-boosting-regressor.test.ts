import { describe, expect, it } from 'vitest';
import { cases, reg, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { HistGradientBoostingRegressor } from './hist-gradient-boosting-regressor';

describe('HistGradientBoostingRegressor', () => {
  it('passes the estimator conformance suite (NaN allowed)', () => {
    expect(
      checkEstimator(() => new HistGradientBoostingRegressor({ nEstimators: 10, alpha: 0.1, gamma: 0.1 }), {
        kind: 'regressor',
        X: small.Xr,
        y: small.yr,
        allowsNaN: true,
        fromJSON: (j) => HistGradientBoostingRegressor.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('held-out R² within 1 point of XGBRegressor(tree_method="hist"), with and without NaN', () => {
    const m = new HistGradientBoostingRegressor().fit(reg.Xtr, reg.ytr);
    expect(Math.abs(m.score(reg.Xte, reg.yte) - cases.XGBRegressor.score)).toBeLessThan(0.01);
    const n = reg.nTrain;
    const nan = new HistGradientBoostingRegressor().fit(reg.XNaN.slice(0, n), reg.ytr);
    expect(Math.abs(nan.score(reg.XNaN.slice(n), reg.yte) - cases['XGBRegressor.nan'].score)).toBeLessThan(
      0.01,
    );
  });

  it('lambda, gamma and minChildWeight regularise: a huge gamma leaves single-leaf trees', () => {
    const m = new HistGradientBoostingRegressor({ nEstimators: 3, gamma: 1e9 }).fit(reg.Xtr, reg.ytr);
    const p = m.predict(reg.Xte.slice(0, 5));
    expect(new Set(p.map((v) => v.toFixed(9))).size).toBe(1);
  });
});
