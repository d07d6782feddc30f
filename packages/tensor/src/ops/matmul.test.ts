import { describe, expect, it } from 'vitest';
import { Generator, gradcheck, linear, matmul, randn, zeros } from '../index';

describe('linear', () => {
  it('equals x @ W^T + b and has correct gradients', () => {
    const g = new Generator(3);
    const x = randn([2, 3, 5], { generator: g, requiresGrad: true });
    const w = randn([4, 5], { generator: g, requiresGrad: true });
    const b = randn([4], { generator: g, requiresGrad: true });
    const ref = matmul(x, w.t()).add(b);
    const got = linear(x, w, b);
    expect(got.shape).toEqual([2, 3, 4]);
    const diff = got.sub(ref).abs().max().item();
    expect(diff).toBeLessThan(1e-6);
    expect(gradcheck((a, c, d) => linear(a, c, d), [x, w, b])).toBe(true);
  });

  it('names the mismatch', () => {
    expect(() => linear(zeros([2, 3]), zeros([4, 5]))).toThrow(
      /linear: 'input' \[2, 3\] must end in 5 features to match 'weight' \[4, 5\]/,
    );
    expect(() => linear(zeros([2, 5]), zeros([4, 5]), zeros([3]))).toThrow(/'bias' must have shape \[4\]/);
  });
});
