import { Generator, matmul, noGrad, randn, zeros } from '@llm/tensor';
import { describe, expect, it } from 'vitest';

describe('tensor training flow', () => {
  it('recovers the weights of a linear model by gradient descent', () => {
    const g = new Generator(11);
    const trueW = randn([5, 2], { generator: g });
    const x = randn([256, 5], { generator: g });
    const y = matmul(x, trueW).add(randn([256, 2], { generator: g }).mul(0.01));
    const w = zeros([5, 2], { requiresGrad: true });
    let first = 0;
    let last = 0;
    for (let step = 0; step < 150; step++) {
      const loss = matmul(x, w).sub(y).square().mean();
      if (step === 0) first = loss.item();
      last = loss.item();
      w.grad = null;
      loss.backward();
      noGrad(() => w.assign(w.sub(w.grad!.mul(0.2))));
    }
    expect(last).toBeLessThan(first * 1e-3);
    const err = w.sub(trueW).abs().max().item();
    expect(err).toBeLessThan(0.01);
  });
});
