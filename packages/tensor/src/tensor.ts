import { type GradFn, isGradEnabled, noGrad, topologicalOrder } from './autograd';
import {
  type Backend,
  getBackend,
  type KernelName,
  type Kernels,
  type KernelTensor,
  resolveKernel,
} from './backend';
import { allocate, type DType, isFloat, type TypedArray } from './dtype';
import { ShapeError, ValueError } from './errors';
import { formatTensor } from './format';
import { fmt, type Shape, sizeOf } from './internal/shape';
import * as F from './ops';

/** A nested array of numbers or booleans, as `toArray()` returns and `tensor()` accepts. */
export type NestedArray = number | boolean | NestedArray[];

/** A tensor or a JS scalar, which ops broadcast like a 0-d tensor. */
export type TensorLike = Tensor | number | boolean;

/**
 * An n-d array of one dtype on one backend, recording the ops applied to it for reverse-mode
 * autograd when `requiresGrad` is set. Tensors are immutable except through `assign` (used by
 * optimizers under `noGrad`); every op returns a new tensor. Create them with `tensor`, `zeros`,
 * `randn`, ...; the constructor is internal.
 */
export class Tensor {
  /** Size of each dim, outermost first. */
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** The gradient accumulated by `backward()`; settable (set to `null` to clear it). */
  grad: Tensor | null = null;
  /** The op that produced this tensor, or `null` for a leaf. */
  gradFn: GradFn | null = null;
  /** Incremented by every `assign`, so holders of stale copies can tell. */
  version = 0;
  /** @internal */ _handle: unknown;
  /** @internal */ _backend: Backend;
  #requiresGrad = false;
  #retainsGrad = false;

  /** @internal Use `tensor()`, `zeros()`, ... instead. */
  constructor(handle: unknown, shape: Shape, dtype: DType, backend: Backend) {
    // A second tensor on the same storage (detach, a reshape view): its owner may no longer write in place.
    if (typeof handle === 'object' && handle !== null) owners.delete(handle);
    this._handle = handle;
    this.shape = Object.freeze(shape.slice());
    this.dtype = dtype;
    this._backend = backend;
  }

  /** Whether gradients flow to this tensor; only float tensors can require them. */
  get requiresGrad(): boolean {
    return this.#requiresGrad;
  }

  set requiresGrad(value: boolean) {
    if (value && !isFloat(this.dtype)) {
      throw new ValueError(
        `requiresGrad: only float tensors can require gradients, got dtype ${this.dtype}.`,
      );
    }
    if (!value && this.gradFn) {
      throw new ValueError('requiresGrad: cannot turn off gradients of a non-leaf tensor; use detach().');
    }
    this.#requiresGrad = value;
  }

