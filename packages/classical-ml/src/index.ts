// @llm/classical-ml: scikit-learn's classic estimators. Everything public is listed here by name.

export { Estimator, type EstimatorJSON } from './base';
export { DBSCAN, type DBSCANParams } from './cluster/dbscan';
export { KMeans, type KMeansParams } from './cluster/k-means';
export { MiniBatchKMeans, type MiniBatchKMeansParams } from './cluster/mini-batch-k-means';
export { PCA, type PCAParams } from './decomposition/pca';
export { AdaBoostClassifier, type AdaBoostClassifierParams } from './ensemble/ada-boost-classifier';
export { BaggingClassifier, type BaggingClassifierParams } from './ensemble/bagging-classifier';
export { ExtraTreesClassifier, type ExtraTreesClassifierParams } from './ensemble/extra-trees-classifier';
export { ExtraTreesRegressor, type ExtraTreesRegressorParams } from './ensemble/extra-trees-regressor';
export {
  GradientBoostingClassifier,
  type GradientBoostingClassifierParams,
} from './ensemble/gradient-boosting-classifier';
export {
  GradientBoostingRegressor,
  type GradientBoostingRegressorParams,
} from './ensemble/gradient-boosting-regressor';
export {
  HistGradientBoostingClassifier,
  type HistGradientBoostingClassifierParams,
} from './ensemble/hist-gradient-boosting-classifier';
export {
  HistGradientBoostingRegressor,
  type HistGradientBoostingRegressorParams,
} from './ensemble/hist-gradient-boosting-regressor';
export {
  RandomForestClassifier,
  type RandomForestClassifierParams,
} from './ensemble/random-forest-classifier';
export { RandomForestRegressor, type RandomForestRegressorParams } from './ensemble/random-forest-regressor';
export { StackingClassifier, type StackingClassifierParams } from './ensemble/stacking-classifier';
export { VotingClassifier, type VotingClassifierParams } from './ensemble/voting-classifier';
export { NotFittedError, ShapeError, ValueError } from './errors';
export type { TreeState } from './internal/cart';
export { type EstimatorSpec, registerEstimator } from './internal/ensemble-members';
export type { Label } from './internal/labels';
export type { MatrixLike } from './internal/matrix';
export { Lasso, type LassoParams } from './linear/lasso';
export { LinearRegression, type LinearRegressionParams } from './linear/linear-regression';
export { LogisticRegression, type LogisticRegressionParams } from './linear/logistic-regression';
export { Ridge, type RidgeParams } from './linear/ridge';
export { SGDClassifier, type SGDClassifierParams } from './linear/sgd-classifier';
export {
  type CrossValEstimator,
  type CrossValidateOptions,
  type CrossValidateResult,
  crossValidate,
  crossValScore,
  type Scorer,
} from './model-selection/cross-validate';
export {
  GridSearchCV,
  type GridSearchCVOptions,
  type GridSearchResults,
  parameterGrid,
} from './model-selection/grid-search-cv';
export { KFold, type KFoldOptions, type Split, StratifiedKFold } from './model-selection/k-fold';
export {
  type TrainTestSplitOptions,
  type TrainTestSplitResult,
  trainTestSplit,
} from './model-selection/train-test-split';
export { BernoulliNB, type BernoulliNBParams } from './naive-bayes/bernoulli-nb';
export { GaussianNB, type GaussianNBParams } from './naive-bayes/gaussian-nb';
export { MultinomialNB, type MultinomialNBParams } from './naive-bayes/multinomial-nb';
export { BallTree } from './neighbors/ball-tree';
export { KNeighborsClassifier, type KNeighborsClassifierParams } from './neighbors/k-neighbors-classifier';
export { KNeighborsRegressor, type KNeighborsRegressorParams } from './neighbors/k-neighbors-regressor';
export { KDTree } from './neighbors/kd-tree';
export { LabelEncoder } from './preprocessing/label-encoder';
export { MinMaxScaler, type MinMaxScalerParams } from './preprocessing/min-max-scaler';
export {
  type CategoricalMatrix,
  OneHotEncoder,
  type OneHotEncoderParams,
} from './preprocessing/one-hot-encoder';
export { StandardScaler, type StandardScalerParams } from './preprocessing/standard-scaler';
export { LinearSVC, type LinearSVCParams } from './svm/linear-svc';
export { SVC, type SVCParams } from './svm/svc';
export { SVR, type SVRParams } from './svm/svr';
export { DecisionTreeClassifier, type DecisionTreeClassifierParams } from './tree/decision-tree-classifier';
export { DecisionTreeRegressor, type DecisionTreeRegressorParams } from './tree/decision-tree-regressor';
