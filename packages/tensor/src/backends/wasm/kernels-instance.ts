import type { BinaryForm, WasmBinaryOp, WasmUnaryOp, WhereForm } from './kernel-ops';

/** The exports of the kernels module (emit/kernels-program.ts); addresses and strides are in bytes. */
export type KernelsExports = {
  readonly memory: WebAssembly.Memory;
  sumRows(src: number, dst: number, rows: number, n: number): void;
  sumColumns(src: number, dst: number, outer: number, n: number, inner: number, acc: number): void;
  maxRows(src: number, dst: number, rows: number, n: number): void;
  maxColumns(src: number, dst: number, outer: number, n: number, inner: number): void;
  softmaxRows(src: number, dst: number, rows: number, n: number, stats: number, normalize: number): void;
  logSoftmaxRows(src: number, dst: number, rows: number, n: number, stats: number): void;
  layerNormRows(src: number, w: number, b: number, dst: number, rows: number, n: number, eps: number): void;
  layerNormBackwardRows(
    src: number,
    w: number,
    dy: number,
    dst: number,
    rows: number,
    n: number,
    eps: number,
  ): void;
  layerNormParamRows(src: number, dy: number, sums: number, rows: number, n: number, eps: number): void;
} & {
  readonly [K in `unary_${WasmUnaryOp}`]: (
    src: number,
    srcRow: number,
    dst: number,
    outer: number,
    inner: number,
  ) => void;
} & {
  readonly [K in `binary_${WasmBinaryOp}_${BinaryForm}`]: (
    a: number,
    aRow: number,
    b: number,
    bRow: number,
    dst: number,
    outer: number,
    inner: number,
  ) => void;
} & {
  readonly [K in `where_${WhereForm}`]: (
    cond: number,
    condRow: number,
    a: number,
    aRow: number,
    b: number,
    bRow: number,
    dst: number,
    outer: number,
    inner: number,
  ) => void;
};

/** Below how many elements each kind of kernel stays on the cpu (the call and copies cost more than SIMD saves). */
export interface MinElements {
  /** neg, abs, relu, square, sqrt, rsqrt, reciprocal. */
  readonly cheapUnary: number;
  /** exp, expm1, log, tanh, sigmoid, silu and the GELUs. */
  readonly transcendental: number;
  readonly binary: number;
  readonly where: number;
  readonly reduce: number;
  readonly softmax: number;
  /** The three layer-norm kernels (forward, dx, dweight/dbias). */
  readonly layerNorm: number;
}

/**
 * Break-even sizes measured on Node 20 (2-core Xeon, kernels side by side with the cpu ones; see the
 * README): transcendentals and layer norm (forward + backward: 4.5 vs 3.1 us at 64) win from ~64
 * elements, cheap unary ops and softmax from ~128, reductions
 * from ~512, binary ops and `where` (whose JS loops are already tight, so the copies and the call
 * dominate) from ~1024.
 */
export const defaultMinElements: MinElements = {
  cheapUnary: 128,
  transcendental: 64,
  binary: 1024,
  where: 1024,
  reduce: 512,
  softmax: 128,
  layerNorm: 64,
};