  /** Sets `requiresGrad` and returns this tensor, like PyTorch's `requires_grad_()`. */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }

  /** True for tensors created by the user rather than by an op. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Keeps `.grad` on this non-leaf tensor after `backward()`. */
  retainGrad(): this {
    this.#retainsGrad = true;
    return this;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  get numel(): number {
    return sizeOf(this.shape);
  }

  /** The whole shape, or the size of one (possibly negative) dim. */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): number | readonly number[] {
    if (dim === undefined) return this.shape;
    return this.shape[F.normalizeDimFor('size', dim, this.ndim)];
  }

  /** The values as a typed array (float32 → Float32Array, int32 → Int32Array, bool → Uint8Array). Treat it as read-only. */
  get data(): TypedArray {
    assertLive('data', this);
    // The caller may keep this array: later in-place updates must not change it under them.
    release(this._handle);
    return this._backend.download(this._handle, this.dtype, this.numel);
  }

  /**
   * The values as a typed array, like `data`, but possibly the tensor's own storage even after
   * the next in-place update (`assign`, `assignWith`, an optimizer step, `zeroGrad`) overwrites it:
   * read it right away, or copy it (`.slice()`) to keep it. Lets hot loops read a tensor without
   * making its next update allocate.
   */
  peekData(): TypedArray {
    assertLive('peekData', this);
    return this._backend.download(this._handle, this.dtype, this.numel);
  }

  /** The values as nested JS arrays (booleans for bool tensors); a 0-d tensor gives a number. */
  toArray(): NestedArray {
    const data = this.peekData();
    const isBool = this.dtype === 'bool';
    const value = (i: number): number | boolean => (isBool ? data[i] !== 0 : data[i]);
    const build = (dim: number, offset: number, stride: number): NestedArray => {
      if (dim === this.ndim) return value(offset);
      const n = this.shape[dim];
      const inner = stride / Math.max(n, 1);
      const out: NestedArray[] = [];
      for (let i = 0; i < n; i++) out.push(build(dim + 1, offset + i * inner, inner));
      return out;
    };
    return build(0, 0, this.numel);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.numel !== 1) {
      throw new ShapeError(`item: the tensor must have exactly one element, got shape ${fmt(this.shape)}.`);
    }
    return this.peekData()[0];
  }

  /**
   * The values as a typed array, read back asynchronously: the portable way to read a tensor on a
   * backend whose readback is asynchronous (WebGPU), where `data` throws. Same result as `data`.
   */
  async dataAsync(): Promise<TypedArray> {
    assertLive('dataAsync', this);
    const backend = this._backend;
    return backend.downloadAsync
      ? backend.downloadAsync(this._handle, this.dtype, this.numel)
      : backend.download(this._handle, this.dtype, this.numel);
  }

  /** `item()` read back asynchronously (see `dataAsync`). */
  async itemAsync(): Promise<number> {
    if (this.numel !== 1) {
      throw new ShapeError(
        `itemAsync: the tensor must have exactly one element, got shape ${fmt(this.shape)}.`,
      );
    }
    return (await this.dataAsync())[0];
  }

  /** Prints like PyTorch: `tensor([[1.0000, 2.5000]], requiresGrad=true)`. */
  toString(): string {
    return formatTensor(this);
  }

  /**
   * Accumulates d(this)/d(leaf) into `.grad` of every leaf that requires grad. A non-scalar tensor
   * needs `grad` (the upstream gradient, same shape). Gradients add up across calls until cleared.
   */
  backward(grad?: Tensor): void {
    if (!this.requiresGrad) {
      throw new ValueError('backward: the tensor does not require grad and has no gradFn.');
    }
    let seed: Tensor;
    if (grad === undefined) {
      if (this.numel !== 1) {
        throw new ShapeError(
          `backward: 'grad' must be given for a non-scalar output of shape ${fmt(this.shape)} (or call .sum() first).`,
        );
      }
      seed = F.onesLike(this);
    } else {
      if (!(grad instanceof Tensor)) throw new ValueError("backward: 'grad' must be a Tensor.");
      if (grad.shape.join() !== this.shape.join()) {
        throw new ShapeError(`backward: 'grad' must have shape ${fmt(this.shape)}, got ${fmt(grad.shape)}.`);
      }
      seed = grad.to(this.dtype);
    }
    noGrad(() => {
      const order = topologicalOrder(this);
      const grads = new Map<Tensor, Tensor>([[this, seed]]);
      for (let i = order.length - 1; i >= 0; i--) {
        const node = order[i];
        const g = grads.get(node);
        if (!g) continue;
        grads.delete(node);
        if (node.gradFn === null || node.#retainsGrad) {
          // A copy: gradients handed to several inputs may share one tensor, and .grad must be its own.
          if (!node.grad) node.grad = F.clone(g);
          else if (!node.grad.#addInPlace(g)) node.grad = F.add(node.grad, g);
        }
        const fn = node.gradFn;
        if (!fn) continue;
        const inputGrads = fn.backward(g);
        fn.inputs.forEach((input, k) => {
          let ig = inputGrads[k];
          if (!ig || !input.requiresGrad) return;
          // Mixed-dtype ops promote; a gradient always comes back in its input's dtype.
          if (ig.dtype !== input.dtype) ig = ig.to(input.dtype);
          const prev = grads.get(input);
          grads.set(input, prev ? F.add(prev, ig) : ig);
        });
      }
    });
  }

  /**
   * Releases this tensor's storage on its backend now (device buffers on a GPU backend) instead of
   * when the tensor is garbage-collected. The tensor must not be used afterwards (that throws), nor
   * any tensor sharing its storage (`detach()`, `reshape` of a contiguous tensor). Calling it twice
   * does nothing. Never needed on the cpu and wasm backends, where storage is a plain typed array.
   */
  dispose(): void {
    if (this._handle === disposedHandle) return;
    this._backend.dispose?.(this._handle);
    this._handle = disposedHandle;
  }

  /** Whether `dispose()` was called on this tensor. */
  get isDisposed(): boolean {
    return this._handle === disposedHandle;
  }

  /** A tensor with the same data that is cut from the graph. */
  detach(): Tensor {
    return new Tensor(this._handle, this.shape, this.dtype, this._backend);
  }

  /**
   * Replaces this tensor's data in place with `value`'s (same shape, or broadcast to it; cast to this
   * dtype) without recording a graph edge: the way optimizers update parameters. Writes into the
   * tensor's own storage when it holds it alone (see `assignWith`), else into a fresh copy.
   * Increments `version`. Returns this tensor.
   */
  assign(value: TensorLike): this {
    const v = F.toTensor('assign', value, this);
    const full = v.ndim === 0 || v.shape.join() === this.shape.join() ? v : F.expand(v, this.shape);
    const source = full.dtype === this.dtype ? full : full.to(this.dtype);
    if (this.#writableInPlace() && source._backend === this._backend && ArrayBuffer.isView(source._handle)) {
      const from = source._handle as TypedArray;
      const target = this._handle as TypedArray;
      if (from.length === 1 && v.ndim === 0) target.fill(from[0]);
      else if (from !== target) target.set(from);
      this.version++;
      return this;
    }
    const copy = F.clone(source.ndim === this.ndim ? source : F.expand(source, this.shape));
    this._handle = copy._handle;
    this._backend = getBackend();
    // `copy` is dropped here, so this tensor is alone on the storage: the next update may write in place.
    if (ArrayBuffer.isView(this._handle)) owners.set(this._handle, this);
    this.version++;
    return this;
  }

  /**
   * `this += g` into this tensor's own storage (bitwise what `add` gives: one float add per element)
   * when it may be written in place and `g` is a typed array of the same shape and dtype; false
   * (nothing done) otherwise. Keeps a zeroed `.grad` from being reallocated by every `backward()`.
   */
  #addInPlace(g: Tensor): boolean {
    if (
      !this.#writableInPlace() ||
      g._backend !== this._backend ||
      g.dtype !== this.dtype ||
      !ArrayBuffer.isView(g._handle) ||
      g.shape.join() !== this.shape.join()
    )
      return false;
    const from = g._handle as TypedArray;
    const target = this._handle as TypedArray;
    if (this.dtype === 'bool') return false;
    for (let i = 0; i < target.length; i++) target[i] += from[i];
    this.version++;
    return true;
  }

  /**
   * Whether `assignWith` may write into the current storage: a typed array on the active backend,
   * held by this tensor alone, that the backend reads as it is (`download` hands back the array
   * itself, as on cpu and wasm, so no backend-side copy can go stale).
   */
  #writableInPlace(): boolean {
    const handle = this._handle;
    return (
      getBackend() === this._backend &&
      ArrayBuffer.isView(handle) &&
      owners.get(handle) === this &&
      this._backend.download(handle, this.dtype, this.numel) === handle
    );
  }

  /**
   * Updates this tensor in place: `write(target, current)` must fill `target` (this tensor's dtype
   * and size) with the new values, reading the old ones from `current`. When the tensor is alone on
   * its storage and that storage is a typed array on the active backend (cpu, wasm), `target` and
   * `current` are that same array, so an elementwise update allocates nothing; otherwise `target`
   * is a fresh array, uploaded afterwards. No graph edge is recorded; `version` is incremented.
   */
  assignWith(write: (target: TypedArray, current: TypedArray) => void): this {
    assertLive('assignWith', this);
    const backend = getBackend();
    const handle = this._handle;
    if (this.#writableInPlace()) {
      write(handle as TypedArray, handle as TypedArray);
    } else {
      const current = this._backend.download(handle, this.dtype, this.numel);
      const target = allocate(this.dtype, this.numel);
      write(target, current);
      this._handle = backend.upload(target, this.dtype);
      this._backend = backend;
      // Nothing else can hold the array just made: from now on this tensor may write into it.
      if (ArrayBuffer.isView(this._handle)) owners.set(this._handle as TypedArray, this);
    }
    this.version++;
    return this;
  }

  // ---- methods mirroring the functional ops ----
  to(dtype: DType): Tensor {
    return F.cast(this, dtype);
  }
  clone(): Tensor {
    return F.clone(this);
  }
  add(other: TensorLike): Tensor {
    return F.add(this, other);
  }
  sub(other: TensorLike): Tensor {
    return F.sub(this, other);
  }
  mul(other: TensorLike): Tensor {
    return F.mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return F.div(this, other);
  }
  pow(exponent: TensorLike): Tensor {
    return F.pow(this, exponent);
  }
  maximum(other: TensorLike): Tensor {
    return F.maximum(this, other);
  }
  minimum(other: TensorLike): Tensor {
    return F.minimum(this, other);
  }
  eq(other: TensorLike): Tensor {
    return F.eq(this, other);
  }
  ne(other: TensorLike): Tensor {
    return F.ne(this, other);
  }
  lt(other: TensorLike): Tensor {
    return F.lt(this, other);
  }
  le(other: TensorLike): Tensor {
    return F.le(this, other);
  }
  gt(other: TensorLike): Tensor {
    return F.gt(this, other);
  }
  ge(other: TensorLike): Tensor {
    return F.ge(this, other);
  }
  logicalAnd(other: TensorLike): Tensor {
    return F.logicalAnd(this, other);
  }
  logicalOr(other: TensorLike): Tensor {
    return F.logicalOr(this, other);
  }
  logicalNot(): Tensor {
    return F.logicalNot(this);
  }
  neg(): Tensor {
    return F.neg(this);
  }
  exp(): Tensor {
    return F.exp(this);
  }
  expm1(): Tensor {
    return F.expm1(this);
  }
  log(): Tensor {
    return F.log(this);
  }
  log1p(): Tensor {
    return F.log1p(this);
  }
  sqrt(): Tensor {
    return F.sqrt(this);
  }
  rsqrt(): Tensor {
    return F.rsqrt(this);
  }
  abs(): Tensor {
    return F.abs(this);
  }
  sign(): Tensor {
    return F.sign(this);
  }
  sin(): Tensor {
    return F.sin(this);
  }
  cos(): Tensor {
    return F.cos(this);
  }
  square(): Tensor {
    return F.square(this);
  }
  reciprocal(): Tensor {
    return F.reciprocal(this);
  }
  erf(): Tensor {
    return F.erf(this);
  }
  floor(): Tensor {
    return F.floor(this);
  }
  ceil(): Tensor {
    return F.ceil(this);
  }
  round(): Tensor {
    return F.round(this);
  }
  isnan(): Tensor {
    return F.isnan(this);
  }
  isinf(): Tensor {
    return F.isinf(this);
  }
  clamp(min?: number | null, max?: number | null): Tensor {
    return F.clamp(this, min, max);
  }
  sigmoid(): Tensor {
    return F.sigmoid(this);
  }
  tanh(): Tensor {
    return F.tanh(this);
  }
  relu(): Tensor {
    return F.relu(this);
  }
  gelu(approximate: 'none' | 'tanh' = 'none'): Tensor {
    return F.gelu(this, { approximate });
  }
  silu(): Tensor {
    return F.silu(this);
  }
  softplus(options?: F.SoftplusOptions): Tensor {
    return F.softplus(this, options);
  }
  sum(dim?: number | readonly number[], keepdim = false): Tensor {
    return F.sum(this, dim, keepdim);
  }
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    return F.mean(this, dim, keepdim);
  }
  max(dim?: number, keepdim = false): Tensor {
    return F.max(this, dim, keepdim);
  }
  min(dim?: number, keepdim = false): Tensor {
    return F.min(this, dim, keepdim);
  }
  argmax(dim?: number, keepdim = false): Tensor {
    return F.argmax(this, dim, keepdim);
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return F.argmin(this, dim, keepdim);
  }
  var(dim?: number | readonly number[], options?: F.VarOptions): Tensor {
    return F.variance(this, dim, options);
  }
  std(dim?: number | readonly number[], options?: F.VarOptions): Tensor {
    return F.std(this, dim, options);
  }
  norm(p = 2, dim?: number | readonly number[], keepdim = false): Tensor {
    return F.norm(this, p, dim, keepdim);
  }
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return F.logsumexp(this, dim, keepdim);
  }
  softmax(dim: number): Tensor {
    return F.softmax(this, dim);
  }
  /** Layer normalization over the trailing `normalizedShape` dims (see the `layerNorm` function). */
  layerNorm(
    normalizedShape: number | readonly number[],
    weight: Tensor | null = null,
    bias: Tensor | null = null,
    eps = 1e-5,
  ): Tensor {
    return F.layerNorm(this, normalizedShape, weight, bias, eps);
  }
  logSoftmax(dim: number): Tensor {
    return F.logSoftmax(this, dim);
  }
  matmul(other: Tensor): Tensor {
    return F.matmul(this, other);
  }
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    return F.reshape(this, F.shapeArgs(shape));
  }
  view(...shape: number[] | [readonly number[]]): Tensor {
    return F.reshape(this, F.shapeArgs(shape));
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return F.flatten(this, startDim, endDim);
  }
  squeeze(dim?: number): Tensor {
    return F.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return F.unsqueeze(this, dim);
  }
  expand(...shape: number[] | [readonly number[]]): Tensor {
    return F.expand(this, F.shapeArgs(shape));
  }
  permute(...dims: number[] | [readonly number[]]): Tensor {
    return F.permute(this, F.shapeArgs(dims));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return F.transpose(this, dim0, dim1);
  }
  /** Transpose of a 2-D tensor (`t()` in PyTorch). */
  t(): Tensor {
    return F.t(this);
  }
  split(splitSizeOrSections: number | readonly number[], dim = 0): Tensor[] {
    return F.split(this, splitSizeOrSections, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return F.chunk(this, chunks, dim);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return F.narrow(this, dim, start, length);
  }
  slice(dim: number, start?: number, end?: number): Tensor {
    return F.slice(this, dim, start, end);
  }
  gather(dim: number, index: Tensor): Tensor {
    return F.gather(this, dim, index);
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return F.scatterAdd(this, dim, index, src);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return F.indexSelect(this, dim, index);
  }
  maskedFill(mask: Tensor, value: number): Tensor {
    return F.maskedFill(this, mask, value);
  }
  tril(diagonal = 0): Tensor {
    return F.tril(this, diagonal);
  }
  triu(diagonal = 0): Tensor {
    return F.triu(this, diagonal);
  }
  pad(pad: readonly number[], value = 0): Tensor {
    return F.pad(this, pad, value);
  }
}

