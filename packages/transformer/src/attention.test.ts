import { Generator, randn, softmax, tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { causalMask, scaledDotProductAttention } from './index';

const close = (a: number[], b: number[], tol = 1e-5) =>
  a.every((v, i) => Math.abs(v - b[i]) <= tol * (1 + Math.abs(b[i])));

describe('scaledDotProductAttention', () => {
  it('matches softmax(QK^T / sqrt(d)) V computed by hand', () => {
    const g = new Generator(1);
    const q = randn([2, 3, 4], { generator: g });
    const k = randn([2, 5, 4], { generator: g });
    const v = randn([2, 5, 6], { generator: g });
    const { output, weights } = scaledDotProductAttention(q, k, v);
    const ref = softmax(q.matmul(k.transpose(1, 2)).div(2), -1).matmul(v);
    expect(output.shape).toEqual([2, 3, 6]);
    expect(close(Array.from(output.data), Array.from(ref.data))).toBe(true);
    expect(close(Array.from(weights.sum(-1).data), [1, 1, 1, 1, 1, 1])).toBe(true);
  });

  it('masks the future causally, also when queries follow cached keys', () => {
    expect(causalMask(2, 4).toArray()).toEqual([
      [true, true, true, false],
      [true, true, true, true],
    ]);
    const g = new Generator(2);
    const x = randn([1, 4, 8], { generator: g });
    const { weights } = scaledDotProductAttention(x, x, x, { causal: true });
    const w = weights.toArray() as number[][][];
    expect(w[0][0].slice(1)).toEqual([0, 0, 0]);
    expect(w[0][2][3]).toBe(0);
  });

  it('applies bool masks (true = attend) and additive float masks the same way', () => {
    const g = new Generator(3);
    const q = randn([1, 2, 4], { generator: g });
    const kv = randn([1, 3, 4], { generator: g });
    const keep = tensor([[true, false, true]]);
    const a = scaledDotProductAttention(q, kv, kv, { mask: keep });
    const b = scaledDotProductAttention(q, kv, kv, { mask: tensor([[0, Number.NEGATIVE_INFINITY, 0]]) });
    expect((a.weights.toArray() as number[][][])[0][1][1]).toBe(0);
    expect(close(Array.from(a.output.data), Array.from(b.output.data))).toBe(true);
  });

  it('rejects mismatched head sizes', () => {
    expect(() => scaledDotProductAttention(randn([1, 2, 4]), randn([1, 2, 3]), randn([1, 2, 3]))).toThrow(
      /'key' \[1, 2, 3\] must have head size 4/,
    );
  });
});
