import { type ForestParams, ForestRegressorBase } from '../internal/forest';

export interface RandomForestRegressorParams extends ForestParams {
  /** Split criterion of every tree (default 'squared_error'). */
  criterion: 'squared_error' | 'friedman_mse';
}

/**
 * A random forest like sklearn's RandomForestRegressor: `nEstimators` regression trees on bootstrap
 * samples (all features per split by default, `maxFeatures: null`, sklearn 1.2's 1.0), predictions averaged.
 * `randomState` (default 0) plays the role of sklearn's: each tree's seed, bootstrap and feature
 * draws come from numpy's RandomState, so on data without tied splits the trees equal sklearn's.
 */
export class RandomForestRegressor extends ForestRegressorBase<RandomForestRegressorParams> {
  protected readonly splitter = 'best' as const;

  constructor(params: Partial<RandomForestRegressorParams> = {}) {
    super(
      {
        nEstimators: 100,
        criterion: 'squared_error',
        maxDepth: null,
        minSamplesSplit: 2,
        minSamplesLeaf: 1,
        maxFeatures: null,
        minImpurityDecrease: 0,
        bootstrap: true,
        oobScore: false,
        randomState: 0,
      },
      params,
    );
  }
}
