import { describe, expect, it } from 'vitest';
import { cases, clf, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { GradientBoostingClassifier } from './gradient-boosting-classifier';

describe('GradientBoostingClassifier', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new GradientBoostingClassifier({ nEstimators: 5, subsample: 0.8 }), {
        kind: 'classifier',
        X: small.X,
        y: small.y,
        randomized: true,
        fromJSON: (j) => GradientBoostingClassifier.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('equals sklearn: multinomial and binomial log-loss (predictions, probabilities)', () => {
    const multi = new GradientBoostingClassifier({ nEstimators: 50 }).fit(clf.Xtr, clf.ytr);
    expect(multi.predict(clf.Xte.slice(0, 100))).toEqual(cases.GradientBoostingClassifier.predict);
    expect(multi.score(clf.Xte, clf.yte)).toBe(cases.GradientBoostingClassifier.score);
    multi.predictProba(clf.Xte.slice(0, 20)).forEach((row, i) => {
      row.forEach((p, k) => {
        expect(Math.abs(p - (cases.GradientBoostingClassifier.proba as number[][])[i][k])).toBeLessThan(1e-9);
      });
    });
    const bin = new GradientBoostingClassifier({ nEstimators: 50 }).fit(clf.Xtr, clf.ybtr);
    expect(bin.predict(clf.Xte.slice(0, 100))).toEqual(cases['GradientBoostingClassifier.binary'].predict);
    expect((bin.decisionFunction(clf.Xte.slice(0, 3)) as number[]).length).toBe(3);
  });

  it('stochastic boosting (subsample 0.7) within 1 point of sklearn', () => {
    const m = new GradientBoostingClassifier({ nEstimators: 50, subsample: 0.7 }).fit(clf.Xtr, clf.ytr);
    expect(
      Math.abs(m.score(clf.Xte, clf.yte) - cases['GradientBoostingClassifier.subsample'].score),
    ).toBeLessThan(0.01);
  });

  it('needs two classes and a valid learning rate', () => {
    expect(() => new GradientBoostingClassifier().fit([[0], [1]], [1, 1])).toThrow(/at least 2 classes/);
    expect(() => new GradientBoostingClassifier({ learningRate: 0 }).fit(small.X, small.y)).toThrow(
      /GradientBoostingClassifier: 'learningRate' must be/,
    );
  });
});