/** @internal Runs kernel `name` on the active backend (moving inputs there) and wraps the result. */
export function runKernel<K extends KernelName>(
  name: K,
  inputs: readonly Tensor[],
  call: (kernel: Kernels[K], xs: KernelTensor[]) => unknown,
  shape: Shape,
  dtype: DType,
): Tensor {
  const { backend, kernel } = resolveKernel(name);
  const xs = inputs.map((t) => kernelInput(name, t, backend));
  return new Tensor(call(kernel, xs), shape, dtype, backend);
}

/**
 * Storage only its one tensor refers to, by that tensor: `assignWith` may then write into it. An entry
 * is made only for arrays `assignWith` allocated and dropped once another tensor wraps the same storage
 * or `data` hands the array out, so an in-place write can never show through another reference.
 */
const owners = new WeakMap<object, Tensor>();

function release(handle: unknown): void {
  if (typeof handle === 'object' && handle !== null) owners.delete(handle);
}

/** Stands in for the storage of a disposed tensor. */
const disposedHandle: unique symbol = Symbol('disposed');

/** @internal Throws when `t` was disposed: using freed storage must fail loudly, not read garbage. */
export function assertLive(op: string, t: Tensor): void {
  if (t._handle === disposedHandle)
    throw new ValueError(`${op}: the tensor of shape [${t.shape.join(', ')}] was disposed.`);
}

function kernelInput(name: string, t: Tensor, backend: Backend): KernelTensor {
  assertLive(name, t);
  if (t._backend === backend) return { data: t._handle, shape: t.shape, dtype: t.dtype };
  const cpuData = t._backend.download(t._handle, t.dtype, t.numel);
  return { data: backend.upload(cpuData, t.dtype), shape: t.shape, dtype: t.dtype };
}

/** @internal Wraps CPU data as a tensor on the active backend. */
export function fromData(data: TypedArray, shape: Shape, dtype: DType): Tensor {
  const backend = getBackend();
  return new Tensor(backend.upload(data, dtype), shape, dtype, backend);
}

/**
 * @internal Records `out` as produced by `name` from `inputs` when any input requires grad and
 * recording is on. `backward` maps the output gradient to one gradient per input.
 */
export function record(
  out: Tensor,
  name: string,
  inputs: readonly Tensor[],
  backward: (grad: Tensor) => readonly (Tensor | null)[],
): Tensor {
  if (isGradEnabled() && isFloat(out.dtype) && inputs.some((t) => t.requiresGrad)) {
    out.gradFn = { name, inputs, backward };
    out.requiresGrad = true;
  }
  return out;
}
