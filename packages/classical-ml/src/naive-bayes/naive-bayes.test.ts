import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/naive-bayes.json';
import { checkEstimator } from '../testing/check-estimator';
import { BernoulliNB } from './bernoulli-nb';
import { GaussianNB } from './gaussian-nb';
import { MultinomialNB } from './multinomial-nb';

const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((r, i) => r.map((v, j) => Math.abs(v - b[i][j]))));

describe('GaussianNB', () => {
  it('passes checkEstimator', () => {
    expect(
      checkEstimator(() => new GaussianNB(), {
        kind: 'classifier',
        X: fixture.X.slice(0, 40),
        y: fixture.y.slice(0, 40),
        fromJSON: (j) => GaussianNB.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('matches sklearn (theta, var, priors, probabilities within 1e-9)', () => {
    for (const c of fixture.gaussian) {
      const nb = new GaussianNB({ varSmoothing: c.varSmoothing }).fit(fixture.X, fixture.y);
      expect(maxDiff(nb.theta, c.theta)).toBeLessThan(1e-12);
      expect(maxDiff(nb.var, c.var)).toBeLessThan(1e-12);
      expect(maxDiff([nb.classPrior], [c.classPrior])).toBeLessThan(1e-15);
      expect(nb.predict(fixture.Xq)).toEqual(c.predict);
      expect(maxDiff(nb.predictProba(fixture.Xq), c.proba)).toBeLessThan(1e-9);
      expect(maxDiff(nb.predictLogProba(fixture.Xq), c.logProba)).toBeLessThan(1e-9);
    }
  });

  it('rejects a negative varSmoothing', () => {
    expect(() => new GaussianNB({ varSmoothing: -1 }).fit([[0]], [0])).toThrow(
      /GaussianNB: 'varSmoothing' must be a number >= 0/,
    );
  });
});

describe('MultinomialNB', () => {
  it('passes checkEstimator', () => {
    expect(
      checkEstimator(() => new MultinomialNB({ alpha: 0.5 }), {
        kind: 'classifier',
        X: fixture.C.slice(0, 40),
        y: fixture.y.slice(0, 40),
        fromJSON: (j) => MultinomialNB.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('matches sklearn within 1e-9', () => {
    for (const c of fixture.multinomial) {
      const nb = new MultinomialNB({ alpha: c.alpha }).fit(fixture.C, fixture.y);
      expect(maxDiff(nb.featureLogProb, c.featureLogProb)).toBeLessThan(1e-12);
      expect(maxDiff([nb.classLogPrior], [c.classLogPrior])).toBeLessThan(1e-12);
      expect(nb.predict(fixture.Cq)).toEqual(c.predict);
      expect(maxDiff(nb.predictProba(fixture.Cq), c.proba)).toBeLessThan(1e-9);
      expect(maxDiff(nb.predictLogProba(fixture.Cq), c.logProba)).toBeLessThan(1e-9);
    }
  });

  it('rejects negative counts', () => {
    expect(() => new MultinomialNB().fit([[1, -1]], [0])).toThrow(
      /MultinomialNB.fit: 'X' must be non-negative counts; found -1 at row 0, column 1/,
    );
  });
});

describe('BernoulliNB', () => {
  it('passes checkEstimator', () => {
    expect(
      checkEstimator(() => new BernoulliNB({ binarize: 1 }), {
        kind: 'classifier',
        X: fixture.C.slice(0, 40),
        y: fixture.y.slice(0, 40),
        fromJSON: (j) => BernoulliNB.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('matches sklearn within 1e-9', () => {
    for (const c of fixture.bernoulli) {
      const nb = new BernoulliNB({ alpha: c.alpha, binarize: c.binarize }).fit(fixture.C, fixture.y);
      expect(maxDiff(nb.featureLogProb, c.featureLogProb)).toBeLessThan(1e-12);
      expect(nb.predict(fixture.Cq)).toEqual(c.predict);
      expect(maxDiff(nb.predictProba(fixture.Cq), c.proba)).toBeLessThan(1e-9);
      expect(maxDiff(nb.predictLogProba(fixture.Cq), c.logProba)).toBeLessThan(1e-9);
    }
  });
});
