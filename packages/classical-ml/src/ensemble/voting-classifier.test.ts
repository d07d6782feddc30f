import { describe, expect, it } from 'vitest';
import { cases, clf, small } from '../../test/ensemble-fixture';
import { checkEstimator } from '../testing';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier';
import { GradientBoostingClassifier } from './gradient-boosting-classifier';
import { RandomForestClassifier } from './random-forest-classifier';
import { VotingClassifier } from './voting-classifier';

const members = (): [
  string,
  () => DecisionTreeClassifier | RandomForestClassifier | GradientBoostingClassifier,
][] => [
  ['dt', () => new DecisionTreeClassifier({ maxDepth: 5 })],
  ['rf', () => new RandomForestClassifier({ nEstimators: 30 })],
  ['gb', () => new GradientBoostingClassifier({ nEstimators: 30 })],
];

describe('VotingClassifier', () => {
  it('passes the estimator conformance suite (hard and soft)', () => {
    for (const voting of ['hard', 'soft'] as const) {
      expect(
        checkEstimator(
          () =>
            new VotingClassifier({
              voting,
              estimators: [
                ['a', new DecisionTreeClassifier({ maxDepth: 2 })],
                ['b', () => new RandomForestClassifier({ nEstimators: 3 })],
              ],
            }),
          { kind: 'classifier', X: small.X, y: small.y, fromJSON: (j) => VotingClassifier.fromJSON(j) },
        ),
      ).toEqual([]);
    }
  });

  it('equals sklearn’s held-out accuracy (members equal sklearn’s)', () => {
    const hard = new VotingClassifier({ estimators: members() }).fit(clf.Xtr, clf.ytr);
    expect(hard.score(clf.Xte, clf.yte)).toBe(cases['VotingClassifier.hard'].score);
    const soft = new VotingClassifier({ estimators: members(), voting: 'soft' }).fit(clf.Xtr, clf.ytr);
    expect(soft.score(clf.Xte, clf.yte)).toBe(cases['VotingClassifier.soft'].score);
  });

  it('rejects empty member lists and mismatched weights', () => {
    expect(() => new VotingClassifier().fit(small.X, small.y)).toThrow(
      /VotingClassifier: 'estimators' must be a non-empty/,
    );
    expect(() =>
      new VotingClassifier({ estimators: members().slice(0, 1), weights: [1, 2] }).fit(small.X, small.y),
    ).toThrow(/'weights' has 2 values but there are 1 estimators/);
  });
});
