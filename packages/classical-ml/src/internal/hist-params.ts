import type { HistBoostingParams } from './hist-boosting';
import { type Constraint, inRange, nonNegative, positive } from './params';

export const HIST_DEFAULTS: HistBoostingParams = {
  nEstimators: 100,
  learningRate: 0.3,
  maxDepth: 6,
  lambda: 1,
  alpha: 0,
  gamma: 0,
  minChildWeight: 1,
  maxBins: 255,
  validationFraction: 0.1,
  nIterNoChange: null,
  tol: 1e-7,
  randomState: 0,
};

export const histConstraints: Record<string, Constraint | Constraint[]> = {
  nEstimators: positive(true),
  learningRate: positive(),
  maxDepth: { kind: 'number', min: 1, integer: true },
  lambda: nonNegative(),
  alpha: nonNegative(),
  gamma: nonNegative(),
  minChildWeight: nonNegative(),
  maxBins: inRange(2, 255, { integer: true }),
  validationFraction: inRange(0, 1, { minExclusive: true, maxExclusive: true }),
  nIterNoChange: { kind: 'number', min: 1, integer: true, nullable: true },
  tol: nonNegative(),
  randomState: nonNegative(true),
};
