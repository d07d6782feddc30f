import { beforeAll, describe, expect, it } from 'vitest';
import { clustersSvg, decisionBoundariesSvg, explainedVarianceSvg } from './plots';
import { quickConfig, runTour, type Score, type TourResult } from './tour';

describe('the reduced tour', () => {
  let result: TourResult;
  beforeAll(() => {
    result = runTour(quickConfig);
  });
  const score = (dataset: string, model: string) =>
    result.scores.find((s) => s.dataset === dataset && s.model === model) as Score;

  it('classifies iris well: linear models > 0.9 accuracy, every classifier > 0.85', () => {
    for (const model of ['LogisticRegression', 'SGDClassifier', 'LinearSVC', 'SVC (rbf)']) {
      expect(score('iris', model).accuracy, model).toBeGreaterThan(0.9);
      expect(score('iris', model).macroF1, model).toBeGreaterThan(0.9);
    }
    for (const s of result.scores.filter((s) => s.dataset === 'iris' && s.accuracy !== undefined))
      expect(s.accuracy, s.model).toBeGreaterThan(0.85);
  });

  it('separates spam from ham and fits Boston prices', () => {
    expect(score('spam', 'LogisticRegression').accuracy).toBeGreaterThan(0.9);
    expect(score('spam', 'MultinomialNB').accuracy).toBeGreaterThan(0.85);
    expect(score('spam', 'RandomForestClassifier').accuracy).toBeGreaterThan(0.9);
    expect(score('boston', 'LinearRegression').r2).toBeGreaterThan(0.4);
    expect(score('boston', 'RandomForestRegressor').r2).toBeGreaterThan(0.6);
    expect(score('boston', 'HistGradientBoostingRegressor').r2).toBeGreaterThan(0.6);
  });

  it('recovers the iris species with k-means and leaves out the slow estimators', () => {
    expect(score('iris', 'KMeans (k=3)').ari).toBeGreaterThan(0.5);
    expect(result.scores.some((s) => s.model === 'GradientBoostingClassifier')).toBe(false);
    for (const s of result.scores) expect(s.fitMs).toBeGreaterThanOrEqual(0);
  });

  it('draws every figure as a standalone SVG', () => {
    const { plots } = result;
    expect(plots.boundaries.length).toBeGreaterThanOrEqual(6);
    for (const b of plots.boundaries) expect(b.grid).toHaveLength(quickConfig.gridSize);
    expect(plots.explainedVariance[0].ratios.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (const svg of [decisionBoundariesSvg(plots), clustersSvg(plots), explainedVarianceSvg(plots)]) {
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      expect(svg).not.toContain('NaN');
    }
  });
});
