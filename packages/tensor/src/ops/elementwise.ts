import type { BinaryOp, UnaryOp } from '../backend';
import { fullLike, zerosLike } from '../creation';
import { assertDType, type DType, floatResult, isFloat } from '../dtype';
import { ValueError } from '../errors';
import { broadcastShapes, sameShape } from '../internal/shape';
import { record, runKernel, Tensor, type TensorLike } from '../tensor';
import { operands, sumTo } from './util';

function unaryKernel(x: Tensor, op: UnaryOp, outDtype: DType): Tensor {
  return runKernel('unary', [x], (k, [a]) => k(a, op, outDtype), x.shape, outDtype);
}

/** An elementwise float op with its local derivative `dy/dx` expressed through `x` and the output `y`. */
function floatUnary(
  name: string,
  op: UnaryOp,
  x: Tensor,
  derivative: ((x: Tensor, y: Tensor) => Tensor) | null,
): Tensor {
  if (!(x instanceof Tensor)) throw new ValueError(`${name}: 'input' must be a Tensor, got ${typeof x}.`);
  const y = unaryKernel(x, op, floatResult(x.dtype));
  return record(y, name, [x], (g) => [derivative ? mul(g, derivative(x, y)) : zerosLike(x)]);
}

/** An elementwise op that keeps integer dtypes (neg, abs, sign, ...). */
function sameTypeUnary(
  name: string,
  op: UnaryOp,
  x: Tensor,
  derivative: ((x: Tensor, y: Tensor) => Tensor) | null,
): Tensor {
  if (!(x instanceof Tensor)) throw new ValueError(`${name}: 'input' must be a Tensor, got ${typeof x}.`);
  if (x.dtype === 'bool' && op !== 'logicalNot') {
    throw new ValueError(`${name}: 'input' must be a numeric tensor, got dtype bool.`);
  }
  const outDtype: DType = op === 'logicalNot' || op === 'isnan' || op === 'isinf' ? 'bool' : x.dtype;
  const y = unaryKernel(x, op, outDtype);
  return record(y, name, [x], (g) => [derivative ? mul(g, derivative(x, y)) : zerosLike(x)]);
}

function binaryKernel(a: Tensor, b: Tensor, op: BinaryOp, outDtype: DType, name: string): Tensor {
  const shape = sameShape(a.shape, b.shape) ? a.shape : broadcastShapes(name, a.shape, b.shape);
  return runKernel('binary', [a, b], (k, [x, y]) => k(x, y, op, shape, outDtype), shape, outDtype);
}

function compare(name: string, op: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(name, a, b);
  return binaryKernel(x, y, op, 'bool', name);
}

/** Casts to `dtype`; gradients pass through between float dtypes. */
export function cast(x: Tensor, dtype: DType): Tensor {
  assertDType('cast', 'dtype', dtype);
  if (x.dtype === dtype) return x;
  const y = runKernel('cast', [x], (k, [a]) => k(a, dtype), x.shape, dtype);
  return isFloat(dtype) ? record(y, 'ToCopyBackward', [x], (g) => [cast(g, x.dtype)]) : y;
}

/** A copy of `x` with its own data (gradients pass through). */
export function clone(x: Tensor): Tensor {
  const y = runKernel('cast', [x], (k, [a]) => k(a, x.dtype), x.shape, x.dtype);
  return record(y, 'CloneBackward', [x], (g) => [g]);
}

/** `input + other` with broadcasting. */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dtype] = operands('add', a, b);
  const out = binaryKernel(x, y, 'add', dtype === 'bool' ? 'int32' : dtype, 'add');
  return record(out, 'AddBackward', [x, y], (g) => [sumTo(g, x.shape), sumTo(g, y.shape)]);
}

