import type { Kernels, KernelTensor } from '../../backend';
import {
  layerNorm as cpuLayerNorm,
  layerNormBackward as cpuLayerNormBackward,
  layerNormParamGrad as cpuLayerNormParamGrad,
} from '../cpu/layer-norm';
import type { KernelsExports, MinElements } from './kernels-instance';
import type { WasmArena } from './wasm-arena';

type LayerNormKernels = Required<Pick<Kernels, 'layerNorm' | 'layerNormBackward' | 'layerNormParamGrad'>>;

/**
 * The wasm layer-norm kernels: float32 inputs of at least `minElements.layerNorm` values run in wasm
 * (statistics and every per-element expression in f64, as in the cpu kernel, so the two agree to an
 * ulp); float64, small inputs and inputs that do not fit the memory are the cpu kernels.
 */
export function createWasmLayerNorm(
  wasm: KernelsExports,
  arena: WasmArena,
  minElements: MinElements,
): LayerNormKernels {
  const inWasm = (x: KernelTensor, cols: number) =>
    x.dtype === 'float32' &&
    cols > 0 &&
    (x.data as Float32Array).length >= Math.max(minElements.layerNorm, 1);
  /** Copies a [cols] parameter into wasm memory at `at`, or `fill` when there is none. */
  const put = (p: KernelTensor | null, at: number, cols: number, fill: number) => {
    if (p) arena.f32.set(p.data as Float32Array, at / 4);
    else arena.f32.fill(fill, at / 4, at / 4 + cols);
  };
  return {
    layerNorm: (x, weight, bias, cols, eps) => {
      if (!inWasm(x, cols)) return cpuLayerNorm(x, weight, bias, cols, eps);
      const src = x.data as Float32Array;
      const at = arena.layout(src.length * 4, cols * 4, cols * 4, src.length * 4);
      if (!at) return cpuLayerNorm(x, weight, bias, cols, eps);
      const [srcAt, wAt, bAt, dstAt] = at;
      arena.f32.set(src, srcAt / 4);
      put(weight, wAt, cols, 1);
      put(bias, bAt, cols, 0);
      wasm.layerNormRows(srcAt, wAt, bAt, dstAt, src.length / cols, cols, eps);
      return arena.copyOut(dstAt, src.length);
    },
    layerNormBackward: (x, weight, dy, cols, eps) => {
      if (!inWasm(x, cols) || dy.dtype !== 'float32') return cpuLayerNormBackward(x, weight, dy, cols, eps);
      const src = x.data as Float32Array;
      const at = arena.layout(src.length * 4, cols * 4, src.length * 4, src.length * 4);
      if (!at) return cpuLayerNormBackward(x, weight, dy, cols, eps);
      const [srcAt, wAt, dyAt, dstAt] = at;
      arena.f32.set(src, srcAt / 4);
      put(weight, wAt, cols, 1);
      arena.f32.set(dy.data as Float32Array, dyAt / 4);
      wasm.layerNormBackwardRows(srcAt, wAt, dyAt, dstAt, src.length / cols, cols, eps);
      return arena.copyOut(dstAt, src.length);
    },
    layerNormParamGrad: (x, dy, cols, eps) => {
      if (!inWasm(x, cols) || dy.dtype !== 'float32') return cpuLayerNormParamGrad(x, dy, cols, eps);
      const src = x.data as Float32Array;
      const at = arena.layout(src.length * 4, src.length * 4, cols * 16);
      if (!at) return cpuLayerNormParamGrad(x, dy, cols, eps);
      const [srcAt, dyAt, accAt] = at;
      arena.f32.set(src, srcAt / 4);
      arena.f32.set(dy.data as Float32Array, dyAt / 4);
      arena.f64.fill(0, accAt / 8, accAt / 8 + 2 * cols);
      wasm.layerNormParamRows(srcAt, dyAt, accAt, src.length / cols, cols, eps);
      // The f64 sums rounded once to float32, like the cpu kernel's.
      const out = new Float32Array(2 * cols);
      out.set(arena.f64.subarray(accAt / 8, accAt / 8 + 2 * cols));
      return out;
    },
  };
}
