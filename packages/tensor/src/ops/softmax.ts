import { isFloat } from '../dtype';
import { ValueError } from '../errors';
import { normalizeDim } from '../internal/shape';
import { record, runKernel, type Tensor } from '../tensor';
import { exp, mul, sub } from './elementwise';
import { sum } from './reduce';

function check(op: string, x: Tensor, dim: number): number {
  if (!isFloat(x.dtype)) throw new ValueError(`${op}: 'input' must be a float tensor, got dtype ${x.dtype}.`);
  if (dim === undefined) throw new ValueError(`${op}: 'dim' is required.`);
  return normalizeDim(op, dim, x.ndim);
}

/** exp(x_i) / sum_j exp(x_j) along `dim`, shifted by the max so no input overflows. */
export function softmax(x: Tensor, dim: number): Tensor {
  const axis = check('softmax', x, dim);
  const y = runKernel('softmax', [x], (k, [a]) => k(a, axis, false), x.shape, x.dtype);
  // dL/dx = y * (g - sum(g * y))
  return record(y, 'SoftmaxBackward', [x], (g) => [mul(y, sub(g, sum(mul(g, y), axis, true)))]);
}

/** x_i - log(sum_j exp(x_j)) along `dim`: the stable log of softmax. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const axis = check('logSoftmax', x, dim);
  const y = runKernel('softmax', [x], (k, [a]) => k(a, axis, true), x.shape, x.dtype);
  // dL/dx = g - softmax(x) * sum(g)
  return record(y, 'LogSoftmaxBackward', [x], (g) => [sub(g, mul(exp(y), sum(g, axis, true)))]);
}
