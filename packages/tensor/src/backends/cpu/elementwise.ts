import type { BinaryOp, KernelTensor, UnaryOp } from '../../backend';
import { allocate, type DType, type TypedArray } from '../../dtype';
import {
  erf,
  gelu,
  geluGrad,
  geluTanh,
  geluTanhGrad,
  roundHalfEven,
  sigmoid,
  softplus,
} from '../../internal/math';
import { type Shape, sizeOf } from '../../internal/shape';
import { type BroadcastLayout, broadcastLayout as layout } from './broadcast-layout';
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
  geluGrad,
  geluTanhGrad,
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

type Block = (
  x: TypedArray,
  xo: number,
  y: TypedArray,
  yo: number,
  out: TypedArray,
  oo: number,
  n: number,
) => void;
type ScalarBlock = (x: TypedArray, xo: number, s: number, out: TypedArray, oo: number, n: number) => void;

// Hand-written loops for the hottest ops: one function literal per op keeps each call site
// monomorphic, which a shared loop calling `f(a, b)` cannot be.
const VECTOR: Partial<Record<BinaryOp, Block>> = {
  add: (x, xo, y, yo, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = x[xo + i] + y[yo + i];
  },
  sub: (x, xo, y, yo, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = x[xo + i] - y[yo + i];
  },
  mul: (x, xo, y, yo, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = x[xo + i] * y[yo + i];
  },
  div: (x, xo, y, yo, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = x[xo + i] / y[yo + i];
  },
};
const VECTOR_SCALAR: Partial<Record<BinaryOp, ScalarBlock>> = {
  add: (x, xo, s, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = x[xo + i] + s;
  },
  sub: (x, xo, s, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = x[xo + i] - s;
  },
  mul: (x, xo, s, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = x[xo + i] * s;
  },
  div: (x, xo, s, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = x[xo + i] / s;
  },
};
const SCALAR_VECTOR: Partial<Record<BinaryOp, ScalarBlock>> = {
  add: (y, yo, s, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = s + y[yo + i];
  },
  sub: (y, yo, s, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = s - y[yo + i];
  },
  mul: (y, yo, s, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = s * y[yo + i];
  },
  div: (y, yo, s, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = s / y[yo + i];
  },
};

function genericBlock(f: (a: number, b: number) => number): Block {
  return (x, xo, y, yo, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = f(x[xo + i], y[yo + i]);
  };
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
  if (n === 0) return out;
  const f = BINARY[op];
  const vv = VECTOR[op] ?? genericBlock(f);
  const la = layout(a.shape, outShape);
  const lb = layout(b.shape, outShape);
  if (la.kind === 'same' && lb.kind === 'same') {
    vv(x, 0, y, 0, out, 0, n);
  } else if (la.kind === 'same' && (lb.kind === 'suffix' || lb.kind === 'prefix')) {
    const inner = lb.inner;
    if (lb.kind === 'suffix') for (let o = 0; o < n; o += inner) vv(x, o, y, 0, out, o, inner);
    else {
      const vs = VECTOR_SCALAR[op];
      for (let o = 0, k = 0; o < n; o += inner, k++) {
        if (vs) vs(x, o, y[k], out, o, inner);
        else for (let i = 0; i < inner; i++) out[o + i] = f(x[o + i], y[k]);
      }
    }
  } else if (lb.kind === 'same' && (la.kind === 'suffix' || la.kind === 'prefix')) {
    const inner = la.inner;
    if (la.kind === 'suffix') for (let o = 0; o < n; o += inner) vv(x, 0, y, o, out, o, inner);
    else {
      const sv = SCALAR_VECTOR[op];
      for (let o = 0, k = 0; o < n; o += inner, k++) {
        if (sv) sv(y, o, x[k], out, o, inner);
        else for (let i = 0; i < inner; i++) out[o + i] = f(x[k], y[o + i]);
      }
    }
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
  const lc = layout(cond.shape, outShape);
  const la = layout(a.shape, outShape);
  const lb = layout(b.shape, outShape);
  // Masks and fill values usually repeat along leading dims (a causal [T, T] mask over [B, H, T, T]
  // scores, a scalar fill): index them modulo their size instead of building index maps.
  const repeats = (l: BroadcastLayout) => l.kind === 'same' || l.kind === 'suffix';
  if (repeats(lc) && repeats(la) && repeats(lb)) {
    const nc = c.length;
    const na = x.length;
    const nb = y.length;
    for (let i = 0; i < n; i++) out[i] = c[i % nc] !== 0 ? x[i % na] : y[i % nb];
    return out;
  }
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
