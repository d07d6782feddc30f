import { describe, expect, it } from 'vitest';
import fx from '../parity/fixtures/sklearn.json';
import { expectClose } from '../test/close';
import {
  explainedVariance,
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from './regression';

describe('regression metrics match scikit-learn', () => {
  for (const c of fx.regression) {
    it(c.name, () => {
      expectClose(meanSquaredError(c.yTrue, c.yPred), c.mse, 1e-12, 'regression');
      expectClose(rootMeanSquaredError(c.yTrue, c.yPred), c.rmse, 1e-12, 'regression');
      expectClose(meanAbsoluteError(c.yTrue, c.yPred), c.mae, 1e-12, 'regression');
      expectClose(r2Score(c.yTrue, c.yPred), c.r2, 1e-12, 'regression');
      expectClose(explainedVariance(c.yTrue, c.yPred), c.explainedVariance, 1e-12, 'regression');
    });
  }
  it('errors name the function and argument', () => {
    expect(() => meanSquaredError([1, 2], [1])).toThrow(
      "meanSquaredError: 'yPred' must have length 2 to match 'yTrue', got 1.",
    );
    expect(() => r2Score([1], [1])).toThrow(/at least 2 samples/);
    expect(() => meanAbsoluteError([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(
      /finite numbers, got Infinity at index 1/,
    );
  });
});
