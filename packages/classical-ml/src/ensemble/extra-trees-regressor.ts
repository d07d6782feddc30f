import { type ForestParams, ForestRegressorBase } from '../internal/forest';

export interface ExtraTreesRegressorParams extends ForestParams {
  /** Split criterion of every tree (default 'squared_error'). */
  criterion: 'squared_error' | 'friedman_mse';
}

/**
 * Extremely randomised regression trees like sklearn's ExtraTreesRegressor: one uniform random
 * threshold per candidate feature, all features by default, no bootstrap; predictions averaged.
 * `randomState` (default 0) plays the role of sklearn's: each tree's seed, bootstrap and feature
 * draws come from numpy's RandomState, so on data without tied splits the trees equal sklearn's.
 */
export class ExtraTreesRegressor extends ForestRegressorBase<ExtraTreesRegressorParams> {
  protected readonly splitter = 'random' as const;

  constructor(params: Partial<ExtraTreesRegressorParams> = {}) {
    super(
      {
        nEstimators: 100,
        criterion: 'squared_error',
        maxDepth: null,
        minSamplesSplit: 2,
        minSamplesLeaf: 1,
        maxFeatures: null,
        minImpurityDecrease: 0,
        bootstrap: false,
        oobScore: false,
        randomState: 0,
      },
      params,
    );
  }
}
