// @llm/classical-ml/testing: the estimator conformance suite.
export { type CheckEstimatorOptions, checkEstimator, type EstimatorUnderTest } from './check-estimator';
