import { describe, expect, it } from 'vitest';
import { enableGrad, isGradEnabled, noGrad, ones, type Tensor, tensor } from './index';

describe('autograd', () => {
  it('computes gradients of a small expression', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(x).add(x.mul(3)).sum(); // d/dx = 2x + 3
    y.backward();
    expect(x.grad?.toArray()).toEqual([5, 7, 9]);
  });

  it('accumulates gradients across backward calls until cleared', () => {
    const x = tensor([2], { requiresGrad: true });
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    expect(x.grad?.toArray()).toEqual([6]);
    x.grad = null;
    x.mul(3).sum().backward();
    expect((x as { grad: Tensor | null }).grad?.toArray()).toEqual([3]);
  });

  it('sums gradients of a tensor used several times and keeps .grad tensors separate', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    a.add(b).add(a).sum().backward();
    expect(a.grad?.toArray()).toEqual([2, 2]);
    expect(b.grad?.toArray()).toEqual([1, 1]);
    b.grad?.assign(tensor([9, 9]));
    expect(a.grad?.toArray()).toEqual([2, 2]);
  });

  it('unbroadcasts gradients to each input shape', () => {
    const a = tensor([[1], [2]], { requiresGrad: true }); // [2, 1]
    const b = tensor([1, 2, 3], { requiresGrad: true }); // [3]
    a.mul(b).sum().backward();
    expect(a.grad?.toArray()).toEqual([[6], [6]]);
    expect(b.grad?.toArray()).toEqual([3, 3, 3]);
  });

  it('needs an explicit gradient for non-scalar outputs', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(
      /backward: 'grad' must be given for a non-scalar output of shape \[2\]/,
    );
    x.mul(2).backward(tensor([1, 10]));
    expect(x.grad?.toArray()).toEqual([2, 20]);
    expect(() => x.mul(2).backward(tensor([1]))).toThrow(/'grad' must have shape \[2\], got \[1\]/);
    expect(() => tensor([1]).backward()).toThrow(/does not require grad/);
  });

  it('does not record inside noGrad, and enableGrad re-enables it', () => {
    const x = tensor([1], { requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      const z = enableGrad(() => x.mul(2));
      expect(z.requiresGrad).toBe(true);
    });
    expect(isGradEnabled()).toBe(true);
  });

  it('detach cuts the graph; retainGrad keeps a non-leaf gradient', () => {
    const x = tensor([3], { requiresGrad: true });
    const h = x.mul(2).retainGrad();
    const y = h.mul(h.detach()).sum(); // only the first factor carries gradient: dy/dh = h
    y.backward();
    expect(h.grad?.toArray()).toEqual([6]);
    expect(x.grad?.toArray()).toEqual([12]);
    expect(h.isLeaf).toBe(false);
    expect(x.isLeaf).toBe(true);
  });

  it('handles deep graphs without overflowing the stack', () => {
    const x = tensor([1], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 20000; i++) y = y.add(1e-4);
    y.sum().backward();
    expect(x.grad?.toArray()).toEqual([1]);
  });

  it('skips inputs that do not require grad', () => {
    const w = tensor([[1, 2]], { requiresGrad: true });
    const data = ones([2, 3]);
    w.matmul(data).sum().backward();
    expect(w.grad?.toArray()).toEqual([[3, 3]]);
    expect(data.grad).toBeNull();
  });
});

describe('autograd dtypes', () => {
  it('returns each gradient in its input dtype when dtypes mix', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const w = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
    x.mul(w).sum().backward();
    expect(x.grad?.dtype).toBe('float32');
    expect(w.grad?.dtype).toBe('float64');
    expect(x.grad?.toArray()).toEqual([3, 4]);
  });
});
