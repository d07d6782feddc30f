import type { Kernels, KernelTensor, ReduceOp } from '../../backend';
import type { DType } from '../../dtype';
import { around, reduce as cpuReduce, softmax as cpuSoftmax } from '../cpu/reduce';
import type { KernelsExports, MinElements } from './kernels-instance';
import type { WasmArena } from './wasm-arena';

/**
 * The wasm `reduce` kernel: float32 `sum` (accumulated in f64, like the cpu kernel) and `max`
 * (NaN-propagating) over inputs of at least `minElements.reduce` run in wasm, along the last axis (one row
 * per output) or any other (columns folded row by row); prod, min, argmax, argmin and empty axes
 * are the cpu kernel.
 */
export function createWasmReduce(
  wasm: KernelsExports,
  arena: WasmArena,
  minElements: MinElements,
): Kernels['reduce'] {
  return (x: KernelTensor, op: ReduceOp, axis: number, outDtype: DType) => {
    const src = x.data as Float32Array;
    const [outer, n, inner] = around(x.shape, axis);
    if (
      (op !== 'sum' && op !== 'max') ||
      x.dtype !== 'float32' ||
      outDtype !== 'float32' ||
      n === 0 ||
      src.length < Math.max(minElements.reduce, 1)
    )
      return cpuReduce(x, op, axis, outDtype);
    const outSize = outer * inner;
    // The f64 column accumulators, rounded up to whole vectors of 4.
    const at = arena.layout(src.length * 4, outSize * 4, inner === 1 ? 0 : Math.ceil(inner / 4) * 32);
    if (!at) return cpuReduce(x, op, axis, outDtype);
    const [srcAt, dstAt, accAt] = at;
    arena.f32.set(src, srcAt / 4);
    if (op === 'sum') {
      if (inner === 1) wasm.sumRows(srcAt, dstAt, outer, n);
      else wasm.sumColumns(srcAt, dstAt, outer, n, inner, accAt);
    } else if (inner === 1) wasm.maxRows(srcAt, dstAt, outer, n);
    else wasm.maxColumns(srcAt, dstAt, outer, n, inner);
    return arena.copyOut(dstAt, outSize);
  };
}

/**
 * The wasm `softmax` kernel: float32 softmax and log-softmax along the last axis of inputs of at least
 * `minElements.softmax` run in wasm (max, e^(x - m) and its f64 sum per row in one pass; the log-sum-exp in
 * f64 here, so log-softmax is rounded once, as on the cpu); other axes are the cpu kernel.
 */
export function createWasmSoftmax(
  wasm: KernelsExports,
  arena: WasmArena,
  minElements: MinElements,
): Kernels['softmax'] {
  return (x: KernelTensor, axis: number, log: boolean) => {
    const src = x.data as Float32Array;
    const [rows, n, inner] = around(x.shape, axis);
    if (x.dtype !== 'float32' || inner !== 1 || n === 0 || src.length < Math.max(minElements.softmax, 1))
      return cpuSoftmax(x, axis, log);
    const at = arena.layout(src.length * 4, src.length * 4, rows * 16);
    if (!at) return cpuSoftmax(x, axis, log);
    const [srcAt, dstAt, statsAt] = at;
    arena.f32.set(src, srcAt / 4);
    wasm.softmaxRows(srcAt, dstAt, rows, n, statsAt, log ? 0 : 1);
    if (log) {
      // stats[r] = (m, s) -> (m + log s, s): the row's log-sum-exp, in f64.
      const stats = arena.f64;
      for (let r = 0, k = statsAt / 8; r < rows; r++, k += 2) stats[k] += Math.log(stats[k + 1]);
      wasm.logSoftmaxRows(srcAt, dstAt, rows, n, statsAt);
    }
    return arena.copyOut(dstAt, src.length);
  };
}
