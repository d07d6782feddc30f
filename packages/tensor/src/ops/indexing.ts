import { zeros } from '../creation';
import { ShapeError, ValueError } from '../errors';
import { fmt, normalizeDim } from '../internal/shape';
import { fromData, record, runKernel, Tensor } from '../tensor';
import { cast, eq, where } from './elementwise';
import { max } from './reduce';
import { expand, pad, reshape, unsqueeze } from './shape';

function checkIndexTensor(op: string, index: unknown, name = 'index'): Tensor {
  if (!(index instanceof Tensor)) throw new ValueError(`${op}: '${name}' must be an int32 Tensor.`);
  if (index.dtype !== 'int32')
    throw new ValueError(`${op}: '${name}' must have dtype int32, got ${index.dtype}.`);
  return index;
}

function checkGatherShapes(op: string, x: Tensor, index: Tensor, axis: number): void {
  if (index.ndim !== x.ndim || index.shape.some((d, i) => i !== axis && d > x.shape[i])) {
    throw new ShapeError(
      `${op}: 'index' ${fmt(index.shape)} must have the same number of dims as 'input' ${fmt(x.shape)} and no larger size in any dim but ${axis}.`,
    );
  }
}

/** Picks values along `dim` by `index` (same rank): `out[i][j] = x[i][index[i][j]]` for dim 1. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const idx = checkIndexTensor('gather', index);
  const axis = normalizeDim('gather', dim, x.ndim);
  checkGatherShapes('gather', x, idx, axis);
  const out = runKernel('gather', [x, idx], (k, [a, i]) => k(a, i, axis), idx.shape, x.dtype);
  return record(out, 'GatherBackward', [x], (g) => [
    scatterAdd(zeros(x.shape, { dtype: x.dtype }), axis, idx, g),
  ]);
}

/** A copy of `x` with `src` values added at `index` along `dim`: `out[index[i][j]][j] += src[i][j]` for dim 0. */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const idx = checkIndexTensor('scatterAdd', index);
  const axis = normalizeDim('scatterAdd', dim, x.ndim);
  checkGatherShapes('scatterAdd', x, idx, axis);
  if (src.ndim !== idx.ndim || idx.shape.some((d, i) => d > src.shape[i])) {
    throw new ShapeError(
      `scatterAdd: 'src' ${fmt(src.shape)} must be at least as large as 'index' ${fmt(idx.shape)} in every dim.`,
    );
  }
  if (src.dtype !== x.dtype)
    throw new ValueError(`scatterAdd: 'src' dtype ${src.dtype} must match 'input' dtype ${x.dtype}.`);
  const out = runKernel('scatterAdd', [x, idx, src], (k, [a, i, s]) => k(a, i, s, axis), x.shape, x.dtype);
  return record(out, 'ScatterAddBackward', [x, src], (g) => {
    if (!src.requiresGrad) return [g, null];
    const picked = gather(g, axis, idx);
    // src may be larger than index; its extra entries were never read, so their gradient is 0.
    const pairs: number[] = [];
    for (let i = src.ndim - 1; i >= 0; i--) pairs.push(0, src.shape[i] - idx.shape[i]);
    return [g, pairs.some((p) => p !== 0) ? pad(picked, pairs) : picked];
  });
}

/** Slices of `x` along `dim` picked by a 1-D int32 `index` (an embedding lookup along dim 0). */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const idx = checkIndexTensor('indexSelect', index);
  if (idx.ndim > 1) throw new ShapeError(`indexSelect: 'index' must be 1-D, got ${fmt(idx.shape)}.`);
  const axis = normalizeDim('indexSelect', dim, x.ndim);
  const flat = idx.ndim === 0 ? reshape(idx, [1]) : idx;
  const shape = x.shape.map((d, i) => (i === axis ? flat.numel : d));
  const out = runKernel('indexSelect', [x, flat], (k, [a, i]) => k(a, i, axis), shape, x.dtype);
  return record(out, 'IndexSelectBackward', [x], (g) => {
    // Repeated indices accumulate: scatter-add g back along dim through an index broadcast to g's shape.
    const viewShape = g.shape.map((d, i) => (i === axis ? d : 1));
    const full = expand(reshape(flat, viewShape), g.shape);
    return [scatterAdd(zeros(x.shape, { dtype: x.dtype }), axis, full, g)];
  });
}

/** `x` with `value` wherever the bool `mask` (broadcast to x) is true. */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  if (!(mask instanceof Tensor) || mask.dtype !== 'bool') {
    throw new ValueError(
      `maskedFill: 'mask' must be a bool Tensor, got ${mask instanceof Tensor ? mask.dtype : typeof mask}.`,
    );
  }
  const out = where(mask, value, x);
  if (out.ndim !== x.ndim || out.shape.some((d, i) => d !== x.shape[i])) {
    throw new ShapeError(
      `maskedFill: 'mask' ${fmt(mask.shape)} must broadcast to 'input' ${fmt(x.shape)} without growing it.`,
    );
  }
  return out.dtype === x.dtype ? out : cast(out, x.dtype);
}

/** A bool [rows, cols] mask with `col - row <= diagonal` (lower) or `>= diagonal` (upper). */
function triangleMask(rows: number, cols: number, diagonal: number, upper: boolean): Tensor {
  const data = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++)
      data[i * cols + j] = (upper ? j - i >= diagonal : j - i <= diagonal) ? 1 : 0;
  }
  return fromData(data, [rows, cols], 'bool');
}

function triangle(op: string, x: Tensor, diagonal: number, upper: boolean): Tensor {
  if (x.ndim < 2) throw new ShapeError(`${op}: 'input' must have at least 2 dims, got ${fmt(x.shape)}.`);
  if (!Number.isInteger(diagonal))
    throw new ValueError(`${op}: 'diagonal' must be an integer, got ${diagonal}.`);
  const [rows, cols] = x.shape.slice(-2);
  const out = where(triangleMask(rows, cols, diagonal, upper), x, 0);
  return out.dtype === x.dtype ? out : cast(out, x.dtype);
}

/** The lower triangle of the last two dims (entries with `col - row <= diagonal`); the rest are 0. */
export function tril(x: Tensor, diagonal = 0): Tensor {
  return triangle('tril', x, diagonal, false);
}

/** The upper triangle of the last two dims (entries with `col - row >= diagonal`); the rest are 0. */
export function triu(x: Tensor, diagonal = 0): Tensor {
  return triangle('triu', x, diagonal, true);
}

/** One-hot encoding of int32 class ids: shape `[...index.shape, numClasses]`, int32 like PyTorch's (long) result. */
export function oneHot(index: Tensor, numClasses = -1): Tensor {
  const idx = checkIndexTensor('oneHot', index, 'input');
  if (idx.numel > 0 && (idx.data as Int32Array).some((v) => v < 0)) {
    throw new ValueError("oneHot: 'input' must hold non-negative class ids.");
  }
  const classes = numClasses === -1 ? (idx.numel === 0 ? 0 : max(idx).item() + 1) : numClasses;
  if (!Number.isInteger(classes) || classes < 0)
    throw new ValueError(`oneHot: 'numClasses' must be -1 or a non-negative integer, got ${numClasses}.`);
  if (idx.numel > 0 && max(idx).item() >= classes) {
    throw new ValueError(`oneHot: class id ${max(idx).item()} is out of range for numClasses ${classes}.`);
  }
  const ids = new Int32Array(classes);
  for (let i = 0; i < classes; i++) ids[i] = i;
  const hit = eq(unsqueeze(idx, -1), fromData(ids, [classes], 'int32'));
  return cast(hit, 'int32');
}
