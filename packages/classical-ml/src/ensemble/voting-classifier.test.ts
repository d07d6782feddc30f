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

describe('VotingClassifier with members from every family', () => {
  it('uses naive Bayes, KNN and SVC members without registering them, and round-trips', async () => {
    const { GaussianNB, KNeighborsClassifier, SVC } = await import('../index');
    const X = [
      [0, 0],
      [0.2, 0.1],
      [0.1, 0.3],
      [1, 1],
      [0.9, 1.2],
      [1.1, 0.8],
    ];
    const y = [0, 0, 0, 1, 1, 1];
    const vote = new VotingClassifier({
      voting: 'hard',
      estimators: [
        ['nb', new GaussianNB()],
        ['knn', () => new KNeighborsClassifier({ nNeighbors: 3 })],
        ['svc', new SVC({ kernel: 'linear' })],
      ],
    }).fit(X, y);
    expect(
      vote.predict([
        [0.1, 0.1],
        [1, 1],
      ]),
    ).toEqual([0, 1]);
    const restored = VotingClassifier.fromJSON(JSON.parse(JSON.stringify(vote)));
    expect(
      restored.predict([
        [0.1, 0.1],
        [1, 1],
      ]),
    ).toEqual([0, 1]);
  });
});
