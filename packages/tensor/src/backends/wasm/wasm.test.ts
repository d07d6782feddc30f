import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { combos, f32, rng } from '../../../test/helpers/matmul-inputs';
import type { Kernels, KernelTensor } from '../../backend';
import {
  cpuBackend,
  kernelFallbacks,
  matmul,
  randn,
  registerBackend,
  registerWasmBackend,
  withBackend,
} from '../../index';
import { checkBackendConformance } from '../../testing';
import { matmul as cpuMatmul } from '../cpu/matmul';
import { renderKernelsModuleSource, renderMatmulModuleSource } from './emit/generate';
import { instantiateMatmulModule } from './index';
import { createWasmMatmul } from './matmul';
import { matmulLayout, matmulRelaxedSimdBase64 } from './matmul-module.generated';

/**
 * Largest |got - want| / sum_k |a_ik| |b_kj| over the product: the wasm kernel sums in f32 in k order
 * within blocks of KC, so its error grows with that sum (about sqrt(K) * 2^-24 of it for random
 * inputs), not with |C|, which can cancel to near zero.
 */
function worstScaledError(
  a: KernelTensor,
  b: KernelTensor,
  transA: boolean,
  transB: boolean,
  got: ArrayLike<number>,
) {
  const want = cpuMatmul(a, b, transA, transB);
  const x = a.data as Float32Array;
  const y = b.data as Float32Array;
  const [B, ar, ac] = a.shape;
  const [, br, bc] = b.shape;
  const [M, K, N] = [transA ? ac : ar, transA ? ar : ac, transB ? br : bc];
  let worst = 0;
  for (let bi = 0; bi < B; bi++)
    for (let i = 0; i < M; i++)
      for (let j = 0; j < N; j++) {
        let scale = 0;
        for (let k = 0; k < K; k++) {
          const aik = x[bi * M * K + (transA ? k * M + i : i * K + k)];
          const bkj = y[bi * K * N + (transB ? j * K + k : k * N + j)];
          scale += Math.abs(aik * bkj);
        }
        const o = (bi * M + i) * N + j;
        worst = Math.max(worst, Math.abs(got[o] - want[o]) / (scale + 1e-30));
      }
  return worst;
}

function randomizedAgainstCpu(kernel: Kernels['matmul']) {
  const next = rng(7);
  const dim = () => 1 + Math.floor(((next() + 1) / 2) * 70);
  let worst = 0;
  for (let t = 0; t < 160; t++) {
    const [transA, transB] = combos[t % 4];
    const [B, M, N, K] = [1 + (t % 3), dim(), dim(), dim()];
    const a = f32(transA ? [B, K, M] : [B, M, K], next);
    const b = f32(transB ? [B, N, K] : [B, K, N], next);
    worst = Math.max(
      worst,
      worstScaledError(a, b, transA, transB, kernel(a, b, transA, transB) as Float32Array),
    );
  }
  // Deep products: f32 accumulation drift for K up to 1024, edges in every dim.
  for (const [M, N, K] of [
    [33, 50, 1024],
    [5, 70, 1000],
    [64, 13, 777],
  ])
    for (const [transA, transB] of combos) {
      const a = f32(transA ? [1, K, M] : [1, M, K], next);
      const b = f32(transB ? [1, N, K] : [1, K, N], next);
      worst = Math.max(
        worst,
        worstScaledError(a, b, transA, transB, kernel(a, b, transA, transB) as Float32Array),
      );
    }
  return worst;
}

describe('wasm backend', () => {
  let always: Kernels['matmul'];
  beforeAll(async () => {
    await registerWasmBackend({ relaxedSimd: false });
    const { instance } = await instantiateMatmulModule(false);
    // The wasm kernel for every product, however small (the backend sends tiny ones to cpu).
    always = createWasmMatmul(instance, matmulLayout, 0);
    registerBackend({
      ...cpuBackend,
      name: 'wasm-always',
      kernels: { ...cpuBackend.kernels, matmul: always },
    });
  });

  it('commits generated modules that match the emitter', () => {
    const committed = readFileSync(new URL('./matmul-module.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(renderMatmulModuleSource());
    const kernels = readFileSync(new URL('./kernels-module.generated.ts', import.meta.url), 'utf8');
    expect(kernels).toBe(renderKernelsModuleSource());
  });

  it('passes the conformance suite, with no kernel falling back to cpu', () => {
    kernelFallbacks(true);
    expect(checkBackendConformance('wasm').filter((r) => r.error)).toEqual([]);
    expect(checkBackendConformance('wasm-always').filter((r) => r.error)).toEqual([]);
    expect(Object.keys(kernelFallbacks(true)).filter((k) => k.startsWith('wasm'))).toEqual([]);
  });

  it('matches the float64-accumulating cpu kernel within 1e-5 of sum |a||b|, all shapes and transposes', () => {
    expect(randomizedAgainstCpu(always)).toBeLessThan(1e-5);
  });

  it.skipIf(!WebAssembly.validate(Uint8Array.from(atob(matmulRelaxedSimdBase64), (c) => c.charCodeAt(0))))(
    'matches the cpu kernel with the relaxed-SIMD (FMA) build too',
    async () => {
      const { instance, relaxedSimd } = await instantiateMatmulModule(true);
      expect(relaxedSimd).toBe(true);
      expect(randomizedAgainstCpu(createWasmMatmul(instance, matmulLayout, 0))).toBeLessThan(1e-5);
    },
  );

  it('propagates NaN and Infinity like the cpu kernel', () => {
    const next = rng(3);
    const a = f32([1, 9, 20], next);
    const b = f32([1, 20, 14], next);
    (a.data as Float32Array)[25] = Number.NaN;
    (b.data as Float32Array)[70] = Number.POSITIVE_INFINITY;
    const got = always(a, b, false, false) as Float32Array;
    const want = cpuMatmul(a, b, false, false);
    for (let i = 0; i < want.length; i++) {
      if (Number.isFinite(want[i])) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4);
      else expect(got[i]).toBe(want[i]);
    }
  });

  it('sends tiny, dot and float64 products to the cpu kernel unchanged', () => {
    const next = rng(5);
    const a = f32([2, 3, 4], next);
    const b = f32([2, 4, 5], next);
    const dotA = f32([1, 1, 300], next);
    const dotB = f32([1, 300, 1], next);
    const kernel = createWasmMatmul(
      new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0))),
      matmulLayout,
    );
    expect(kernel(a, b, false, false)).toEqual(cpuMatmul(a, b, false, false));
    expect(kernel(dotA, dotB, false, false)).toEqual(cpuMatmul(dotA, dotB, false, false));
    const a64 = { ...a, data: Float64Array.from(a.data as Float32Array), dtype: 'float64' as const };
    const b64 = { ...b, data: Float64Array.from(b.data as Float32Array), dtype: 'float64' as const };
    expect(kernel(a64, b64, true, false)).toEqual(cpuMatmul(a64, b64, true, false));
  });

  it('runs matmul and its gradients through the public ops after setBackend', () => {
    const x = randn([3, 40, 64]).requiresGrad_();
    const w = randn([64, 72]).requiresGrad_();
    const run = () => {
      x.grad = null;
      w.grad = null;
      const y = matmul(x, w);
      y.square().sum().backward();
      return [y.data, x.grad!.data, w.grad!.data];
    };
    const want = run();
    const got = withBackend('wasm', run);
    got.forEach((g, i) => {
      const scale = Math.max(...Array.from(want[i], Math.abs));
      for (let j = 0; j < g.length; j++) expect(Math.abs(g[j] - want[i][j])).toBeLessThan(1e-5 * scale);
    });
  });
});
