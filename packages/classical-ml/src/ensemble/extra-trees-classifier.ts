import { ForestClassifierBase, type ForestParams } from '../internal/forest';

export interface ExtraTreesClassifierParams extends ForestParams {
  /** Split criterion of every tree (default 'gini'). */
  criterion: 'gini' | 'entropy' | 'log_loss';
}

/**
 * Extremely randomised trees like sklearn's ExtraTreesClassifier: each split draws one uniform
 * threshold per candidate feature between the node's min and max and keeps the best; no bootstrap by
 * default; `predictProba` averages the trees.
 * `randomState` (default 0) plays the role of sklearn's: each tree's seed, bootstrap and feature
 * draws come from numpy's RandomState, so on data without tied splits the trees equal sklearn's.
 */
export class ExtraTreesClassifier extends ForestClassifierBase<ExtraTreesClassifierParams> {
  protected readonly splitter = 'random' as const;

  constructor(params: Partial<ExtraTreesClassifierParams> = {}) {
    super(
      {
        nEstimators: 100,
        criterion: 'gini',
        maxDepth: null,
        minSamplesSplit: 2,
        minSamplesLeaf: 1,
        maxFeatures: 'sqrt',
        minImpurityDecrease: 0,
        bootstrap: false,
        oobScore: false,
        randomState: 0,
      },
      params,
    );
  }
}
