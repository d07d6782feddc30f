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

describe('norm', () => {
  it('computes p-norms over dims like torch.linalg.vector_norm', async () => {
    const { norm, tensor } = await import('../index');
    const x = tensor([
      [3, -4],
      [0, 0],
    ]);
    expect(norm(x, 2, 1).toArray()).toEqual([5, 0]);
    expect(norm(x, 1).item()).toBe(7);
    expect(norm(x, Number.POSITIVE_INFINITY, 1, true).toArray()).toEqual([[4], [0]]);
    expect(norm(x, 3).item()).toBeCloseTo((27 + 64) ** (1 / 3), 5);
    expect(() => norm(x, 0)).toThrow(/'p' must be positive/);
  });

  it('has finite-difference gradients, and a zero gradient at the zero vector', async () => {
    const { norm, randn, tensor, Generator } = await import('../index');
    const g = new Generator(1);
    for (const p of [1.5, 2, 3]) {
      const x = randn([3, 4], { generator: g, requiresGrad: true });
      expect(gradcheck((a) => norm(a, p, 1), [x])).toBe(true);
    }
    const z = tensor([0, 0, 0], { requiresGrad: true });
    norm(z).backward();
    expect(z.grad?.toArray()).toEqual([0, 0, 0]);
  });
});
