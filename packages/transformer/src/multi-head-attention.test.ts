import { Generator, randn, type Tensor, tensor, zeros } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { MultiHeadAttention } from './index';

function maxDiff(a: Tensor, b: Tensor): number {
  const x = a.data;
  const y = b.data;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

describe('MultiHeadAttention masks', () => {
  const g = new Generator(0);
  const mha = new MultiHeadAttention(8, 2, { generator: g });
  const x = randn([2, 3, 8], { generator: g });
  const keyPaddingMask = tensor([
    [false, false, true],
    [false, false, false],
  ]);

  it('combines a (T, S) float mask with a key padding mask', () => {
    const padded = mha.forward(x, { keyPaddingMask });
    const withZeros = mha.forward(x, { keyPaddingMask, mask: zeros([3, 3]) });
    expect(maxDiff(padded, withZeros)).toBe(0);
    const ninf = Number.NEGATIVE_INFINITY;
    const causalFloat = tensor([
      [0, ninf, ninf],
      [0, 0, ninf],
      [0, 0, 0],
    ]);
    const a = mha.forward(x, { keyPaddingMask, mask: causalFloat });
    const b = mha.forward(x, { keyPaddingMask, causal: true });
    expect(maxDiff(a, b)).toBeLessThan(1e-6);
  });

  it('combines a bool mask with a key padding mask', () => {
    const all = tensor([
      [true, true, true],
      [true, true, true],
      [true, true, true],
    ]);
    expect(maxDiff(mha.forward(x, { keyPaddingMask }), mha.forward(x, { keyPaddingMask, mask: all }))).toBe(
      0,
    );
  });
});
