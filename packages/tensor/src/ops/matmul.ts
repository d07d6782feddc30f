import { isFloat, promoteTypes } from '../dtype';
import { ShapeError, ValueError } from '../errors';
import { broadcastShapes, fmt } from '../internal/shape';
import { record, runKernel, Tensor } from '../tensor';
import { cast } from './elementwise';
import { expand, reshape, squeeze, unsqueeze } from './shape';

/** [B, M, K] x [B, K, N] on the kernel, with its gradients as transposed products (no copies). */
function bmm(a: Tensor, b: Tensor): Tensor {
  const [B, M] = a.shape;
  const N = b.shape[2];
  const out = runKernel('matmul', [a, b], (k, [x, y]) => k(x, y, false, false), [B, M, N], a.dtype);
  return record(out, 'BmmBackward', [a, b], (g) => [
    a.requiresGrad
      ? runKernel('matmul', [g, b], (k, [x, y]) => k(x, y, false, true), a.shape, a.dtype)
      : null,
    b.requiresGrad
      ? runKernel('matmul', [a, g], (k, [x, y]) => k(x, y, true, false), b.shape, b.dtype)
      : null,
  ]);
}

/**
 * Matrix product with torch.matmul's rules: 1-D operands are treated as a row (left) or column
 * (right) vector and that dim is removed again; leading batch dims broadcast.
 * Shapes: (..., M, K) @ (..., K, N) -> (..., M, N).
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (!(a instanceof Tensor) || !(b instanceof Tensor))
    throw new ValueError("matmul: 'input' and 'other' must be Tensors.");
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      `matmul: both arguments need at least 1 dim, got ${fmt(a.shape)} and ${fmt(b.shape)}.`,
    );
  }
  const dtype = promoteTypes(a.dtype, b.dtype);
  if (!isFloat(dtype))
    throw new ValueError(`matmul: operands must be float tensors, got ${a.dtype} and ${b.dtype}.`);
  const x = a.ndim === 1 ? unsqueeze(cast(a, dtype), 0) : cast(a, dtype);
  const y = b.ndim === 1 ? unsqueeze(cast(b, dtype), 1) : cast(b, dtype);
  const [M, K] = x.shape.slice(-2);
  const [K2, N] = y.shape.slice(-2);
  if (K !== K2) {
    throw new ShapeError(
      `matmul: 'other' must have ${K} rows to match 'input' ${fmt(a.shape)}, got ${fmt(b.shape)} (${K2} rows).`,
    );
  }
  const batch = broadcastShapes('matmul', x.shape.slice(0, -2), y.shape.slice(0, -2), [
    'input batch',
    'other batch',
  ]);
  const B = batch.reduce((p, d) => p * d, 1);
  const x3 = reshape(expand(x, [...batch, M, K]), [B, M, K]);
  const y3 = reshape(expand(y, [...batch, K, N]), [B, K, N]);
  let out = reshape(bmm(x3, y3), [...batch, M, N]);
  if (a.ndim === 1) out = squeeze(out, -2);
  if (b.ndim === 1) out = squeeze(out, -1);
  return out;
}

/**
 * y = x W^T + b, like `torch.nn.functional.linear`. Shapes: x (..., in), weight (out, in),
 * bias (out) -> (..., out). The weight is read transposed in place, never copied.
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (!(x instanceof Tensor) || !(weight instanceof Tensor))
    throw new ValueError("linear: 'input' and 'weight' must be Tensors.");
  if (weight.ndim !== 2)
    throw new ShapeError(`linear: 'weight' must be 2-D (out, in), got ${fmt(weight.shape)}.`);
  const [out, inp] = weight.shape;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inp) {
    throw new ShapeError(
      `linear: 'input' ${fmt(x.shape)} must end in ${inp} features to match 'weight' ${fmt(weight.shape)}.`,
    );
  }
  const dtype = promoteTypes(x.dtype, weight.dtype);
  if (!isFloat(dtype))
    throw new ValueError(`linear: operands must be float tensors, got ${x.dtype} and ${weight.dtype}.`);
  const rows = x.numel / inp;
  const x3 = reshape(cast(x, dtype), [1, rows, inp]);
  const w3 = reshape(cast(weight, dtype), [1, out, inp]);
  const y3 = runKernel('matmul', [x3, w3], (k, [a, b]) => k(a, b, false, true), [1, rows, out], dtype);
  record(y3, 'LinearBackward', [x3, w3], (g) => [
    x3.requiresGrad
      ? runKernel('matmul', [g, w3], (k, [a, b]) => k(a, b, false, false), x3.shape, dtype)
      : null,
    w3.requiresGrad
      ? runKernel('matmul', [g, x3], (k, [a, b]) => k(a, b, true, false), w3.shape, dtype)
      : null,
  ]);
  const y = reshape(y3, [...x.shape.slice(0, -1), out]);
  if (!bias) return y;
  if (bias.ndim !== 1 || bias.shape[0] !== out) {
    throw new ShapeError(
      `linear: 'bias' must have shape [${out}] to match 'weight' ${fmt(weight.shape)}, got ${fmt(bias.shape)}.`,
    );
  }
  return y.add(bias);
}
