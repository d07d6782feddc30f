// @llm/classical-ml: scikit-learn's classic estimators. Everything public is listed here by name.

export { Estimator, type EstimatorJSON } from './base';
export { NotFittedError, ShapeError, ValueError } from './errors';
export type { Label } from './internal/labels';
export type { MatrixLike } from './internal/matrix';
export { StandardScaler, type StandardScalerParams } from './preprocessing/standard-scaler';
