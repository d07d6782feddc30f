import { describe, expect, it } from 'vitest';
import { cases, reg, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { RandomForestRegressor } from './random-forest-regressor';

describe('RandomForestRegressor', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new RandomForestRegressor({ nEstimators: 5 }), {
        kind: 'regressor',
        X: small.Xr,
        y: small.yr,
        randomized: true,
        fromJSON: (j) => RandomForestRegressor.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('held-out R² and OOB R² within 1 point of sklearn', () => {
    const ref = cases.RandomForestRegressor;
    const m = new RandomForestRegressor({ nEstimators: 30, oobScore: true }).fit(reg.Xtr, reg.ytr);
    expect(Math.abs(m.score(reg.Xte, reg.yte) - ref.score)).toBeLessThan(0.01);
    expect(Math.abs((m.oobScore as number) - (ref.oobScore as number))).toBeLessThan(0.01);
    expect(m.featureImportances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
