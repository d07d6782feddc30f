import type { BinaryOp, Kernels, KernelTensor, UnaryOp } from '../../backend';
import type { DType } from '../../dtype';
import { type Shape, sizeOf } from '../../internal/shape';
import { broadcastLayout } from '../cpu/broadcast-layout';
import { binary as cpuBinary, unary as cpuUnary, where as cpuWhere } from '../cpu/elementwise';
import {
  type BinaryForm,
  cheapUnaryOps,
  type WasmBinaryOp,
  type WasmUnaryOp,
  type WhereForm,
  wasmBinaryOps,
  wasmUnaryOps,
} from './kernel-ops';
import type { KernelsExports, MinElements } from './kernels-instance';
import type { WasmArena } from './wasm-arena';

const unaryOps = new Set<UnaryOp>(wasmUnaryOps);
const cheap = new Set<UnaryOp>(cheapUnaryOps);
const binaryOps = new Set<BinaryOp>(wasmBinaryOps);
const isWasmUnary = (op: UnaryOp): op is WasmUnaryOp => unaryOps.has(op);
const isWasmBinary = (op: BinaryOp): op is WasmBinaryOp => binaryOps.has(op);

/**
 * The wasm `unary` kernel: float32 ops with a vector kernel (neg, abs, relu, square, sqrt, rsqrt,
 * reciprocal, exp, expm1, log, tanh, sigmoid, silu, gelu, geluGrad, geluTanh, geluTanhGrad) on at least
 * `minElements.cheapUnary` / `.transcendental` elements run in wasm; the rest is the cpu kernel.
 */
export function createWasmUnary(
  wasm: KernelsExports,
  arena: WasmArena,
  minElements: MinElements,
): Kernels['unary'] {
  return (x: KernelTensor, op: UnaryOp, outDtype: DType) => {
    const src = x.data as Float32Array;
    const n = src.length;
    const min = cheap.has(op) ? minElements.cheapUnary : minElements.transcendental;
    if (!isWasmUnary(op) || x.dtype !== 'float32' || outDtype !== 'float32' || n < Math.max(min, 1))
      return cpuUnary(x, op, outDtype);
    const at = arena.layout(n * 4, n * 4);
    if (!at) return cpuUnary(x, op, outDtype);
    const [srcAt, dstAt] = at;
    arena.f32.set(src, srcAt / 4);
    wasm[`unary_${op}`](srcAt, 0, dstAt, 1, n);
    return arena.copyOut(dstAt, n);
  };
}

/** How a binary op maps onto a kernel over [outer, inner] rows; row strides in floats. */
interface BinaryPlan {
  readonly form: BinaryForm;
  readonly outer: number;
  readonly inner: number;
  readonly aRow: number;
  readonly bRow: number;
}

/**
 * Same shapes, a scalar on either side, or one operand broadcast the way the training hot path does
 * it: repeating over leading dims (bias add, layer-norm gain) or one value per trailing block (a
 * [.., 1] per-row scale). Anything else returns undefined (the cpu kernel's job).
 */
function planBinary(a: KernelTensor, b: KernelTensor, outShape: Shape, n: number): BinaryPlan | undefined {
  // The common case first, without building layouts: both operands already have the output's size.
  if ((a.data as Float32Array).length === n && (b.data as Float32Array).length === n)
    return { form: 'vv', outer: 1, inner: n, aRow: 0, bRow: 0 };
  const la = broadcastLayout(a.shape, outShape);
  const lb = broadcastLayout(b.shape, outShape);
  const na = sizeOf(a.shape);
  const nb = sizeOf(b.shape);
  if (la.kind === 'same' && lb.kind === 'same') return { form: 'vv', outer: 1, inner: n, aRow: 0, bRow: 0 };
  if (la.kind === 'same') {
    if (nb === 1) return { form: 'vs', outer: 1, inner: n, aRow: 0, bRow: 0 };
    const inner = lb.inner;
    if (lb.kind === 'suffix') return { form: 'vv', outer: n / inner, inner, aRow: inner, bRow: 0 };
    if (lb.kind === 'prefix') return { form: 'vs', outer: n / inner, inner, aRow: inner, bRow: 1 };
  }
  if (lb.kind === 'same') {
    if (na === 1) return { form: 'sv', outer: 1, inner: n, aRow: 0, bRow: 0 };
    const inner = la.inner;
    if (la.kind === 'suffix') return { form: 'vv', outer: n / inner, inner, aRow: 0, bRow: inner };
    if (la.kind === 'prefix') return { form: 'sv', outer: n / inner, inner, aRow: 1, bRow: inner };
  }
  return undefined;
}

