import { describe, expect, it } from 'vitest';
import { cases, clf, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier';
import { AdaBoostClassifier } from './ada-boost-classifier';

describe('AdaBoostClassifier', () => {
  it('passes the estimator conformance suite (SAMME and SAMME.R, factory learner)', () => {
    for (const algorithm of ['SAMME', 'SAMME.R'] as const) {
      expect(
        checkEstimator(
          () =>
            new AdaBoostClassifier({
              nEstimators: 8,
              algorithm,
              estimator: () => new DecisionTreeClassifier({ maxDepth: 2 }),
            }),
          { kind: 'classifier', X: small.X, y: small.y, fromJSON: (j) => AdaBoostClassifier.fromJSON(j) },
        ),
      ).toEqual([]);
    }
  });

  it('equals sklearn SAMME and SAMME.R with stumps', () => {
    for (const [key, algorithm] of [
      ['AdaBoostClassifier', 'SAMME'],
      ['AdaBoostClassifier.SAMME.R', 'SAMME.R'],
    ] as const) {
      const m = new AdaBoostClassifier({ nEstimators: 50, algorithm }).fit(clf.Xtr, clf.ytr);
      expect(m.predict(clf.Xte.slice(0, 100))).toEqual(cases[key].predict);
      expect(m.score(clf.Xte, clf.yte)).toBe(cases[key].score);
    }
  });

  it('stops when a learner is perfect and rejects a useless first learner', () => {
    const X = [[0], [1], [2], [3]];
    const m = new AdaBoostClassifier().fit(X, ['a', 'a', 'b', 'b']);
    expect(m.estimatorWeights).toEqual([1]);
    expect(m.predict([[0.2], [2.8]])).toEqual(['a', 'b']);
    expect(() =>
      new AdaBoostClassifier({
        estimator: new DecisionTreeClassifier({ maxDepth: 1, minSamplesLeaf: 3 }),
      }).fit([[0], [1], [2], [3]], [0, 1, 0, 1]),
    ).toThrow(/AdaBoostClassifier: the first weak learner is no better than chance/);
  });
});
