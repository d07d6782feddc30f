import type { ReduceOp } from '../backend';
import { fullLike } from '../creation';
import { type DType, isFloat } from '../dtype';
import { ValueError } from '../errors';
import { normalizeDim, normalizeDims } from '../internal/shape';
import { fromData, record, runKernel, type Tensor } from '../tensor';
import { abs, add, cast, div, eq, exp, isinf, log, mul, pow, sqrt, sub, where } from './elementwise';
import { expand, reshape, squeeze } from './shape';

function reduceAxis(x: Tensor, op: ReduceOp, axis: number, dtype: DType): Tensor {
  const shape = x.shape.filter((_, i) => i !== axis);
  return runKernel('reduce', [x], (k, [a]) => k(a, op, axis, dtype), shape, dtype);
}

function keptShape(shape: readonly number[], dims: readonly number[]): number[] {
  return shape.map((d, i) => (dims.includes(i) ? 1 : d));
}

/** Applies a single-axis reduce kernel over several dims (highest first, so lower dims keep their place). */
function reduceDims(
  x: Tensor,
  op: ReduceOp,
  dims: readonly number[],
  keepdim: boolean,
  dtype: DType,
): Tensor {
  let out = x;
  for (let i = dims.length - 1; i >= 0; i--) out = reduceAxis(out, op, dims[i], dtype);
  if (dims.length === 0) out = runKernel('cast', [x], (k, [a]) => k(a, dtype), x.shape, dtype);
  return keepdim ? reshape(out, keptShape(x.shape, dims)) : out;
}

/** Broadcasts a reduced gradient back over the reduced dims. */
function expandBack(g: Tensor, x: Tensor, dims: readonly number[]): Tensor {
  return expand(reshape(g, keptShape(x.shape, dims)), x.shape);
}

/** Sum over `dim` (one dim, several, or all when omitted); integer and bool inputs sum to int32. */
export function sum(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  const dims = normalizeDims('sum', dim, x.ndim);
  const dtype: DType = isFloat(x.dtype) ? x.dtype : 'int32';
  const out = reduceDims(x, 'sum', dims, keepdim, dtype);
  return record(out, 'SumBackward', [x], (g) => [expandBack(g, x, dims)]);
}

/** Arithmetic mean over `dim` (all dims when omitted); float tensors only, as in PyTorch. */
export function mean(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  if (!isFloat(x.dtype)) {
    throw new ValueError(
      `mean: 'input' must be a float tensor, got dtype ${x.dtype} (cast it with .to('float32')).`,
    );
  }
  const dims = normalizeDims('mean', dim, x.ndim);
  const count = dims.reduce((n, d) => n * x.shape[d], 1);
  return div(sum(x, dims, keepdim), count);
}

function extreme(name: 'max' | 'min', x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  if (x.numel === 0) throw new ValueError(`${name}: 'input' is empty, so it has no ${name}imum.`);
  if (dim === undefined) {
    // A full reduction shares the gradient evenly among tied extremes (PyTorch's amax rule).
    const all = normalizeDims(name, undefined, x.ndim);
    const out = reduceDims(x, name, all, false, x.dtype);
    return record(out, name === 'max' ? 'MaxBackward' : 'MinBackward', [x], (g) => {
      const hit = cast(eq(x, out), x.dtype);
      return [div(mul(hit, g), sum(hit))];
    });
  }
  const axis = normalizeDim(name, dim, x.ndim);
  const out = reduceDims(x, name, [axis], keepdim, x.dtype);
  // Along a dim the whole gradient goes to the index argmax/argmin picks, as PyTorch's max(dim) does.
  return record(out, name === 'max' ? 'MaxBackward' : 'MinBackward', [x], (g) => {
    const index = reduceDims(x, name === 'max' ? 'argmax' : 'argmin', [axis], true, 'int32');
    const iota = arangeAlong(x, axis);
    const hit = cast(eq(iota, index), x.dtype);
    return [mul(hit, expandBack(g, x, [axis]))];
  });
}

/** An int32 tensor shaped to broadcast against `x` holding 0..n-1 along `axis`. */
function arangeAlong(x: Tensor, axis: number): Tensor {
  const n = x.shape[axis];
  const data = new Int32Array(n);
  for (let i = 0; i < n; i++) data[i] = i;
  const shape = x.shape.map((d, i) => (i === axis ? d : 1));
  return fromData(data, shape, 'int32');
}

/** Maximum over all elements, or along `dim` (values only; use `argmax` for the indices). */
export function max(x: Tensor, dim?: number, keepdim = false): Tensor {
  return extreme('max', x, dim, keepdim);
}

