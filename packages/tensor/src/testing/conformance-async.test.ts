import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../backends/cpu';
import type { TypedArray } from '../dtype';
import { type Backend, type Kernels, type KernelTensor, registerBackend } from '../index';
import { checkBackendConformance, checkBackendConformanceAsync } from './index';

/**
 * A backend that reads kernel results back only asynchronously, like WebGPU: `download` throws
 * for them, `downloadAsync` resolves later. Data uploaded from the CPU stays readable (a GPU
 * backend keeps such host copies; ops like oneHot read their index synchronously). Kernels
 * unbox to the cpu kernels; `offset` perturbs binary results.
 */
function asyncOnlyBackend(name: string, offset = 0): Backend {
  type Box = { box: TypedArray; uploaded?: boolean };
  const unbox = (x: KernelTensor): KernelTensor => ({ ...x, data: (x.data as Box).box });
  const kernels: Partial<Kernels> = {};
  for (const [k, fn] of Object.entries(cpuBackend.kernels)) {
    (kernels as Record<string, unknown>)[k] = (...args: unknown[]) => {
      const mapped = args.map((a) =>
        Array.isArray(a) && a.length && (a[0] as KernelTensor)?.shape
          ? a.map((x) => unbox(x as KernelTensor))
          : (a as KernelTensor)?.shape
            ? unbox(a as KernelTensor)
            : a,
      );
      const out = (fn as (...xs: unknown[]) => TypedArray)(...mapped);
      if (k === 'binary' && offset) for (let i = 0; i < out.length; i++) out[i] += offset;
      return { box: out };
    };
  }
  return {
    name,
    upload: (data) => ({ box: data.slice(), uploaded: true }),
    download: (data) => {
      if ((data as Box).uploaded) return (data as Box).box;
      throw new Error('synchronous readback is not available; use dataAsync().');
    },
    downloadAsync: async (data) => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      return (data as Box).box.slice();
    },
    kernels,
  };
}

describe('asynchronous backend conformance suite', () => {
  it('passes on the cpu backend with the same results as the synchronous suite', async () => {
    const sync = checkBackendConformance('cpu');
    const async_ = await checkBackendConformanceAsync('cpu');
    expect(async_.map((r) => r.name)).toEqual(sync.map((r) => r.name));
    expect(async_.filter((r) => r.error)).toEqual([]);
  });

  it('runs a backend whose synchronous read throws, where the sync suite cannot', async () => {
    registerBackend(asyncOnlyBackend('async-only'));
    const results = await checkBackendConformanceAsync('async-only');
    // oneHot validates its index with a synchronous read of a reduction (max(idx).item()), which
    // no async-only backend can serve: that op is the one gap, and it fails loudly.
    const failed = results.filter((r) => r.error);
    expect(failed.map((r) => r.name)).toEqual(['oneHot']);
    expect(failed[0].error).toMatch(/dataAsync/);
    const sync = checkBackendConformance('async-only', { filter: /^add broadcast$/ });
    expect(sync[0].error).toMatch(/dataAsync/);
  });

  it('catches an async backend that is off by 1e-4', async () => {
    registerBackend(asyncOnlyBackend('async-broken', 1e-4));
    const results = await checkBackendConformanceAsync('async-broken', { filter: /^add broadcast$|^div$/ });
    expect(results).toHaveLength(2);
    for (const r of results) expect(r.error).toMatch(/got .*reference/);
  });
});
