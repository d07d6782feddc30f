import { describe, expect, it } from 'vitest';
import fx from '../parity/fixtures/sklearn.json';
import { expectClose } from '../test/close';
import { adjustedRandScore, daviesBouldinScore, normalizedMutualInfo, silhouetteScore } from './clustering';

const c = fx.clustering;

describe('clustering metrics match scikit-learn', () => {
  it('silhouette (euclidean, precomputed, singleton clusters)', () => {
    expectClose(silhouetteScore(c.X, c.labels), c.silhouette, 1e-12, 'clustering');
    expectClose(silhouetteScore(c.X, c.pred), c.silhouettePred, 1e-12, 'clustering');
    expectClose(
      silhouetteScore(c.D, c.labels, { metric: 'precomputed' }),
      c.silhouettePrecomputed,
      1e-12,
      'clustering',
    );
    expectClose(
      silhouetteScore(c.singleton.X, c.singleton.labels),
      c.singleton.silhouette,
      1e-12,
      'clustering',
    );
  });
  it('Davies-Bouldin', () => {
    expectClose(daviesBouldinScore(c.X, c.labels), c.daviesBouldin, 1e-12, 'clustering');
    expectClose(daviesBouldinScore(c.X, c.pred), c.daviesBouldinPred, 1e-12, 'clustering');
  });
  it('ARI and NMI with every averaging method, and corner cases', () => {
    expectClose(adjustedRandScore(c.labels, c.pred), c.ari, 1e-12, 'clustering');
    for (const [m, v] of Object.entries(c.nmi)) {
      expectClose(
        normalizedMutualInfo(c.labels, c.pred, { averageMethod: m as 'min' }),
        v,
        1e-12,
        'clustering',
      );
    }
    for (const k of c.corners) {
      expectClose(adjustedRandScore(k.a, k.b), k.ari, 1e-12, 'clustering');
      expectClose(normalizedMutualInfo(k.a, k.b), k.nmi, 1e-12, 'clustering');
    }
  });
  it('ARI stays exact when pair counts pass 2^53', () => {
    const a: number[] = [];
    const b: number[] = [];
    for (const [x, y, n] of c.bigAri.counts) {
      for (let i = 0; i < n!; i++) {
        a.push(x!);
        b.push(y!);
      }
    }
    expect(adjustedRandScore(a, b)).toBe(c.bigAri.ari);
  });
  it('rejects a single cluster', () => {
    expect(() =>
      silhouetteScore(
        c.X,
        c.X.map(() => 0),
      ),
    ).toThrow(/between 2 and n_samples - 1 = 35 clusters, got 1/);
  });
});
