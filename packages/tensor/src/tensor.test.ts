import { describe, expect, it } from 'vitest';
import {
  arange,
  eye,
  findBackend,
  full,
  IndexError,
  linspace,
  ones,
  registerBackend,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
  withBackend,
  zeros,
  zerosLike,
} from './index';

describe('creation', () => {
  it('builds float32 tensors from nested arrays and keeps typed-array dtypes', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(new Int32Array([1, 2]), { shape: [2, 1] }).dtype).toBe('int32');
    expect(tensor(new Float64Array([0.1])).data[0]).toBe(0.1);
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([true, false]).toArray()).toEqual([true, false]);
    expect(tensor(3).shape).toEqual([]);
    expect(tensor(3).item()).toBe(3);
  });

  it('rounds values to float32 storage', () => {
    expect(tensor([0.1]).item()).toBe(Math.fround(0.1));
  });

  it('rejects ragged data and mismatched shapes with the index', () => {
    expect(() => tensor([[1, 2], [3]] as number[][])).toThrow(
      /ragged data at index \[1\]: expected 2 elements, got 1/,
    );
    expect(() => tensor(new Float32Array(5), { shape: [2, 3] })).toThrow(ShapeError);
    expect(() => tensor(new Uint8Array(2))).toThrow(/needs an explicit 'dtype'/);
  });

  it('has the PyTorch creation functions', () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([2], 7, { dtype: 'int32' }).toArray()).toEqual([7, 7]);
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(zerosLike(tensor([1, 2], { dtype: 'int32' })).dtype).toBe('int32');
    expect(() => arange(0, 5, -1)).toThrow(/'step' -1 has the wrong sign/);
    expect(() => zeros([2, -1])).toThrow(/'shape' must be an array of non-negative integers/);
  });
});

describe('Tensor basics', () => {
  it('reports size, numel and ndim', () => {
    const t = zeros([2, 3, 4]);
    expect(t.numel).toBe(24);
    expect(t.ndim).toBe(3);
    expect(t.size(-1)).toBe(4);
    expect(() => t.size(3)).toThrow(IndexError);
  });

  it('item() needs exactly one element', () => {
    expect(() => zeros([2]).item()).toThrow(
      /item: the tensor must have exactly one element, got shape \[2\]/,
    );
  });

  it('only float tensors can require gradients', () => {
    expect(() => tensor([1], { dtype: 'int32', requiresGrad: true })).toThrow(
      /requiresGrad: only float tensors can require gradients, got dtype int32/,
    );
  });

  it('assign replaces data in place, casts, and bumps the version', () => {
    const p = tensor([1, 2, 3]);
    const before = p.version;
    p.assign(tensor([4, 5, 6], { dtype: 'float64' }));
    expect(p.toArray()).toEqual([4, 5, 6]);
    expect(p.dtype).toBe('float32');
    expect(p.version).toBe(before + 1);
    p.assign(0);
    expect(p.toArray()).toEqual([0, 0, 0]);
  });

  it('scalars follow PyTorch promotion rules', () => {
    const i = tensor([1, 2], { dtype: 'int32' });
    expect(i.add(1).dtype).toBe('int32');
    expect(i.add(0.5).dtype).toBe('float32');
    expect(i.div(2).dtype).toBe('float32');
    expect(i.div(2).toArray()).toEqual([0.5, 1]);
    expect(tensor([1], { dtype: 'float64' }).mul(tensor([2])).dtype).toBe('float64');
    expect(i.gt(1).dtype).toBe('bool');
    expect(() => i.mean()).toThrow(/mean: 'input' must be a float tensor, got dtype int32/);
  });

  it('is an instance users can check', () => {
    expect(tensor([1])).toBeInstanceOf(Tensor);
    expect(() => tensor([1]).add('x' as unknown as number)).toThrow(ValueError);
  });
});

describe('dispose', () => {
  it('frees storage through the backend once and makes later use throw', () => {
    const freed: unknown[] = [];
    const cpu = findBackend('cpu');
    registerBackend({
      name: 'dispose-probe',
      upload: (d) => ({ d }),
      download: (h) => (h as { d: Float32Array }).d,
      dispose: (h) => freed.push(h),
      kernels: { ...cpu.kernels },
    });
    const x = withBackend('dispose-probe', () => tensor([1, 2, 3]));
    const handle = x._handle;
    expect(x.isDisposed).toBe(false);
    x.dispose();
    x.dispose();
    expect(freed).toEqual([handle]);
    expect(x.isDisposed).toBe(true);
    expect(() => x.data).toThrow('data: the tensor of shape [3] was disposed.');
    expect(() => x.add(1)).toThrow('binary: the tensor of shape [3] was disposed.');
  });

  it('is harmless on the cpu backend', () => {
    const x = tensor([1, 2]);
    const y = x.mul(2);
    x.dispose();
    expect(Array.from(y.data)).toEqual([2, 4]);
  });
});

describe('dataAsync', () => {
  it('reads through the backend asynchronous readback when it has one', async () => {
    const cpu = findBackend('cpu');
    let asyncReads = 0;
    registerBackend({
      name: 'async-probe',
      upload: (d) => d,
      download: () => {
        throw new ValueError('sync readback unsupported');
      },
      downloadAsync: async (h) => {
        asyncReads++;
        return h as Float32Array;
      },
      kernels: { ...cpu.kernels },
    });
    const x = withBackend('async-probe', () => tensor([1.5, 2]));
    expect(Array.from(await x.dataAsync())).toEqual([1.5, 2]);
    expect(await withBackend('async-probe', () => tensor(3)).itemAsync()).toBe(3);
    expect(asyncReads).toBe(2);
    expect(() => x.data).toThrow('sync readback unsupported');
    await expect(tensor([1, 2]).itemAsync()).rejects.toThrow(
      'itemAsync: the tensor must have exactly one element',
    );
    expect(Array.from(await tensor([4, 5]).dataAsync())).toEqual([4, 5]);
  });
});
