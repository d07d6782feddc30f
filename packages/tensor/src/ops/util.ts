import { type DType, promoteTypes, scalarResult } from '../dtype';
import { ValueError } from '../errors';
import { normalizeDim, type Shape, sameShape } from '../internal/shape';
import { fromData, Tensor, type TensorLike } from '../tensor';
import { sum } from './reduce';
import { reshape } from './shape';

/** Turns a JS scalar into a 0-d tensor whose dtype follows `like` (PyTorch's scalar rule); tensors pass through. */
export function toTensor(op: string, value: TensorLike, like?: Tensor, name = 'other'): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    const dtype: DType = like
      ? scalarResult(like.dtype, value)
      : typeof value === 'boolean'
        ? 'bool'
        : 'float32';
    const data =
      dtype === 'float64'
        ? new Float64Array(1)
        : dtype === 'int32'
          ? new Int32Array(1)
          : dtype === 'bool'
            ? new Uint8Array(1)
            : new Float32Array(1);
    data[0] = Number(value);
    return fromData(data, [], dtype);
  }
  throw new ValueError(`${op}: '${name}' must be a Tensor or a number, got ${typeof value}.`);
}

/** Both operands as tensors plus the dtype their arithmetic produces. */
export function operands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor, DType] {
  if (a instanceof Tensor) {
    const tb = toTensor(op, b, a, 'other');
    return [a, tb, b instanceof Tensor ? promoteTypes(a.dtype, tb.dtype) : tb.dtype];
  }
  if (b instanceof Tensor) {
    const ta = toTensor(op, a, b, 'input');
    return [ta, b, ta.dtype];
  }
  const ta = toTensor(op, a, undefined, 'input');
  const tb = toTensor(op, b, ta, 'other');
  return [ta, tb, promoteTypes(ta.dtype, tb.dtype)];
}

/** Accepts `f(2, 3)` as well as `f([2, 3])` for shape-like varargs. */
export function shapeArgs(args: number[] | [readonly number[]]): number[] {
  return Array.isArray(args[0]) ? [...(args[0] as readonly number[])] : (args as number[]);
}

export function normalizeDimFor(op: string, dim: number, rank: number): number {
  return normalizeDim(op, dim, rank);
}

/** Sums a broadcast gradient back down to `shape` (the inverse of broadcasting, for backward passes). */
export function sumTo(grad: Tensor, shape: Shape): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  const lead = grad.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < grad.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) dims.push(i);
  }
  return reshape(dims.length ? sum(grad, dims, true) : grad, shape);
}
