import { tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { GradAccumulator } from './grad-accumulator';

describe('GradAccumulator', () => {
  it('reproduces the full-batch gradient from micro-batches of unequal size', () => {
    const xs = [
      [1, 2],
      [0.5, -1],
      [3, 0],
      [-2, 1],
      [1, 1],
      [0, 2],
      [2, -3],
    ];
    const ys = [1, 0, 2, -1, 0.5, 1, -2];
    const w = tensor([0.3, -0.2], { requiresGrad: true });
    const loss = (rows: number[][], targets: number[]) =>
      tensor(rows).matmul(w.reshape(2, 1)).reshape(rows.length).sub(tensor(targets)).square().mean();

    loss(xs, ys).backward();
    const full = w.grad!.toArray() as number[];
    w.grad = null;

    const acc = new GradAccumulator([w], { microBatches: 2 });
    loss(xs.slice(0, 3), ys.slice(0, 3)).backward();
    expect(acc.accumulate(3)).toBe(false);
    expect(w.grad).toBeNull();
    loss(xs.slice(3), ys.slice(3)).backward();
    expect(acc.accumulate(4)).toBe(true);
    acc.finalize();
    (w.grad!.toArray() as number[]).forEach((g, i) => {
      expect(g).toBeCloseTo(full[i], 6);
    });
    expect(acc.count).toBe(0);
  });

  it('leaves parameters that never got a gradient at null and validates input', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const acc = new GradAccumulator([a, b], { microBatches: 1 });
    expect(() => acc.finalize()).toThrow('GradAccumulator: finalize() needs at least one accumulate().');
    a.mul(2).sum().backward();
    acc.accumulate();
    acc.finalize();
    expect(a.grad!.toArray()).toEqual([2]);
    expect(b.grad).toBeNull();
    expect(() => acc.accumulate(0)).toThrow("GradAccumulator: 'weight' must be a positive number, got 0.");
    expect(() => new GradAccumulator([a], { microBatches: 0 })).toThrow(
      "GradAccumulator: 'microBatches' must be a positive integer, got 0.",
    );
  });
});
