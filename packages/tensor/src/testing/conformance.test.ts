import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../backends/cpu';
import type { TypedArray } from '../dtype';
import {
  type Backend,
  type Kernels,
  type KernelTensor,
  kernelFallbacks,
  registerBackend,
  setBackend,
  tensor,
  withBackend,
} from '../index';
import { checkBackendConformance } from './index';

/**
 * A backend whose handles are boxed objects rather than typed arrays, with only some kernels of
 * its own. It exercises the registry the way a GPU backend will: uploads, downloads, kernels that
 * never see a typed array handle, and transparent cpu fallback for the missing ones.
 */
function boxedBackend(name: string, tamper?: (kernel: 'binary', out: TypedArray) => void): Backend {
  type Box = { box: TypedArray };
  const unbox = (x: KernelTensor): KernelTensor => ({
    ...x,
    data: (x.data as Box).box,
  });
  const kernels: Partial<Kernels> = {
    unary: (x, op, dtype) => ({ box: cpuBackend.kernels.unary!(unbox(x), op, dtype) as TypedArray }),
    binary: (a, b, op, shape, dtype) => {
      const out = cpuBackend.kernels.binary!(unbox(a), unbox(b), op, shape, dtype) as TypedArray;
      tamper?.('binary', out);
      return { box: out };
    },
    reduce: (x, op, axis, dtype) => ({
      box: cpuBackend.kernels.reduce!(unbox(x), op, axis, dtype) as TypedArray,
    }),
    matmul: (a, b, ta, tb) => ({ box: cpuBackend.kernels.matmul!(unbox(a), unbox(b), ta, tb) as TypedArray }),
  };
  return {
    name,
    upload: (data) => ({ box: data.slice() }),
    download: (data) => (data as Box).box,
    kernels,
  };
}

describe('backend conformance suite', () => {
  it('passes on the reference cpu backend', () => {
    const results = checkBackendConformance('cpu');
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.error)).toEqual([]);
  });

  it('passes on a backend with boxed handles and partial kernels, falling back to cpu observably', () => {
    registerBackend(boxedBackend('boxed'));
    kernelFallbacks(true);
    const results = checkBackendConformance('boxed');
    expect(results.filter((r) => r.error)).toEqual([]);
    const fallbacks = kernelFallbacks(true);
    expect(fallbacks['boxed:softmax']).toBeGreaterThan(0);
    expect(fallbacks['boxed:binary']).toBeUndefined();
  });

  it('catches a kernel that is off by 1e-4', () => {
    registerBackend(
      boxedBackend('broken', (_, out) => {
        for (let i = 0; i < out.length; i++) out[i] += 1e-4;
      }),
    );
    const results = checkBackendConformance('broken', { filter: /^add broadcast$|^mul broadcast$/ });
    expect(results).toHaveLength(2);
    for (const r of results) expect(r.error).toMatch(/got .*reference/);
  });

  it('moves tensors between backends when an op mixes them', () => {
    registerBackend(boxedBackend('boxed2'));
    const onCpu = tensor([1, 2, 3]);
    const sum = withBackend('boxed2', () => {
      const onBoxed = tensor([10, 20, 30]);
      return onBoxed.add(onCpu);
    });
    expect(sum.toArray()).toEqual([11, 22, 33]);
    expect(sum._backend.name).toBe('boxed2');
    setBackend('cpu');
  });
});
