import { type Backend, registerBackend } from '../../backend';
import { ValueError } from '../../errors';
import { binary, cast, clamp, unary, where } from '../cpu/elementwise';
import { concat, expand, gather, indexSelect, pad, permute, scatterAdd, slice } from '../cpu/movement';
import { reduce, softmax } from '../cpu/reduce';
import { createWasmMatmul, defaultMinMacs } from './matmul';
import { matmulLayout, matmulRelaxedSimdBase64, matmulSimdBase64 } from './matmul-module.generated';

export interface WasmBackendOptions {
  /**
   * Use the relaxed-SIMD build (fused multiply-add, ~1.2x faster) when the engine supports it
   * (Node >= 22, Deno, Chrome >= 114); its results may differ in the last bits between CPUs with and
   * without FMA. `false` always uses the baseline-SIMD build. Default `true`.
   */
  relaxedSimd?: boolean;
}

const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/** Compiles and instantiates the matmul module: the relaxed-SIMD build if asked for and valid here, else baseline SIMD. */
export async function instantiateMatmulModule(
  relaxedSimd = true,
): Promise<{ instance: WebAssembly.Instance; relaxedSimd: boolean }> {
  if (typeof WebAssembly !== 'object')
    throw new ValueError('registerWasmBackend: this runtime has no WebAssembly.');
  const relaxed = decode(matmulRelaxedSimdBase64);
  const useRelaxed = relaxedSimd && WebAssembly.validate(relaxed);
  const bytes = useRelaxed ? relaxed : decode(matmulSimdBase64);
  if (!WebAssembly.validate(bytes))
    throw new ValueError('registerWasmBackend: this runtime does not support WebAssembly SIMD (128-bit).');
  const { instance } = await WebAssembly.instantiate(bytes);
  return { instance, relaxedSimd: useRelaxed };
}

/**
 * Compiles the WebAssembly SIMD kernels and registers them as the `wasm` backend; opt in with
 * `await registerWasmBackend(); setBackend('wasm')`. Tensor data stays in plain typed arrays, as on
 * `cpu`, so tensors move between the two for free.
 *
 * Only `matmul` runs in wasm so far (a register-blocked f32x4 GEMM for float32; float64, tiny
 * (< 128 multiply-adds) and dot products use the cpu kernel). Every other kernel is the cpu
 * kernel, set explicitly: they share handles, so this costs no copies and `kernelFallbacks()` stays
 * empty; which kernels are native is listed here, not counted there.
 *
 * Async on purpose: browsers refuse synchronous compilation of modules over 4 KB on the main thread,
 * and the module grows as kernels move to wasm (it is about 2.7 KB today).
 */
export async function registerWasmBackend(options: WasmBackendOptions = {}): Promise<void> {
  const { instance } = await instantiateMatmulModule(options.relaxedSimd ?? true);
  const backend: Backend = {
    name: 'wasm',
    upload: (data) => data,
    download: (data) => data as ReturnType<Backend['download']>,
    kernels: {
      matmul: createWasmMatmul(instance, matmulLayout, defaultMinMacs),
      // Not yet in wasm: the cpu kernels on the same typed arrays.
      unary,
      clamp,
      binary,
      where,
      cast,
      reduce,
      softmax,
      permute,
      expand,
      slice,
      pad,
      concat,
      gather,
      scatterAdd,
      indexSelect,
    },
  };
  registerBackend(backend);
}
