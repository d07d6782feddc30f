import { cpuBackend } from './backends/cpu';
import type { DType, TypedArray } from './dtype';
import { ValueError } from './errors';
import type { Shape } from './internal/shape';

/** What a kernel sees of a tensor: a backend-specific data handle plus its shape and dtype. */
export interface KernelTensor {
  readonly data: unknown;
  readonly shape: Shape;
  readonly dtype: DType;
}

export type UnaryOp =
  | 'neg'
  | 'exp'
  | 'expm1'
  | 'log'
  | 'log1p'
  | 'sqrt'
  | 'rsqrt'
  | 'abs'
  | 'sign'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'erf'
  | 'gelu'
  | 'geluTanh'
  | 'geluGrad'
  | 'geluTanhGrad'
  | 'silu'
  | 'softplus'
  | 'reciprocal'
  | 'square'
  | 'floor'
  | 'ceil'
  | 'round'
  | 'logicalNot'
  | 'isnan'
  | 'isinf';

export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'logicalAnd'
  | 'logicalOr';

export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin';

/**
 * The primitive kernels a backend implements. Every public op is one of these or a composition of
 * them, so a new backend implements this list and inherits every op and every gradient. Kernels
 * return the data handle of a new contiguous result; they never mutate their inputs.
 */
export interface Kernels {
  /** Elementwise `op` over `x`; the result has `x.shape` and dtype `outDtype`. */
  unary(x: KernelTensor, op: UnaryOp, outDtype: DType): unknown;
  /** `min(max(x, lo), hi)` elementwise (either bound may be ±Infinity). */
  clamp(x: KernelTensor, lo: number, hi: number): unknown;
  /** Elementwise `op` with NumPy broadcasting of `a` and `b` to `outShape`. */
  binary(a: KernelTensor, b: KernelTensor, op: BinaryOp, outShape: Shape, outDtype: DType): unknown;
  /** `cond ? a : b` with broadcasting of all three to `outShape`. */
  where(cond: KernelTensor, a: KernelTensor, b: KernelTensor, outShape: Shape, outDtype: DType): unknown;
  /** Converts to `dtype` (floats to int32 truncate toward zero; to bool is `!= 0`). */
  cast(x: KernelTensor, dtype: DType): unknown;
  /** Reduces one axis; the result has `x.shape` without `axis`. argmax/argmin give int32, first index on ties. */
  reduce(x: KernelTensor, op: ReduceOp, axis: number, outDtype: DType): unknown;
  /** Batched matmul: `a` is [B, M, K] ([B, K, M] if `transA`), `b` is [B, K, N] ([B, N, K] if `transB`); result [B, M, N]. */
  matmul(a: KernelTensor, b: KernelTensor, transA: boolean, transB: boolean): unknown;
  /** Softmax (or log-softmax when `log`) along `axis`, numerically stable (max subtracted). */
  softmax(x: KernelTensor, axis: number, log: boolean): unknown;
  /** Materialises `x` with its dims reordered by `perm`. */
  permute(x: KernelTensor, perm: readonly number[]): unknown;
  /** Materialises `x` broadcast to `shape` (same rank, size-1 dims repeated). */
  expand(x: KernelTensor, shape: Shape): unknown;
  /** The box `begin[i] .. begin[i] + size[i]` of `x`. */
  slice(x: KernelTensor, begin: readonly number[], size: readonly number[]): unknown;
  /** Constant padding: `pads[i] = [before, after]` for dim i (negative values crop). */
  pad(x: KernelTensor, pads: readonly (readonly [number, number])[], value: number): unknown;
  /** Concatenation along `axis`; all inputs share every other dim. */
  concat(xs: readonly KernelTensor[], axis: number): unknown;
  /** `out[i][j][k] = x[index[i][j][k]][j][k]` for axis 0 (PyTorch `gather`); result has `index.shape`. */
  gather(x: KernelTensor, index: KernelTensor, axis: number): unknown;
  /** A copy of `x` with `out[index[i][j]][j] += src[i][j]` for axis 0 (PyTorch `scatter_add`). */
  scatterAdd(x: KernelTensor, index: KernelTensor, src: KernelTensor, axis: number): unknown;
  /** Slices of `x` along `axis` picked by the 1-D int32 `index`. */
  indexSelect(x: KernelTensor, index: KernelTensor, axis: number): unknown;
  /**
   * Optional fused layer norm of `x` viewed as rows of `cols` contiguous values: y = (x - mean) *
   * rstd * weight + bias, rstd = 1/sqrt(biased variance + eps); `weight`/`bias` are [cols] or null.
   * The op uses it only on a backend that implements it itself (`hasKernel`), else it composes.
   */
  layerNorm?(
    x: KernelTensor,
    weight: KernelTensor | null,
    bias: KernelTensor | null,
    cols: number,
    eps: number,
  ): unknown;
  /** Optional: dx of `layerNorm` for upstream `dy` (x's shape), mean and rstd recomputed from `x`. */
  layerNormBackward?(
    x: KernelTensor,
    weight: KernelTensor | null,
    dy: KernelTensor,
    cols: number,
    eps: number,
  ): unknown;
  /** Optional: [2, cols] holding Σ dy * x̂ (the weight gradient) then Σ dy (the bias gradient) over rows. */
  layerNormParamGrad?(x: KernelTensor, dy: KernelTensor, cols: number, eps: number): unknown;
}

