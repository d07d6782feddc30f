// The estimators the tour fits, with the settings it fits them with.
import {
  AdaBoostClassifier,
  BaggingClassifier,
  BernoulliNB,
  DecisionTreeClassifier,
  DecisionTreeRegressor,
  ExtraTreesClassifier,
  ExtraTreesRegressor,
  GaussianNB,
  GradientBoostingClassifier,
  GradientBoostingRegressor,
  HistGradientBoostingClassifier,
  HistGradientBoostingRegressor,
  KNeighborsClassifier,
  KNeighborsRegressor,
  type Label,
  Lasso,
  LinearRegression,
  LinearSVC,
  LogisticRegression,
  MultinomialNB,
  RandomForestClassifier,
  RandomForestRegressor,
  Ridge,
  SGDClassifier,
  StackingClassifier,
  SVC,
  SVR,
  VotingClassifier,
} from '@llm/classical-ml';

export interface Classifier {
  fit(X: number[][], y: Label[]): unknown;
  predict(X: number[][]): Label[];
}

export interface Regressor {
  fit(X: number[][], y: number[]): unknown;
  predict(X: number[][]): number[];
}

export type ClassificationData = 'iris' | 'spam';

export interface Entry<M> {
  name: string;
  make: () => M;
  /** Fit on standardised features (StandardScaler fitted on the training rows). */
  scaled?: boolean;
  /** Data sets it runs on (default: all). */
  on?: ClassificationData[];
  /** Left out of the reduced tour (`quick`), which the test runs. */
  slow?: boolean;
}

const tree = () => new DecisionTreeClassifier({ maxDepth: 1 });

// Voting and stacking members come from the classes ensembles can restore without registerEstimator.
export const classifiers: Entry<Classifier>[] = [
  { name: 'LogisticRegression', make: () => new LogisticRegression({ maxIter: 1000 }), scaled: true },
  { name: 'SGDClassifier', make: () => new SGDClassifier({ randomState: 0 }), scaled: true },
  { name: 'LinearSVC', make: () => new LinearSVC({ maxIter: 5000 }), scaled: true },
  { name: 'SVC (rbf)', make: () => new SVC({ kernel: 'rbf' }), scaled: true },
  { name: 'KNeighborsClassifier', make: () => new KNeighborsClassifier({ nNeighbors: 5 }), scaled: true },
  { name: 'GaussianNB', make: () => new GaussianNB() },
  { name: 'MultinomialNB', make: () => new MultinomialNB(), on: ['spam'] },
  { name: 'BernoulliNB', make: () => new BernoulliNB(), on: ['spam'] },
  { name: 'DecisionTreeClassifier', make: () => new DecisionTreeClassifier({ randomState: 0 }) },
  { name: 'RandomForestClassifier', make: () => new RandomForestClassifier({ nEstimators: 100 }) },
  { name: 'ExtraTreesClassifier', make: () => new ExtraTreesClassifier({ nEstimators: 100 }), slow: true },
  {
    name: 'AdaBoostClassifier',
    make: () => new AdaBoostClassifier({ estimator: tree, nEstimators: 50 }),
    slow: true,
  },
  { name: 'GradientBoostingClassifier', make: () => new GradientBoostingClassifier(), slow: true },
  { name: 'HistGradientBoostingClassifier', make: () => new HistGradientBoostingClassifier() },
  {
    name: 'BaggingClassifier',
    make: () => new BaggingClassifier({ estimator: () => new DecisionTreeClassifier(), nEstimators: 10 }),
    slow: true,
  },
  {
    name: 'VotingClassifier (soft)',
    make: () =>
      new VotingClassifier({
        estimators: [
          ['lr', () => new LogisticRegression({ maxIter: 1000 })],
          ['rf', () => new RandomForestClassifier({ nEstimators: 50 })],
          ['hgb', () => new HistGradientBoostingClassifier({ nEstimators: 30 })],
        ],
        voting: 'soft',
      }),
    scaled: true,
    slow: true,
  },
  {
    name: 'StackingClassifier',
    make: () =>
      new StackingClassifier({
        estimators: [
          ['rf', () => new RandomForestClassifier({ nEstimators: 50 })],
          ['et', () => new ExtraTreesClassifier({ nEstimators: 50 })],
        ],
        finalEstimator: () => new LogisticRegression({ maxIter: 1000 }),
      }),
    scaled: true,
    slow: true,
  },
];

export const regressors: Entry<Regressor>[] = [
  { name: 'LinearRegression', make: () => new LinearRegression() },
  { name: 'Ridge', make: () => new Ridge({ alpha: 1 }), scaled: true },
  { name: 'Lasso', make: () => new Lasso({ alpha: 0.1, maxIter: 10_000 }), scaled: true },
  { name: 'SVR (rbf)', make: () => new SVR({ kernel: 'rbf', C: 20, epsilon: 0.5 }), scaled: true },
  { name: 'KNeighborsRegressor', make: () => new KNeighborsRegressor({ nNeighbors: 5 }), scaled: true },
  { name: 'DecisionTreeRegressor', make: () => new DecisionTreeRegressor({ randomState: 0 }) },
  { name: 'RandomForestRegressor', make: () => new RandomForestRegressor({ nEstimators: 100 }) },
  { name: 'ExtraTreesRegressor', make: () => new ExtraTreesRegressor({ nEstimators: 100 }), slow: true },
  { name: 'GradientBoostingRegressor', make: () => new GradientBoostingRegressor(), slow: true },
  { name: 'HistGradientBoostingRegressor', make: () => new HistGradientBoostingRegressor() },
];

/** The classifiers drawn on the iris PCA plane (one small panel each). */
export const boundaryPanels = [
  'LogisticRegression',
  'LinearSVC',
  'SVC (rbf)',
  'KNeighborsClassifier',
  'GaussianNB',
  'DecisionTreeClassifier',
  'RandomForestClassifier',
  'HistGradientBoostingClassifier',
  'AdaBoostClassifier',
];
