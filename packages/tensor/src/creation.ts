import { allocate, assertDType, type DType, type TypedArray } from './dtype';
import { ShapeError, ValueError } from './errors';
import { checkShape, fmt } from './internal/shape';
import { fromData, type NestedArray, type Tensor } from './tensor';

export interface TensorOptions {
  /** Element type; `float32` unless given (JS numbers carry no int/float distinction). */
  dtype?: DType;
  /** Record operations on this tensor for autograd. */
  requiresGrad?: boolean;
}

function finish(t: Tensor, options: TensorOptions | undefined): Tensor {
  if (options?.requiresGrad) t.requiresGrad = true;
  return t;
}

function dtypeOf(op: string, options: TensorOptions | undefined, fallback: DType = 'float32'): DType {
  return options?.dtype === undefined ? fallback : assertDType(op, 'dtype', options.dtype);
}

function typedDType(data: ArrayBufferView): DType | undefined {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  return undefined;
}

/**
 * A tensor from nested arrays, a flat typed array (with `shape`), or a scalar:
 * `tensor([[1, 2], [3, 4]])`, `tensor(new Float32Array(6), { shape: [2, 3] })`.
 * Numbers give float32 unless `dtype` says otherwise; booleans give bool; typed arrays keep their type.
 */
export function tensor(
  data: NestedArray | TypedArray | readonly number[],
  options?: TensorOptions & { shape?: readonly number[] },
): Tensor {
  if (ArrayBuffer.isView(data)) {
    const inferred = typedDType(data);
    const dtype = dtypeOf('tensor', options, inferred ?? 'float32');
    if (!inferred && options?.dtype === undefined) {
      throw new ValueError("tensor: a Uint8Array needs an explicit 'dtype' ('bool' or 'int32').");
    }
    const shape = options?.shape ? checkShape('tensor', 'shape', [...options.shape]) : [data.length];
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== data.length) {
      throw new ShapeError(`tensor: 'shape' ${fmt(shape)} needs ${size} elements, got ${data.length}.`);
    }
    const copy = allocate(dtype, size);
    if (dtype === 'bool') for (let i = 0; i < size; i++) copy[i] = data[i] !== 0 ? 1 : 0;
    else copy.set(data);
    return finish(fromData(copy, shape, dtype), options);
  }
  const shape: number[] = [];
  let probe: NestedArray = data as NestedArray;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const isBool = typeof probe === 'boolean';
  const dtype = dtypeOf('tensor', options, isBool ? 'bool' : 'float32');
  const size = shape.reduce((a, b) => a * b, 1);
  const out = allocate(dtype, size);
  let k = 0;
  const walk = (x: NestedArray, dim: number, path: number[]): void => {
    if (dim === shape.length) {
      if (Array.isArray(x) || (typeof x !== 'number' && typeof x !== 'boolean')) {
        throw new ShapeError(`tensor: ragged data at index [${path.join(', ')}]: expected a scalar.`);
      }
      out[k++] = Number(x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[dim]) {
      throw new ShapeError(
        `tensor: ragged data at index [${path.join(', ')}]: expected ${shape[dim]} elements, got ${Array.isArray(x) ? x.length : 'a scalar'}.`,
      );
    }
    for (let i = 0; i < x.length; i++) walk(x[i], dim + 1, [...path, i]);
  };
  walk(data as NestedArray, 0, []);
  if (dtype === 'bool') for (let i = 0; i < size; i++) out[i] = out[i] !== 0 ? 1 : 0;
  return finish(fromData(out, shape, dtype), options);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number | boolean, options?: TensorOptions): Tensor {
  const s = checkShape('full', 'shape', [...shape]);
  const dtype = dtypeOf('full', options, typeof value === 'boolean' ? 'bool' : 'float32');
  const data = allocate(
    dtype,
    s.reduce((a, b) => a * b, 1),
  );
  data.fill(Number(value));
  return finish(fromData(data, s, dtype), options);
}

export function zeros(shape: readonly number[], options?: TensorOptions): Tensor {
  return full(shape, 0, options);
}

export function ones(shape: readonly number[], options?: TensorOptions): Tensor {
  return full(shape, 1, options);
}

/** Like `full` with the shape (and, unless given, the dtype) of `like`. */
export function fullLike(like: Tensor, value: number | boolean, options?: TensorOptions): Tensor {
  return full(like.shape, value, { dtype: like.dtype, ...options });
}

export function zerosLike(like: Tensor, options?: TensorOptions): Tensor {
  return fullLike(like, 0, options);
}

export function onesLike(like: Tensor, options?: TensorOptions): Tensor {
  return fullLike(like, 1, options);
}

/**
 * Values from `start` (inclusive) to `end` (exclusive) in steps of `step`; `arange(5)` is 0..4.
 * float32 unless `dtype` is given.
 */
export function arange(start: number, end?: number, step = 1, options?: TensorOptions): Tensor {
  if (end === undefined) {
    end = start;
    start = 0;
  }
  if (step === 0 || !Number.isFinite(step))
    throw new ValueError(`arange: 'step' must be finite and non-zero, got ${step}.`);
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new ValueError(`arange: 'start' and 'end' must be finite, got ${start} and ${end}.`);
  }
  if ((end - start) / step < 0) {
    throw new ValueError(`arange: 'step' ${step} has the wrong sign for start ${start} and end ${end}.`);
  }
  const n = Math.ceil((end - start) / step);
  const dtype = dtypeOf('arange', options);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return finish(fromData(data, [n], dtype), options);
}

/** `steps` evenly spaced values from `start` to `end`, both included. */
export function linspace(start: number, end: number, steps: number, options?: TensorOptions): Tensor {
  if (!Number.isInteger(steps) || steps < 0)
    throw new ValueError(`linspace: 'steps' must be a non-negative integer, got ${steps}.`);
  const dtype = dtypeOf('linspace', options);
  const data = allocate(dtype, steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // Fill from both ends, as PyTorch does, so the last value is exactly `end`.
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) data[i] = i < half ? start + i * step : end - (steps - 1 - i) * step;
  return finish(fromData(data, [steps], dtype), options);
}

/** The identity matrix with `n` rows and `m` (default `n`) columns. */
export function eye(n: number, m = n, options?: TensorOptions): Tensor {
  checkShape('eye', 'n, m', [n, m]);
  const dtype = dtypeOf('eye', options);
  const data = allocate(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return finish(fromData(data, [n, m], dtype), options);
}
