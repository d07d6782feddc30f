import { type Backend, type Kernels, registerBackend } from '../../backend';
import { ValueError } from '../../errors';
import { cast, clamp } from '../cpu/elementwise';
import { concat, expand, gather, indexSelect, pad, permute, scatterAdd, slice } from '../cpu/movement';
import { createWasmBinary, createWasmUnary, createWasmWhere } from './elementwise';
import { defaultMinElements, type KernelsExports, type MinElements } from './kernels-instance';
import { kernelsSimdBase64 } from './kernels-module.generated';
import { createWasmLayerNorm } from './layer-norm';
import { createWasmMatmul, defaultMinMacs } from './matmul';
import { matmulLayout, matmulRelaxedSimdBase64, matmulSimdBase64 } from './matmul-module.generated';
import { createWasmReduce, createWasmSoftmax } from './reduce';
import { WasmArena } from './wasm-arena';

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
 * Compiles and instantiates the elementwise/reduction/softmax module. Baseline SIMD only: a relaxed
 * build (FMA in the polynomials) measured 0.98-1.10x as fast, not worth CPU-dependent results.
 */
export async function instantiateKernelsModule(): Promise<KernelsExports> {
  const bytes = decode(kernelsSimdBase64);
  if (!WebAssembly.validate(bytes))
    throw new ValueError('registerWasmBackend: this runtime does not support WebAssembly SIMD (128-bit).');
  const { instance } = await WebAssembly.instantiate(bytes);
  return instance.exports as unknown as KernelsExports;
}

/**
 * The wasm elementwise, reduce, softmax and layer-norm kernels over one kernels instance and its memory; below
 * `minElements` (per kind, or one number for all) a call takes the cpu kernel.
 */
export function createWasmKernels(
  wasm: KernelsExports,
  min: MinElements | number = defaultMinElements,
): Pick<
  Kernels,
  | 'unary'
  | 'binary'
  | 'where'
  | 'reduce'
  | 'softmax'
  | 'layerNorm'
  | 'layerNormBackward'
  | 'layerNormParamGrad'
> {
  const arena = new WasmArena(wasm.memory);
  const minElements =
    typeof min === 'number'
      ? {
          cheapUnary: min,
          transcendental: min,
          binary: min,
          where: min,
          reduce: min,
          softmax: min,
          layerNorm: min,
        }
      : min;
  return {
    unary: createWasmUnary(wasm, arena, minElements),
    binary: createWasmBinary(wasm, arena, minElements),
    where: createWasmWhere(wasm, arena, minElements),
    reduce: createWasmReduce(wasm, arena, minElements),
    softmax: createWasmSoftmax(wasm, arena, minElements),
    ...createWasmLayerNorm(wasm, arena, minElements),
  };
}

/**
 * Compiles the WebAssembly SIMD kernels and registers them as the `wasm` backend; opt in with
 * `await registerWasmBackend(); setBackend('wasm')`. Tensor data stays in plain typed arrays, as on
 * `cpu`, so tensors move between the two for free.
 *
 * In wasm, for float32: `matmul` (a register-blocked f32x4 GEMM; float64, tiny (< 128
 * multiply-adds) and dot products use the cpu kernel); `unary` for neg, abs, relu, square, sqrt,
 * rsqrt, reciprocal, exp, expm1, log, tanh, sigmoid, silu, gelu, geluGrad, geluTanh, geluTanhGrad;
 * `binary` add, sub, mul, div, maximum, minimum for same shapes, scalars, and bias-like or per-row
 * broadcasts; `where` with a bool condition (full-size or repeated over leading dims, like a causal
 * mask); `reduce` sum and max; `softmax` and log-softmax along the last axis; the fused `layerNorm`
 * kernels (forward, dx, dweight/dbias; statistics in f64). Small tensors (under
 * 64 to 1024 elements by kind, see `defaultMinElements`), other ops, dtypes and layouts take the cpu
 * kernel inside the wasm one. The remaining kernels are the cpu kernels, set explicitly: they share
 * handles, so this costs no copies and `kernelFallbacks()` stays empty; which kernels are native is
 * listed here, not counted there.
 *
 * Async on purpose: browsers refuse synchronous compilation of modules over 4 KB on the main thread
 * (the two modules are about 38 KB).
 */
export async function registerWasmBackend(options: WasmBackendOptions = {}): Promise<void> {
  const { instance } = await instantiateMatmulModule(options.relaxedSimd ?? true);
  const native = createWasmKernels(await instantiateKernelsModule());
  const backend: Backend = {
    name: 'wasm',
    upload: (data) => data,
    download: (data) => data as ReturnType<Backend['download']>,
    kernels: {
      matmul: createWasmMatmul(instance, matmulLayout, defaultMinMacs),
      ...native,
      // Not in wasm: the cpu kernels on the same typed arrays.
      clamp,
      cast,
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