/** Minimum over all elements, or along `dim` (values only; use `argmin` for the indices). */
export function min(x: Tensor, dim?: number, keepdim = false): Tensor {
  return extreme('min', x, dim, keepdim);
}

function argExtreme(name: 'argmax' | 'argmin', x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  if (x.numel === 0) throw new ValueError(`${name}: 'input' is empty.`);
  if (dim === undefined) return reduceAxis(reshape(x, [x.numel]), name, 0, 'int32');
  return reduceDims(x, name, [normalizeDim(name, dim, x.ndim)], keepdim, 'int32');
}

/** Index of the maximum (first one on ties) over the flattened tensor, or along `dim`; int32. */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtreme('argmax', x, dim, keepdim);
}

/** Index of the minimum (first one on ties) over the flattened tensor, or along `dim`; int32. */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtreme('argmin', x, dim, keepdim);
}

export interface VarOptions {
  /** Divide by N - correction (Bessel's correction 1 by default, as PyTorch's `unbiased=True`). */
  correction?: number;
  /** Shorthand for `correction: unbiased ? 1 : 0`. */
  unbiased?: boolean;
  keepdim?: boolean;
}

/** Variance over `dim` (all when omitted): sum((x - mean)^2) / (N - correction). */
export function variance(x: Tensor, dim?: number | readonly number[], options: VarOptions = {}): Tensor {
  if (!isFloat(x.dtype)) throw new ValueError(`var: 'input' must be a float tensor, got dtype ${x.dtype}.`);
  const dims = normalizeDims('var', dim, x.ndim);
  const correction = options.correction ?? (options.unbiased === false ? 0 : 1);
  const count = dims.reduce((n, d) => n * x.shape[d], 1);
  const centered = sub(x, mean(x, dims, true));
  return div(sum(mul(centered, centered), dims, options.keepdim ?? false), Math.max(count - correction, 0));
}

/** Standard deviation: sqrt(var(x)). */
export function std(x: Tensor, dim?: number | readonly number[], options: VarOptions = {}): Tensor {
  return sqrt(variance(x, dim, options));
}

/** log(sum(exp(x))) over `dim`, computed around the max so large inputs neither overflow nor vanish. */
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  if (!isFloat(x.dtype))
    throw new ValueError(`logsumexp: 'input' must be a float tensor, got dtype ${x.dtype}.`);
  const dims = normalizeDims('logsumexp', dim, x.ndim);
  if (x.numel === 0) return reduceDims(fullLike(x, Number.NEGATIVE_INFINITY), 'max', dims, keepdim, x.dtype);
  const m0 = reduceDims(x.detach(), 'max', dims, true, x.dtype);
  const m = where(isinf(m0), 0, m0);
  const out = add(log(sum(exp(sub(x, m)), dims, true)), m);
  return keepdim ? out : squeeze(out, dims);
}

/**
 * Vector norm over `dim` (all elements when omitted), like `torch.linalg.vector_norm`: p = 2
 * (Euclidean, default), 1, Infinity, or any p > 0 as (sum |x|^p)^(1/p). The gradient of the 2-norm
 * at a zero vector is 0, as in PyTorch, not NaN.
 */
export function norm(x: Tensor, p = 2, dim?: number | readonly number[], keepdim = false): Tensor {
  if (!isFloat(x.dtype)) throw new ValueError(`norm: 'input' must be a float tensor, got dtype ${x.dtype}.`);
  if (!(p > 0)) throw new ValueError(`norm: 'p' must be positive (or Infinity), got ${p}.`);
  const dims = normalizeDims('norm', dim, x.ndim);
  const a = abs(x);
  if (p === Number.POSITIVE_INFINITY) {
    const kept = dims.reduce((m, d) => max(m, d, true), a);
    return keepdim ? kept : squeeze(kept, dims);
  }
  if (p === 1) return sum(a, dims, keepdim);
  if (p === 2) {
    const out = reduceDims(mul(x, x).detach(), 'sum', dims, keepdim, x.dtype);
    const n = sqrt(out);
    return record(n, 'NormBackward', [x], (g) => {
      const nk = keepdim ? n : reshape(n, keptShape(x.shape, dims));
      const gk = keepdim ? g : reshape(g, keptShape(x.shape, dims));
      return [where(eq(nk, 0), 0, div(mul(x, gk), nk))];
    });
  }
  return pow(sum(pow(a, p), dims, keepdim), 1 / p);
}
