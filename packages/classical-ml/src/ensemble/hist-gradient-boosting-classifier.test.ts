import { describe, expect, it } from 'vitest';
import { cases, clf, small } from '../../test/ensemble-fixture';
import { crossValidate } from '../model-selection/cross-validate';
import { checkEstimator } from '../testing';
import { HistGradientBoostingClassifier } from './hist-gradient-boosting-classifier';

describe('HistGradientBoostingClassifier', () => {
  it('passes the estimator conformance suite (NaN allowed)', () => {
    expect(
      checkEstimator(() => new HistGradientBoostingClassifier({ nEstimators: 10 }), {
        kind: 'classifier',
        X: small.X,
        y: small.y,
        allowsNaN: true,
        fromJSON: (j) => HistGradientBoostingClassifier.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('held-out accuracy within 1 point of XGBClassifier(tree_method="hist"): multiclass, binary, with NaN', () => {
    const multi = new HistGradientBoostingClassifier().fit(clf.Xtr, clf.ytr);
    expect(Math.abs(multi.score(clf.Xte, clf.yte) - cases.XGBClassifier.score)).toBeLessThan(0.01);
    const bin = new HistGradientBoostingClassifier().fit(clf.Xtr, clf.ybtr);
    expect(Math.abs(bin.score(clf.Xte, clf.ybte) - cases['XGBClassifier.binary'].score)).toBeLessThanOrEqual(
      0.01,
    );
    const n = clf.nTrain;
    const nan = new HistGradientBoostingClassifier().fit(clf.XNaN.slice(0, n), clf.ytr);
    expect(Math.abs(nan.score(clf.XNaN.slice(n), clf.yte) - cases['XGBClassifier.nan'].score)).toBeLessThan(
      0.01,
    );
  });

  it('learns the direction of missing values', () => {
    // NaN behaves like a large value: the learned default direction must send it right.
    const X = [
      ...Array.from({ length: 40 }, (_, i) => [i]),
      ...Array.from({ length: 20 }, () => [Number.NaN]),
    ];
    const y = [
      ...Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1)),
      ...Array.from({ length: 20 }, () => 1),
    ];
    const m = new HistGradientBoostingClassifier({ nEstimators: 20 }).fit(X, y);
    expect(m.predict([[Number.NaN], [5], [35]])).toEqual([1, 0, 1]);
  });

  it('stops early on the validation split and works with crossValidate', () => {
    const m = new HistGradientBoostingClassifier({
      nEstimators: 500,
      nIterNoChange: 5,
      learningRate: 0.5,
    }).fit(clf.Xtr, clf.ytr);
    expect(m.nIter).toBeLessThan(500);
    expect(m.validationLoss.length).toBeGreaterThan(m.nIter);
    const { testScore } = crossValidate(
      () => new HistGradientBoostingClassifier({ nEstimators: 20 }),
      clf.Xtr,
      clf.ytr,
      {
        cv: 3,
      },
    );
    expect(testScore).toHaveLength(3);
    for (const s of testScore) expect(s).toBeGreaterThan(0.75);
  });

  it('rejects maxBins above 255', () => {
    expect(() => new HistGradientBoostingClassifier({ maxBins: 256 }).fit(small.X, small.y)).toThrow(
      /HistGradientBoostingClassifier: 'maxBins' must be an integer >= 2 and <= 255/,
    );
  });
});
