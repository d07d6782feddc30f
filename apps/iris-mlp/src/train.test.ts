import { describe, expect, it } from 'vitest';
import { trainIris } from './train';

describe('iris MLP demo', () => {
  it('learns: loss falls and held-out accuracy is high', () => {
    const result = trainIris({ hidden: 16, epochs: 40, batchSize: 16, lr: 0.1, testFraction: 0.2, seed: 0 });
    const losses = result.history.map((r) => r.loss);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.3);
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic for a seed', () => {
    const cfg = { hidden: 8, epochs: 3, batchSize: 16, lr: 0.1, testFraction: 0.2, seed: 3 };
    expect(trainIris(cfg).history).toEqual(trainIris(cfg).history);
  });
});
