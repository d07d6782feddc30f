import { describe, expect, it } from 'vitest';
import { cases, reg, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { ExtraTreesRegressor } from './extra-trees-regressor';

describe('ExtraTreesRegressor', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new ExtraTreesRegressor({ nEstimators: 5 }), {
        kind: 'regressor',
        X: small.Xr,
        y: small.yr,
        randomized: true,
        fromJSON: (j) => ExtraTreesRegressor.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('held-out R² within 1 point of sklearn', () => {
    const m = new ExtraTreesRegressor({ nEstimators: 30 }).fit(reg.Xtr, reg.ytr);
    expect(Math.abs(m.score(reg.Xte, reg.yte) - cases.ExtraTreesRegressor.score)).toBeLessThan(0.01);
  });
});
