import type { KernelTensor, ReduceOp } from '../../backend';
import { allocate, type DType, type TypedArray } from '../../dtype';
import { sizeOf } from '../../internal/shape';

/** Views `shape` around `axis` as [outer, n, inner]. */
export function around(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis], sizeOf(shape.slice(axis + 1))];
}

export function reduce(x: KernelTensor, op: ReduceOp, axis: number, outDtype: DType): TypedArray {
  const src = x.data as TypedArray;
  const [outer, n, inner] = around(x.shape, axis);
  const out = allocate(outDtype, outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let acc: number;
      switch (op) {
        case 'sum': {
          // Accumulate in float64: at least as accurate as PyTorch's float32 cascade sum.
          acc = 0;
          for (let k = 0; k < n; k++) acc += src[base + k * inner];
          break;
        }
        case 'prod': {
          acc = 1;
          for (let k = 0; k < n; k++) acc *= src[base + k * inner];
          break;
        }
        case 'max':
        case 'min': {
          const isMax = op === 'max';
          acc = src[base];
          for (let k = 1; k < n && !Number.isNaN(acc); k++) {
            const v = src[base + k * inner];
            if (Number.isNaN(v) || (isMax ? v > acc : v < acc)) acc = v;
          }
          break;
        }
        case 'argmax':
        case 'argmin': {
          const isMax = op === 'argmax';
          let best = src[base];
          acc = 0;
          for (let k = 1; k < n && !Number.isNaN(best); k++) {
            const v = src[base + k * inner];
            if (Number.isNaN(v) || (isMax ? v > best : v < best)) {
              best = v;
              acc = k;
            }
          }
          break;
        }
      }
      out[o * inner + i] = acc;
    }
  }
  return out;
}

export function softmax(x: KernelTensor, axis: number, log: boolean): TypedArray {
  const src = x.data as TypedArray;
  const [outer, n, inner] = around(x.shape, axis);
  const out = allocate(x.dtype, src.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) {
        const v = src[base + k * inner];
        if (v > m || Number.isNaN(v)) m = v;
      }
      // A row of -inf has no finite max: subtracting 0 keeps exp(-inf) = 0 instead of NaN.
      if (m === Number.NEGATIVE_INFINITY) m = 0;
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(src[base + k * inner] - m);
      if (log) {
        const lse = m + Math.log(s);
        for (let k = 0; k < n; k++) out[base + k * inner] = src[base + k * inner] - lse;
      } else {
        for (let k = 0; k < n; k++) out[base + k * inner] = Math.exp(src[base + k * inner] - m) / s;
      }
    }
  }
  return out;
}