export type KernelName = keyof Kernels;

/** A compute backend: where tensor data lives and the kernels that work on it. */
export interface Backend {
  readonly name: string;
  /** Moves CPU data onto this backend and returns its handle. */
  upload(data: TypedArray, dtype: DType): unknown;
  /** Reads a handle back into a CPU typed array (on the CPU backend: the array itself, not a copy). */
  download(data: unknown, dtype: DType, size: number): TypedArray;
  /**
   * Reads a handle back asynchronously (used by `Tensor.dataAsync`); backends whose readback cannot
   * be synchronous (WebGPU) implement it and make `download` throw a clear error instead.
   */
  downloadAsync?(data: unknown, dtype: DType, size: number): Promise<TypedArray>;
  /** Frees a handle early (optional; garbage collection frees the rest). */
  dispose?(data: unknown): void;
  /** The kernels this backend implements; missing ones fall back to the `cpu` backend. */
  readonly kernels: Partial<Kernels>;
}

// The plain-JS cpu backend is always present and active until another is chosen.
const backends = new Map<string, Backend>([['cpu', cpuBackend]]);
let active: Backend = cpuBackend;
const fallbacks = new Map<string, number>();

/** Registers a backend under its name (replacing one of the same name); `setBackend` activates it. */
export function registerBackend(backend: Backend): void {
  if (backend.name === 'cpu')
    throw new ValueError("registerBackend: the name 'cpu' is reserved for the reference backend.");
  backends.set(backend.name, backend);
}

/** Adds or replaces one kernel of a registered backend. */
export function registerKernel<K extends KernelName>(backendName: string, name: K, kernel: Kernels[K]): void {
  const backend = backends.get(backendName);
  if (!backend)
    throw new ValueError(
      `registerKernel: no backend named '${backendName}' (known: ${listBackends().join(', ')}).`,
    );
  (backend.kernels as Partial<Kernels>)[name] = kernel;
}

/** Makes `name` the backend that new tensors and ops use. */
export function setBackend(name: string): void {
  const backend = backends.get(name);
  if (!backend)
    throw new ValueError(`setBackend: no backend named '${name}' (known: ${listBackends().join(', ')}).`);
  active = backend;
}

/** The active backend. */
export function getBackend(): Backend {
  return active;
}

/** A registered backend by name. */
export function findBackend(name: string): Backend {
  const backend = backends.get(name);
  if (!backend)
    throw new ValueError(`findBackend: no backend named '${name}' (known: ${listBackends().join(', ')}).`);
  return backend;
}

export function listBackends(): string[] {
  return [...backends.keys()];
}

/** Runs `fn` with `name` as the active backend, restoring the previous one afterwards. */
export function withBackend<T>(name: string, fn: () => T): T {
  const previous = active;
  setBackend(name);
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/**
 * Finds the kernel `name` on the active backend, or on `cpu` when the active backend lacks it.
 * Each fallback is counted so a backend's gaps are observable (`kernelFallbacks()`).
 */
export function resolveKernel<K extends KernelName>(name: K): { backend: Backend; kernel: Kernels[K] } {
  const backend = getBackend();
  const kernel = backend.kernels[name];
  if (kernel) return { backend, kernel: kernel as Kernels[K] };
  const fallback = cpuBackend.kernels[name];
  const cpu = cpuBackend;
  if (!fallback)
    throw new ValueError(`${name}: backend '${backend.name}' has no kernel and no cpu fallback.`);
  const key = `${backend.name}:${name}`;
  fallbacks.set(key, (fallbacks.get(key) ?? 0) + 1);
  return { backend: cpu, kernel: fallback as Kernels[K] };
}

/**
 * Whether the active backend implements kernel `name` itself (no cpu fallback). Ops with an optional
 * fused kernel check this and otherwise compose from primitives, which every backend runs natively.
 */
export function hasKernel(name: KernelName): boolean {
  return getBackend().kernels[name] !== undefined;
}

/** How many times each `backend:kernel` fell back to the cpu backend since the last reset. */
export function kernelFallbacks(reset = false): Record<string, number> {
  const out = Object.fromEntries(fallbacks);
  if (reset) fallbacks.clear();
  return out;
}
