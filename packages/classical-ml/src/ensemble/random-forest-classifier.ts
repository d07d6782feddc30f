import { ForestClassifierBase, type ForestParams } from '../internal/forest';

export interface RandomForestClassifierParams extends ForestParams {
  /** Split criterion of every tree (default 'gini'). */
  criterion: 'gini' | 'entropy' | 'log_loss';
}

/**
 * A random forest like sklearn's RandomForestClassifier: `nEstimators` CART trees, each grown on a
 * bootstrap sample with `maxFeatures` (default 'sqrt') candidate features per split; `predictProba`
 * averages the trees' leaf class frequencies.
 * `randomState` (default 0) plays the role of sklearn's: each tree's seed, bootstrap and feature
 * draws come from numpy's RandomState, so on data without tied splits the trees equal sklearn's.
 */
export class RandomForestClassifier extends ForestClassifierBase<RandomForestClassifierParams> {
  protected readonly splitter = 'best' as const;

  constructor(params: Partial<RandomForestClassifierParams> = {}) {
    super(
      {
        nEstimators: 100,
        criterion: 'gini',
        maxDepth: null,
        minSamplesSplit: 2,
        minSamplesLeaf: 1,
        maxFeatures: 'sqrt',
        minImpurityDecrease: 0,
        bootstrap: true,
        oobScore: false,
        randomState: 0,
      },
      params,
    );
  }
}
