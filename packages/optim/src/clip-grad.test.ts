import { tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue } from './clip-grad';

function withGrad(values: number[]) {
  const p = tensor(
    values.map(() => 0),
    { requiresGrad: true },
  );
  p.grad = tensor(values);
  return p;
}

describe('clipGradNorm', () => {
  it('returns the total norm and scales only when it exceeds maxNorm', () => {
    const a = withGrad([3, 4]);
    expect(clipGradNorm([a], 10)).toBeCloseTo(5, 6);
    expect(a.grad!.toArray()).toEqual([3, 4]);
    const b = withGrad([3, 4]);
    expect(clipGradNorm(b, 1)).toBeCloseTo(5, 6);
    expect(b.grad!.toArray()).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });

  it('supports the infinity norm and skips parameters without a gradient', () => {
    const a = withGrad([1, -7, 2]);
    const none = tensor([1, 2], { requiresGrad: true });
    expect(clipGradNorm([a, none], 3.5, Number.POSITIVE_INFINITY)).toBe(7);
    expect(none.grad).toBeNull();
    expect(a.grad!.toArray()).toEqual([
      expect.closeTo(0.5, 6),
      expect.closeTo(-3.5, 6),
      expect.closeTo(1, 6),
    ]);
  });

  it('throws on a non-finite norm when asked, and validates its arguments', () => {
    expect(() => clipGradNorm([withGrad([Number.NaN])], 1, 2, { errorIfNonfinite: true })).toThrow(
      /non-finite/,
    );
    expect(() => clipGradNorm([withGrad([1])], -1)).toThrow(
      "clipGradNorm: 'maxNorm' must be a non-negative number, got -1.",
    );
    expect(clipGradNorm([], 1)).toBe(0);
  });
});

describe('clipGradValue', () => {
  it('clamps every element', () => {
    const a = withGrad([-3, 0.5, 9]);
    clipGradValue([a], 1);
    expect(a.grad!.toArray()).toEqual([-1, 0.5, 1]);
    expect(() => clipGradValue([a], -1)).toThrow(
      "clipGradValue: 'clipValue' must be a non-negative number, got -1.",
    );
  });
});