/** `input - other` with broadcasting. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dtype] = operands('sub', a, b);
  const out = binaryKernel(x, y, 'sub', dtype === 'bool' ? 'int32' : dtype, 'sub');
  return record(out, 'SubBackward', [x, y], (g) => [sumTo(g, x.shape), sumTo(neg(g), y.shape)]);
}

/** `input * other` with broadcasting. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dtype] = operands('mul', a, b);
  const out = binaryKernel(x, y, 'mul', dtype === 'bool' ? 'int32' : dtype, 'mul');
  return record(out, 'MulBackward', [x, y], (g) => [
    x.requiresGrad ? sumTo(mul(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(mul(g, x), y.shape) : null,
  ]);
}

/** True division `input / other` with broadcasting; integer inputs give float32. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dtype] = operands('div', a, b);
  const out = binaryKernel(x, y, 'div', floatResult(dtype), 'div');
  return record(out, 'DivBackward', [x, y], (g) => [
    x.requiresGrad ? sumTo(div(g, y), x.shape) : null,
    y.requiresGrad ? sumTo(neg(div(mul(g, out), y)), y.shape) : null,
  ]);
}

/** `input ** exponent` with broadcasting; gradients follow PyTorch at 0 (no NaN from 0 * log 0). */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dtype] = operands('pow', a, b);
  const out = binaryKernel(x, y, 'pow', dtype === 'bool' ? 'int32' : dtype, 'pow');
  return record(out, 'PowBackward', [x, y], (g) => [
    x.requiresGrad ? sumTo(where(eq(y, 0), 0, mul(g, mul(y, pow(x, sub(y, 1))))), x.shape) : null,
    y.requiresGrad
      ? sumTo(mul(g, where(logicalAnd(eq(x, 0), ge(y, 0)), 0, mul(out, log(x)))), y.shape)
      : null,
  ]);
}

function extremum(name: 'maximum' | 'minimum', a: TensorLike, b: TensorLike): Tensor {
  const [x, y, dtype] = operands(name, a, b);
  const out = binaryKernel(x, y, name, dtype, name);
  const wins = name === 'maximum' ? gt : lt;
  // Ties split the gradient evenly, as PyTorch does.
  return record(out, name === 'maximum' ? 'MaximumBackward' : 'MinimumBackward', [x, y], (g) => {
    const tie = eq(x, y);
    const half = mul(g, 0.5);
    return [
      sumTo(where(tie, half, where(wins(x, y), g, 0)), x.shape),
      sumTo(where(tie, half, where(wins(y, x), g, 0)), y.shape),
    ];
  });
}

/** Elementwise maximum with broadcasting (NaN propagates). */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return extremum('maximum', a, b);
}

/** Elementwise minimum with broadcasting (NaN propagates). */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return extremum('minimum', a, b);
}

export const eq = (a: TensorLike, b: TensorLike): Tensor => compare('eq', 'eq', a, b);
export const ne = (a: TensorLike, b: TensorLike): Tensor => compare('ne', 'ne', a, b);
export const lt = (a: TensorLike, b: TensorLike): Tensor => compare('lt', 'lt', a, b);
export const le = (a: TensorLike, b: TensorLike): Tensor => compare('le', 'le', a, b);
export const gt = (a: TensorLike, b: TensorLike): Tensor => compare('gt', 'gt', a, b);
export const ge = (a: TensorLike, b: TensorLike): Tensor => compare('ge', 'ge', a, b);
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor => compare('logicalAnd', 'logicalAnd', a, b);
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor => compare('logicalOr', 'logicalOr', a, b);
export const logicalNot = (x: Tensor): Tensor => sameTypeUnary('logicalNot', 'logicalNot', x, null);
export const isnan = (x: Tensor): Tensor => sameTypeUnary('isnan', 'isnan', x, null);
export const isinf = (x: Tensor): Tensor => sameTypeUnary('isinf', 'isinf', x, null);