/**
 * The wasm `binary` kernel: float32 add, sub, mul, div, maximum, minimum on at least `minElements.binary`
 * outputs, for the operand layouts `planBinary` accepts, run in wasm (bitwise equal to the cpu
 * kernel: one IEEE rounding per op either way); the rest is the cpu kernel.
 */
export function createWasmBinary(
  wasm: KernelsExports,
  arena: WasmArena,
  minElements: MinElements,
): Kernels['binary'] {
  return (a: KernelTensor, b: KernelTensor, op: BinaryOp, outShape: Shape, outDtype: DType) => {
    const n = sizeOf(outShape);
    const fallback = () => cpuBinary(a, b, op, outShape, outDtype);
    if (
      !isWasmBinary(op) ||
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      outDtype !== 'float32' ||
      n < Math.max(minElements.binary, 1)
    )
      return fallback();
    const plan = planBinary(a, b, outShape, n);
    const x = a.data as Float32Array;
    const y = b.data as Float32Array;
    const at = plan && arena.layout(x.length * 4, y.length * 4, n * 4);
    if (!plan || !at) return fallback();
    const [aAt, bAt, outAt] = at;
    arena.f32.set(x, aAt / 4);
    arena.f32.set(y, bAt / 4);
    wasm[`binary_${op}_${plan.form}`](aAt, plan.aRow * 4, bAt, plan.bRow * 4, outAt, plan.outer, plan.inner);
    return arena.copyOut(outAt, n);
  };
}

/** Where an operand of `where` sits in its rows: read along each row, repeated per row, or one float. */
type WhereOperand = { readonly kind: 'vector' | 'splat'; readonly row: number };

/**
 * `where` as rows of `inner` outputs: every operand is the full output shape (read along the rows),
 * one row repeated over leading dims (the causal mask of attention scores), or a scalar. Anything else
 * returns undefined (the cpu kernel's job).
 */
function planWhere(
  operands: readonly KernelTensor[],
  outShape: Shape,
  n: number,
): { inner: number; parts: WhereOperand[] } | undefined {
  const sizes = operands.map((t) => sizeOf(t.shape));
  const layouts = operands.map((t) => broadcastLayout(t.shape, outShape));
  let inner = n;
  for (const [k, l] of layouts.entries()) {
    if (l.kind !== 'suffix' || sizes[k] === 1) continue;
    if (inner !== n && inner !== sizes[k]) return undefined;
    inner = sizes[k];
  }
  const parts: WhereOperand[] = [];
  for (const [k, l] of layouts.entries()) {
    if (l.kind === 'same') parts.push({ kind: 'vector', row: inner });
    else if (sizes[k] === 1 && k > 0) parts.push({ kind: 'splat', row: 0 });
    else if (l.kind === 'suffix' && sizes[k] === inner) parts.push({ kind: 'vector', row: 0 });
    else return undefined;
  }
  return { inner, parts };
}

/**
 * The wasm `where` kernel: a bool condition choosing between float32 operands, on at least
 * `minElements.where` outputs, each operand full-size, repeated over leading dims, or (a, b only) a
 * scalar; the rest is the cpu kernel. Bitwise equal to the cpu kernel (it only selects).
 */
export function createWasmWhere(
  wasm: KernelsExports,
  arena: WasmArena,
  minElements: MinElements,
): Kernels['where'] {
  return (cond: KernelTensor, a: KernelTensor, b: KernelTensor, outShape: Shape, outDtype: DType) => {
    const n = sizeOf(outShape);
    const fallback = () => cpuWhere(cond, a, b, outShape, outDtype);
    if (
      cond.dtype !== 'bool' ||
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      outDtype !== 'float32' ||
      n < Math.max(minElements.where, 1)
    )
      return fallback();
    const plan = planWhere([cond, a, b], outShape, n);
    const c = cond.data as Uint8Array;
    const x = a.data as Float32Array;
    const y = b.data as Float32Array;
    const at = plan && arena.layout(c.length, x.length * 4, y.length * 4, n * 4);
    if (!plan || !at) return fallback();
    const [cAt, aAt, bAt, outAt] = at;
    arena.u8.set(c, cAt);
    arena.f32.set(x, aAt / 4);
    arena.f32.set(y, bAt / 4);
    const [pc, pa, pb] = plan.parts;
    const form = `${pa.kind === 'vector' ? 'v' : 's'}${pb.kind === 'vector' ? 'v' : 's'}` as WhereForm;
    wasm[`where_${form}`](cAt, pc.row, aAt, pa.row * 4, bAt, pb.row * 4, outAt, n / plan.inner, plan.inner);
    return arena.copyOut(outAt, n);
  };
}
