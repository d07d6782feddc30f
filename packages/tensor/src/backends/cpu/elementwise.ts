import type { BinaryOp, KernelTensor, UnaryOp } from '../../backend';
import { allocate, type DType, type TypedArray } from '../../dtype';
import { erf, gelu, geluTanh, roundHalfEven, sigmoid, softplus } from '../../internal/math';
import { type Shape, sameShape, sizeOf } from '../../internal/shape';
import { broadcastIndex } from './strided';

const UNARY: Record<UnaryOp, (x: number) => number> = {
  neg: (x) => -x,
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN),
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid,
  relu: (x) => (x > 0 ? x : Number.isNaN(x) ? x : 0),
  erf,
  gelu,
  geluTanh,
  silu: (x) => x * sigmoid(x),
  softplus,
  reciprocal: (x) => 1 / x,
  square: (x) => x * x,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  logicalNot: (x) => (x === 0 ? 1 : 0),
  isnan: (x) => (Number.isNaN(x) ? 1 : 0),
  isinf: (x) => (x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY ? 1 : 0),
};

const BINARY: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  // NaN propagates through maximum/minimum, as in PyTorch.
  maximum: (a, b) => (a > b || Number.isNaN(a) ? a : b),
  minimum: (a, b) => (a < b || Number.isNaN(a) ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  logicalAnd: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  logicalOr: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

export function unary(x: KernelTensor, op: UnaryOp, outDtype: DType): TypedArray {
  const src = x.data as TypedArray;
  const out = allocate(outDtype, src.length);
  const f = UNARY[op];
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return out;
}

export function clamp(x: KernelTensor, lo: number, hi: number): TypedArray {
  const src = x.data as TypedArray;
  const out = allocate(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = Math.min(Math.max(v, lo), hi); // hi wins when lo > hi, as in torch.clamp
  }
  return out;
}

export function binary(
  a: KernelTensor,
  b: KernelTensor,
  op: BinaryOp,
  outShape: Shape,
  outDtype: DType,
): TypedArray {
  const x = a.data as TypedArray;
  const y = b.data as TypedArray;
  const n = sizeOf(outShape);
  const out = allocate(outDtype, n);
  const f = BINARY[op];
  if (x.length === n && y.length === n && sameShape(a.shape, b.shape)) {
    for (let i = 0; i < n; i++) out[i] = f(x[i], y[i]);
  } else if (y.length === 1 && x.length === n) {
    const s = y[0];
    for (let i = 0; i < n; i++) out[i] = f(x[i], s);
  } else if (x.length === 1 && y.length === n) {
    const s = x[0];
    for (let i = 0; i < n; i++) out[i] = f(s, y[i]);
  } else {
    const ia = broadcastIndex(a.shape, outShape);
    const ib = broadcastIndex(b.shape, outShape);
    for (let i = 0; i < n; i++) out[i] = f(x[ia[i]], y[ib[i]]);
  }
  return out;
}

export function where(
  cond: KernelTensor,
  a: KernelTensor,
  b: KernelTensor,
  outShape: Shape,
  outDtype: DType,
): TypedArray {
  const c = cond.data as TypedArray;
  const x = a.data as TypedArray;
  const y = b.data as TypedArray;
  const n = sizeOf(outShape);
  const out = allocate(outDtype, n);
  const ic = broadcastIndex(cond.shape, outShape);
  const ia = broadcastIndex(a.shape, outShape);
  const ib = broadcastIndex(b.shape, outShape);
  for (let i = 0; i < n; i++) out[i] = c[ic[i]] !== 0 ? x[ia[i]] : y[ib[i]];
  return out;
}

export function cast(x: KernelTensor, dtype: DType): TypedArray {
  const src = x.data as TypedArray;
  const out = allocate(dtype, src.length);
  if (dtype === 'bool') {
    for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
  } else {
    // Int32Array assignment truncates toward zero like a C cast; NaN becomes 0.
    out.set(src);
  }
  return out;
}
