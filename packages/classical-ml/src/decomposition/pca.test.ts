import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/decomposition.json';
import { checkEstimator } from '../testing/check-estimator';
import { PCA } from './pca';

const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((r, i) => r.map((v, j) => Math.abs(v - b[i][j]))));
const vecDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

describe('PCA', () => {
  it('passes checkEstimator', () => {
    expect(
      checkEstimator(() => new PCA({ nComponents: 2 }), {
        kind: 'transformer',
        X: fixture.cases[0].X.slice(0, 20),
        fromJSON: (j) => PCA.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('matches sklearn: components, variances, transforms within 1e-9', () => {
    for (const c of fixture.cases) {
      const pca = new PCA({ nComponents: c.nComponents, whiten: c.whiten }).fit(c.X);
      // Components with (numerically) zero variance are arbitrary: compare the informative ones.
      const informative = c.explainedVariance.filter((v) => v > 1e-10).length;
      expect(pca.nComponents).toBe(c.components.length);
      expect(maxDiff(pca.components.slice(0, informative), c.components.slice(0, informative))).toBeLessThan(
        1e-9,
      );
      expect(vecDiff(pca.explainedVariance, c.explainedVariance)).toBeLessThan(1e-9);
      expect(vecDiff(pca.explainedVarianceRatio, c.explainedVarianceRatio)).toBeLessThan(1e-12);
      expect(vecDiff(pca.singularValues, c.singularValues)).toBeLessThan(1e-9);
      expect(vecDiff(pca.mean, c.mean)).toBeLessThan(1e-12);
      expect(Math.abs(pca.noiseVariance - c.noiseVariance)).toBeLessThan(1e-9);
      if (informative === c.components.length) {
        expect(maxDiff(pca.transform(c.Xq), c.transform)).toBeLessThan(1e-9);
        expect(maxDiff(pca.inverseTransform(pca.transform(c.Xq)), c.inverse)).toBeLessThan(1e-9);
        expect(maxDiff(pca.transform(c.X), c.fitTransform)).toBeLessThan(1e-9);
      }
    }
  });

  it('rejects bad nComponents and wrong inverseTransform width', () => {
    expect(() =>
      new PCA({ nComponents: 9 }).fit([
        [0, 1],
        [1, 0],
        [2, 2],
      ]),
    ).toThrow(
      "PCA: 'nComponents' (9) must be an integer <= min(samples, features) = 2, or a fraction in (0, 1).",
    );
    expect(() =>
      new PCA({ nComponents: -1 }).fit([
        [0, 1],
        [1, 0],
      ]),
    ).toThrow(/'nComponents' must be/);
    const pca = new PCA({ nComponents: 1 }).fit([
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
    expect(() => pca.inverseTransform([[1, 2]])).toThrow(/has 2 columns, but the model has 1 components/);
  });
});
