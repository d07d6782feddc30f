import { describe, expect, it } from 'vitest';
import { cases, clf, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier';
import { BaggingClassifier } from './bagging-classifier';

describe('BaggingClassifier', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(
        () =>
          new BaggingClassifier({ nEstimators: 4, estimator: new DecisionTreeClassifier({ maxDepth: 3 }) }),
        {
          kind: 'classifier',
          X: small.X,
          y: small.y,
          randomized: true,
          fromJSON: (j) => BaggingClassifier.fromJSON(j),
        },
      ),
    ).toEqual([]);
  });

  it('equals sklearn with bootstrap trees', () => {
    const m = new BaggingClassifier({ nEstimators: 20 }).fit(clf.Xtr, clf.ytr);
    expect(m.predict(clf.Xte.slice(0, 100))).toEqual(cases.BaggingClassifier.predict);
    expect(m.score(clf.Xte, clf.yte)).toBe(cases.BaggingClassifier.score);
  });

  it('supports subsampling without replacement and an OOB score', () => {
    const m = new BaggingClassifier({ nEstimators: 10, oobScore: true }).fit(clf.Xtr, clf.ytr);
    expect(m.oobScore).toBeGreaterThan(0.7);
    const half = new BaggingClassifier({ nEstimators: 5, bootstrap: false, maxSamples: 0.5 }).fit(
      clf.Xtr,
      clf.ytr,
    );
    expect(half.score(clf.Xte, clf.yte)).toBeGreaterThan(0.7);
    expect(() => new BaggingClassifier({ maxSamples: 5000 }).fit(small.X, small.y)).toThrow(
      /'maxSamples' \(5000\) must give between 1 and 60 samples/,
    );
  });
});
