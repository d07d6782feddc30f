import { describe, expect, it } from 'vitest';
import { cases, clf, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { RandomForestClassifier } from './random-forest-classifier';

describe('RandomForestClassifier', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new RandomForestClassifier({ nEstimators: 5 }), {
        kind: 'classifier',
        X: small.X,
        y: small.y,
        randomized: true,
        fromJSON: (j) => RandomForestClassifier.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('equals sklearn (same RandomState draws): predictions, OOB score, importances', () => {
    const ref = cases.RandomForestClassifier;
    const m = new RandomForestClassifier({ nEstimators: 50, oobScore: true }).fit(clf.Xtr, clf.ytr);
    expect(m.predict(clf.Xte.slice(0, 100))).toEqual(ref.predict);
    expect(m.score(clf.Xte, clf.yte)).toBe(ref.score);
    expect(m.oobScore).toBe(ref.oobScore);
    m.featureImportances.forEach((v, i) => {
      expect(Math.abs(v - (ref.importances as number[])[i])).toBeLessThan(1e-9);
    });
  });

  it('oobScore needs bootstrap; maxFeatures is validated', () => {
    expect(() =>
      new RandomForestClassifier({ bootstrap: false, oobScore: true }).fit(small.X, small.y),
    ).toThrow(/RandomForestClassifier: 'oobScore' needs 'bootstrap: true'/);
    expect(() => new RandomForestClassifier({ maxFeatures: 'all' as never }).fit(small.X, small.y)).toThrow(
      /'maxFeatures' must be/,
    );
    expect(() => new RandomForestClassifier({ nEstimators: 0 }).fit(small.X, small.y)).toThrow(
      /'nEstimators'/,
    );
  });
});
