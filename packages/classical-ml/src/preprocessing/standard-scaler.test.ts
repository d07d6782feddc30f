import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { checkEstimator } from '../testing';
import { StandardScaler } from './standard-scaler';

const X = [
  [1, 10, 5],
  [2, 20, 5],
  [3, 60, 5],
  [6, 10, 5],
];

describe('StandardScaler', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new StandardScaler(), {
        kind: 'transformer',
        X,
        fromJSON: (j) => StandardScaler.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('matches sklearn: population std, constant features left unscaled', () => {
    const s = new StandardScaler().fit(X);
    expect(s.mean).toEqual([3, 25, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(3.5), 12);
    expect(s.scale[2]).toBe(1);
    const z = s.transform(X);
    expect(z[0][0]).toBeCloseTo(-2 / Math.sqrt(3.5), 12);
    expect(s.inverseTransform(z)).toEqual(X.map((r) => r.map((v) => expect.closeTo(v, 12))));
  });

  it('rejects unknown and invalid parameters with the estimator name', () => {
    expect(() => new StandardScaler({ withMeans: true } as never)).toThrow(
      /StandardScaler: unknown parameter\(s\) 'withMeans'/,
    );
    expect(() => new StandardScaler({ withMean: 'yes' as never }).fit(X)).toThrow(ValueError);
    expect(() => new StandardScaler({ withMean: 'yes' as never }).fit(X)).toThrow(
      /'withMean' must be a boolean, got "yes"/,
    );
  });
});
