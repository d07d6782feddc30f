import { describe, expect, it } from 'vitest';
import { Generator, noGrad, ones, randn, tensor, zeros } from './index';

describe('assign and assignWith write in place only where nothing else can see it', () => {
  it('reuses the storage from the second assign on, with the values and version of a copy', () => {
    const p = tensor([1, 2, 3]);
    p.assign(tensor([4, 5, 6])); // the first assign copies: the array came from tensor()
    const storage = p.peekData();
    p.assign(tensor([7, 8, 9]));
    expect(p.peekData()).toBe(storage);
    expect(p.toArray()).toEqual([7, 8, 9]);
    p.assign(0.5);
    expect(p.peekData()).toBe(storage);
    expect(p.toArray()).toEqual([0.5, 0.5, 0.5]);
    p.assign(tensor([2]));
    expect(p.toArray()).toEqual([2, 2, 2]);
    expect(p.version).toBe(4);
  });

  it('never changes a detached tensor, a reshape view or an array handed out by data', () => {
    const p = zeros([2, 2]);
    p.assign(1);
    p.assign(2); // now writing in place
    const detached = p.detach();
    p.assign(3);
    expect(detached.toArray()).toEqual([
      [2, 2],
      [2, 2],
    ]);
    const view = p.reshape([4]);
    p.assign(4);
    expect(view.toArray()).toEqual([3, 3, 3, 3]);
    const handedOut = p.data;
    p.assign(5);
    expect(Array.from(handedOut)).toEqual([4, 4, 4, 4]);
    expect(p.toArray()).toEqual([
      [5, 5],
      [5, 5],
    ]);
  });

  it('casts and broadcasts like a copy, and rejects a shape that does not broadcast', () => {
    const p = zeros([2, 3]);
    p.assign(1);
    p.assign(tensor([1.5, -2.5, 3], { dtype: 'float64' }));
    expect(p.toArray()).toEqual([
      [1.5, -2.5, 3],
      [1.5, -2.5, 3],
    ]);
    const i = zeros([3], { dtype: 'int32' });
    i.assign(1);
    i.assign(2.7);
    expect(i.toArray()).toEqual([2, 2, 2]);
    expect(() => p.assign(ones([4]))).toThrow(/expand|broadcast|shape/);
  });

  it('assignWith hands the same array as target and current once the tensor owns it', () => {
    const p = tensor([1, 2, 3]);
    const seen: boolean[] = [];
    const double = () =>
      p.assignWith((target, current) => {
        seen.push(target === current);
        for (let i = 0; i < target.length; i++) target[i] = current[i] * 2;
      });
    double();
    double();
    expect(seen).toEqual([false, true]);
    expect(p.toArray()).toEqual([4, 8, 12]);
  });
});

describe('backward accumulates into a zeroed gradient in place', () => {
  it('gives the bits of a fresh backward and keeps the storage', () => {
    const generator = new Generator(7);
    const w = randn([5, 4], { generator }).requiresGrad_();
    const x = randn([3, 5], { generator });
    const loss = () => x.matmul(w).tanh().sum();
    loss().backward();
    const fresh = Float32Array.from(w.grad!.peekData());
    noGrad(() => w.grad!.assign(0));
    noGrad(() => w.grad!.assign(0)); // owned from here on
    const storage = w.grad!.peekData();
    const kept = w.grad!.data; // handed out: the next backward must not write into it
    loss().backward();
    expect(Array.from(kept)).toEqual(new Array(20).fill(0));
    noGrad(() => w.grad!.assign(0));
    const owned = w.grad!.peekData();
    loss().backward();
    expect(w.grad!.peekData()).toBe(owned);
    expect(new Uint32Array(owned.buffer)).toEqual(new Uint32Array(fresh.buffer));
    loss().backward(); // gradients add up across calls
    expect(Array.from(w.grad!.peekData())).toEqual(Array.from(fresh, (g) => Math.fround(g + g)));
    expect(storage).not.toBe(owned);
  });
});