/** `condition ? input : other` elementwise, all three broadcast together. */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (!(condition instanceof Tensor)) throw new ValueError("where: 'condition' must be a bool Tensor.");
  if (condition.dtype !== 'bool')
    throw new ValueError(`where: 'condition' must have dtype bool, got ${condition.dtype}.`);
  const [x, y, dtype] = operands('where', a, b);
  const shape = broadcastShapes(
    'where',
    broadcastShapes('where', condition.shape, x.shape, ['condition', 'input']),
    y.shape,
    ['condition', 'other'],
  );
  const out = runKernel('where', [condition, x, y], (k, [c, p, q]) => k(c, p, q, shape, dtype), shape, dtype);
  return record(out, 'WhereBackward', [x, y], (g) => [
    x.requiresGrad ? sumTo(where(condition, g, 0), x.shape) : null,
    y.requiresGrad ? sumTo(where(condition, 0, g), y.shape) : null,
  ]);
}

/** Limits values to `[min, max]` (either may be omitted); the gradient passes where `min <= x <= max`. */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min ?? Number.NEGATIVE_INFINITY;
  const hi = max ?? Number.POSITIVE_INFINITY;
  if (min == null && max == null)
    throw new ValueError("clamp: at least one of 'min' and 'max' must be given.");
  if (Number.isNaN(lo) || Number.isNaN(hi))
    throw new ValueError(`clamp: 'min' and 'max' must not be NaN, got ${min} and ${max}.`);
  const out = runKernel('clamp', [x], (k, [a]) => k(a, lo, hi), x.shape, x.dtype);
  return record(out, 'ClampBackward', [x], (g) => [where(logicalAnd(ge(x, lo), le(x, hi)), g, 0)]);
}

export const neg = (x: Tensor): Tensor => sameTypeUnary('neg', 'neg', x, (t) => fullLike(t, -1));
export const abs = (x: Tensor): Tensor => sameTypeUnary('abs', 'abs', x, (t) => sign(t));
export const sign = (x: Tensor): Tensor => sameTypeUnary('sign', 'sign', x, null);
export const square = (x: Tensor): Tensor => sameTypeUnary('square', 'square', x, (t) => mul(t, 2));
export const floor = (x: Tensor): Tensor => sameTypeUnary('floor', 'floor', x, null);
export const ceil = (x: Tensor): Tensor => sameTypeUnary('ceil', 'ceil', x, null);
/** Rounds half to even, like torch.round. */
export const round = (x: Tensor): Tensor => sameTypeUnary('round', 'round', x, null);

export const exp = (x: Tensor): Tensor => floatUnary('exp', 'exp', x, (_, y) => y);
export const expm1 = (x: Tensor): Tensor => floatUnary('expm1', 'expm1', x, (_, y) => add(y, 1));
export const log = (x: Tensor): Tensor => floatUnary('log', 'log', x, (t) => reciprocal(t));
export const log1p = (x: Tensor): Tensor => floatUnary('log1p', 'log1p', x, (t) => reciprocal(add(t, 1)));
export const sqrt = (x: Tensor): Tensor => floatUnary('sqrt', 'sqrt', x, (_, y) => div(0.5, y));
export const rsqrt = (x: Tensor): Tensor => floatUnary('rsqrt', 'rsqrt', x, (_, y) => mul(pow(y, 3), -0.5));
export const sin = (x: Tensor): Tensor => floatUnary('sin', 'sin', x, (t) => cos(t));
export const cos = (x: Tensor): Tensor => floatUnary('cos', 'cos', x, (t) => neg(sin(t)));
export const reciprocal = (x: Tensor): Tensor =>
  floatUnary('reciprocal', 'reciprocal', x, (_, y) => neg(mul(y, y)));
/** The error function; d/dx erf(x) = 2/sqrt(pi) * exp(-x^2). */
export const erf = (x: Tensor): Tensor =>
  floatUnary('erf', 'erf', x, (t) => mul(exp(neg(mul(t, t))), 2 / Math.sqrt(Math.PI)));
