import type { TypedArray } from '../../dtype';
import { type Shape, sizeOf, stridesOf } from '../../internal/shape';

/**
 * Copies the elements of `src` addressed by `offset` and per-dim `strides` over `shape` into the
 * contiguous `out`. Strides of 0 broadcast; permuted strides transpose. The inner loop runs along
 * the last dim so the common cases stay tight.
 */
export function stridedCopy(
  src: ArrayLike<number>,
  offset: number,
  shape: Shape,
  strides: readonly number[],
  out: TypedArray,
  outOffset = 0,
): void {
  const n = sizeOf(shape);
  if (n === 0) return;
  const rank = shape.length;
  if (rank === 0) {
    out[outOffset] = src[offset];
    return;
  }
  const last = rank - 1;
  const lastDim = shape[last];
  const lastStride = strides[last];
  const idx = new Array<number>(rank).fill(0);
  let o = outOffset;
  const end = outOffset + n;
  let base = offset;
  while (o < end) {
    for (let j = 0, s = base; j < lastDim; j++, s += lastStride) out[o++] = src[s];
    let d = last - 1;
    for (; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) break;
  }
}

/** Strides that read an input of `inShape` as if broadcast to `outShape` (0 on broadcast dims). */
export function broadcastStrides(inShape: Shape, outShape: Shape): number[] {
  const inStrides = stridesOf(inShape);
  const rank = outShape.length;
  const out = new Array<number>(rank).fill(0);
  for (let i = 0; i < inShape.length; i++) {
    const o = rank - inShape.length + i;
    out[o] = inShape[i] === 1 && outShape[o] !== 1 ? 0 : inStrides[i];
  }
  return out;
}

/** For each element of `outShape`, the flat index into an input of `inShape` broadcast to it. */
export function broadcastIndex(inShape: Shape, outShape: Shape): Int32Array {
  const size = sizeOf(inShape);
  const iota = new Int32Array(size);
  for (let i = 0; i < size; i++) iota[i] = i;
  const out = new Int32Array(sizeOf(outShape));
  stridedCopy(iota, 0, outShape, broadcastStrides(inShape, outShape), out);
  return out;
}
