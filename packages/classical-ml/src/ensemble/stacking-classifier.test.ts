import { describe, expect, it } from 'vitest';
import { cases, clf, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier';
import { RandomForestClassifier } from './random-forest-classifier';
import { StackingClassifier } from './stacking-classifier';

describe('StackingClassifier', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(
        () =>
          new StackingClassifier({
            cv: 3,
            estimators: [
              ['dt', new DecisionTreeClassifier({ maxDepth: 3 })],
              ['rf', () => new RandomForestClassifier({ nEstimators: 3 })],
            ],
          }),
        { kind: 'classifier', X: small.X, y: small.y, fromJSON: (j) => StackingClassifier.fromJSON(j) },
      ),
    ).toEqual([]);
  });

  it('held-out accuracy within 1 point of sklearn (LogisticRegression final estimator)', () => {
    const m = new StackingClassifier({
      estimators: [
        ['dt', new DecisionTreeClassifier({ maxDepth: 5 })],
        ['rf', new RandomForestClassifier({ nEstimators: 30 })],
      ],
    }).fit(clf.Xtr, clf.ytr);
    expect(Math.abs(m.score(clf.Xte, clf.yte) - cases.StackingClassifier.score)).toBeLessThan(0.01);
  });

  it('accepts any final estimator and passthrough', () => {
    const m = new StackingClassifier({
      estimators: [['dt', new DecisionTreeClassifier({ maxDepth: 3 })]],
      finalEstimator: () => new DecisionTreeClassifier({ maxDepth: 3 }),
      passthrough: true,
    }).fit(clf.Xtr, clf.ybtr);
    expect(m.score(clf.Xte, clf.ybte)).toBeGreaterThan(0.8);
  });
});
