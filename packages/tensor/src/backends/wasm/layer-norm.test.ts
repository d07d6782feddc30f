import { beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../../test/helpers/matmul-inputs';
import type { Kernels, KernelTensor } from '../../backend';
import {
  Generator,
  kernelFallbacks,
  layerNorm,
  randn,
  registerWasmBackend,
  type Tensor,
  withBackend,
} from '../../index';
import {
  layerNormBackward as cpuBackward,
  layerNorm as cpuForward,
  layerNormParamGrad as cpuParams,
} from '../cpu/layer-norm';
import { createWasmKernels, instantiateKernelsModule } from './index';
import type { KernelsExports } from './kernels-instance';

type LayerNormKernels = Required<Pick<Kernels, 'layerNorm' | 'layerNormBackward' | 'layerNormParamGrad'>>;

const kt = (data: Float32Array, shape: number[]): KernelTensor => ({ data, shape, dtype: 'float32' });
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || a === b;

/**
 * Largest |got - want| in units of want's float32 ulp (NaN and ±Infinity must match exactly). Both
 * kernels compute in f64 and round once; only the order of the f64 sums differs.
 */
function ulps(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    if (!Number.isFinite(want[i]) || !Number.isFinite(got[i])) {
      if (!same(got[i], want[i])) return Number.POSITIVE_INFINITY;
      continue;
    }
    const err = Math.abs(got[i] - want[i]);
    if (err === 0) continue;
    const ulp = 2 ** (Math.floor(Math.log2(Math.max(Math.abs(want[i]), 2 ** -126))) - 23);
    worst = Math.max(worst, err / ulp);
  }
  return worst;
}

let wasm: LayerNormKernels;
const calls = { layerNormRows: 0, layerNormBackwardRows: 0, layerNormParamRows: 0 };

beforeAll(async () => {
  const exports = await instantiateKernelsModule();
  // Counts the module's layer-norm calls, so a test fails if the kernels quietly take the cpu path.
  const counted = { ...exports } as { -readonly [K in keyof KernelsExports]: KernelsExports[K] };
  for (const name of Object.keys(calls) as (keyof typeof calls)[]) {
    const fn = exports[name] as (...args: number[]) => void;
    counted[name] = (...args: number[]) => {
      calls[name]++;
      fn(...args);
    };
  }
  wasm = createWasmKernels(counted, 0) as LayerNormKernels;
});

/** Runs all three kernels on wasm and on cpu and returns the worst ulp distance of each. */
function compareKernels(x: Float32Array, rows: number, cols: number, affine: boolean, dyScale = 1) {
  const next = rng(rows * 1000 + cols);
  const xs = kt(x, [rows, cols]);
  const w = affine
    ? kt(
        Float32Array.from({ length: cols }, () => 1 + 0.5 * next()),
        [cols],
      )
    : null;
  const b = affine ? kt(Float32Array.from({ length: cols }, next), [cols]) : null;
  const dy = kt(
    Float32Array.from({ length: rows * cols }, () => dyScale * next()),
    [rows, cols],
  );
  const eps = 1e-5;
  const before = { ...calls };
  const result = {
    forward: ulps(wasm.layerNorm(xs, w, b, cols, eps) as Float32Array, cpuForward(xs, w, b, cols, eps)),
    dx: ulps(wasm.layerNormBackward(xs, w, dy, cols, eps) as Float32Array, cpuBackward(xs, w, dy, cols, eps)),
    params: ulps(wasm.layerNormParamGrad(xs, dy, cols, eps) as Float32Array, cpuParams(xs, dy, cols, eps)),
  };
  expect(calls.layerNormRows).toBe(before.layerNormRows + 1);
  expect(calls.layerNormBackwardRows).toBe(before.layerNormBackwardRows + 1);
  expect(calls.layerNormParamRows).toBe(before.layerNormParamRows + 1);
  return result;
}

describe('wasm layer-norm kernels match the cpu kernels', () => {
  for (const rows of [1, 3, 17]) {
    for (const cols of [1, 3, 17, 65, 128, 1000]) {
      it(`rows ${rows}, cols ${cols}`, () => {
        const next = rng(rows * 7919 + cols);
        // An offset and a spread per row, so the statistics matter.
        const x = Float32Array.from({ length: rows * cols }, (_, i) => {
          const r = Math.floor(i / cols);
          return (r - 1) * 10 + (1 + r) * next();
        });
        for (const affine of [true, false]) {
          const worst = compareKernels(x, rows, cols, affine);
          expect(worst.forward, 'forward').toBeLessThanOrEqual(2);
          expect(worst.dx, 'dx').toBeLessThanOrEqual(4);
          expect(worst.params, 'dweight, dbias').toBeLessThanOrEqual(2);
        }
      });
    }
  }

  it('on special values: NaN, infinities, constant rows, huge, tiny and denormal values', () => {
    const cols = 9;
    const rows = [
      [1, 2, Number.NaN, 4, 5, 6, 7, 8, 9],
      [Number.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0, 0, 0],
      [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 1, 1, 1, 1, 1, 1, 1],
      [3, 3, 3, 3, 3, 3, 3, 3, 3],
      [1e20, -1e20, 3e38, -3e38, 1e30, 0, 1, 2, 3],
      [1e-40, -1e-40, 1e-45, 0, -0, 1e-38, -1e-38, 2e-40, 5e-41],
      [1e4, 1e4 + 1, 1e4 + 2, 1e4 + 3, 1e4 + 4, 1e4 + 5, 1e4 + 6, 1e4 + 7, 1e4 + 8],
      [-0, 0, -0, 0, -0, 0, -0, 0, -0],
    ];
    const x = Float32Array.from(rows.flat());
    for (const affine of [true, false]) {
      const worst = compareKernels(x, rows.length, cols, affine);
      expect(worst.forward, 'forward').toBeLessThanOrEqual(2);
      expect(worst.dx, 'dx').toBeLessThanOrEqual(4);
      expect(worst.params, 'dweight, dbias').toBeLessThanOrEqual(2);
    }
  });
});

describe('layerNorm on the wasm backend', () => {
  beforeAll(() => registerWasmBackend());

  function run(backend: string, x: Tensor, w: Tensor, b: Tensor) {
    return withBackend(backend, () => {
      const [xi, wi, bi] = [x, w, b].map((t) => t.detach().requiresGrad_());
      const y = layerNorm(xi, [x.shape[x.ndim - 1]], wi, bi);
      y.mul(randn(y.shape, { generator: new Generator(5) }))
        .sum()
        .backward();
      return { y, gradFn: y.gradFn?.name, grads: [xi.grad!, wi.grad!, bi.grad!] };
    });
  }

  it('runs as one fused node with no cpu fallback and matches the cpu backend', () => {
    const g = new Generator(11);
    const x = randn([16, 64, 128], { generator: g }).mul(2).add(1);
    const w = randn([128], { generator: g }).mul(0.2).add(1);
    const b = randn([128], { generator: g });
    kernelFallbacks(true);
    const before = { ...calls };
    const onWasm = run('wasm', x, w, b);
    expect(onWasm.gradFn).toBe('LayerNormBackward');
    expect(kernelFallbacks(true)).toEqual({});
    // The registered backend has its own instance: the counted one above saw none of these calls.
    expect(calls).toEqual(before);
    const onCpu = run('cpu', x, w, b);
    expect(ulps(onWasm.y.data, onCpu.y.data)).toBeLessThanOrEqual(2);
    onWasm.grads.forEach((grad, k) => {
      expect(ulps(grad.data, onCpu.grads[k].data), `grad ${k}`).toBeLessThanOrEqual(4);
    });
  });
});
