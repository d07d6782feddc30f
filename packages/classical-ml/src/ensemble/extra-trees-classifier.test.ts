import { describe, expect, it } from 'vitest';
import { cases, clf, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { ExtraTreesClassifier } from './extra-trees-classifier';

describe('ExtraTreesClassifier', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new ExtraTreesClassifier({ nEstimators: 5 }), {
        kind: 'classifier',
        X: small.X,
        y: small.y,
        randomized: true,
        fromJSON: (j) => ExtraTreesClassifier.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('equals sklearn: random thresholds drawn like sklearn’s splitter', () => {
    const ref = cases.ExtraTreesClassifier;
    const m = new ExtraTreesClassifier({ nEstimators: 50 }).fit(clf.Xtr, clf.ytr);
    expect(m.predict(clf.Xte.slice(0, 100))).toEqual(ref.predict);
    expect(m.score(clf.Xte, clf.yte)).toBe(ref.score);
  });
});
