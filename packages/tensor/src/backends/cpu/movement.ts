import type { KernelTensor } from '../../backend';
import { allocate, type TypedArray } from '../../dtype';
import { IndexError } from '../../errors';
import { type Shape, sizeOf, stridesOf } from '../../internal/shape';
import { around } from './reduce';
import { broadcastStrides, stridedCopy } from './strided';

export function permute(x: KernelTensor, perm: readonly number[]): TypedArray {
  const strides = stridesOf(x.shape);
  const shape = perm.map((p) => x.shape[p]);
  const out = allocate(x.dtype, sizeOf(shape));
  stridedCopy(
    x.data as TypedArray,
    0,
    shape,
    perm.map((p) => strides[p]),
    out,
  );
  return out;
}

export function expand(x: KernelTensor, shape: Shape): TypedArray {
  const out = allocate(x.dtype, sizeOf(shape));
  stridedCopy(x.data as TypedArray, 0, shape, broadcastStrides(x.shape, shape), out);
  return out;
}

export function slice(x: KernelTensor, begin: readonly number[], size: readonly number[]): TypedArray {
  const strides = stridesOf(x.shape);
  let offset = 0;
  for (let i = 0; i < begin.length; i++) offset += begin[i] * strides[i];
  const out = allocate(x.dtype, sizeOf(size));
  stridedCopy(x.data as TypedArray, offset, size, strides, out);
  return out;
}

export function pad(
  x: KernelTensor,
  pads: readonly (readonly [number, number])[],
  value: number,
): TypedArray {
  const shape = x.shape.map((d, i) => d + pads[i][0] + pads[i][1]);
  const out = allocate(x.dtype, sizeOf(shape));
  out.fill(value);
  // The part of x that survives (negative pads crop) and where it lands in the output.
  const srcStart = pads.map(([before]) => Math.max(0, -before));
  const dstStart = pads.map(([before]) => Math.max(0, before));
  const box = x.shape.map((d, i) => Math.max(0, Math.min(d - srcStart[i], shape[i] - dstStart[i])));
  if (sizeOf(box) === 0) return out;
  const srcStrides = stridesOf(x.shape);
  const dstStrides = stridesOf(shape);
  const tmp = allocate(x.dtype, sizeOf(box));
  stridedCopy(
    x.data as TypedArray,
    srcStart.reduce((s, v, i) => s + v * srcStrides[i], 0),
    box,
    srcStrides,
    tmp,
  );
  // Scatter the contiguous box into the output rows.
  const rank = box.length;
  const rowLen = box[rank - 1];
  const rows = sizeOf(box) / rowLen;
  const idx = new Array<number>(rank).fill(0);
  for (let r = 0; r < rows; r++) {
    let dst = 0;
    for (let d = 0; d < rank; d++) dst += (dstStart[d] + idx[d]) * dstStrides[d];
    out.set(tmp.subarray(r * rowLen, (r + 1) * rowLen), dst);
    for (let d = rank - 2; d >= 0; d--) {
      if (++idx[d] < box[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

export function concat(xs: readonly KernelTensor[], axis: number): TypedArray {
  const first = xs[0];
  const total = xs.reduce((s, x) => s + x.shape[axis], 0);
  const shape = first.shape.slice();
  shape[axis] = total;
  const out = allocate(first.dtype, sizeOf(shape));
  const [outer, , inner] = around(shape, axis);
  let offset = 0;
  for (const x of xs) {
    const src = x.data as TypedArray;
    const chunk = x.shape[axis] * inner;
    for (let o = 0; o < outer; o++)
      out.set(src.subarray(o * chunk, (o + 1) * chunk), o * total * inner + offset);
    offset += chunk;
  }
  return out;
}

function checkIndex(op: string, v: number, size: number, axis: number): number {
  // Like PyTorch's gather/scatter/index_select, negative indices are errors, not Python-style wraps.
  if (!(v >= 0 && v < size)) {
    throw new IndexError(`${op}: 'index' value ${v} is out of range for dim ${axis} of size ${size}.`);
  }
  return v;
}

/** Walks every position of `index`, calling `visit(flatIndexPos, flatSrcPosWithoutAxis, indexValue)`. */
function forEachIndexed(
  op: string,
  x: KernelTensor,
  index: KernelTensor,
  axis: number,
  visit: (p: number, srcPos: number) => void,
): void {
  const idx = index.data as TypedArray;
  const xStrides = stridesOf(x.shape);
  const iShape = index.shape;
  const rank = iShape.length;
  const coord = new Array<number>(rank).fill(0);
  const size = x.shape[axis];
  for (let p = 0; p < idx.length; p++) {
    let pos = 0;
    for (let d = 0; d < rank; d++) {
      pos += (d === axis ? checkIndex(op, idx[p], size, axis) : coord[d]) * xStrides[d];
    }
    visit(p, pos);
    for (let d = rank - 1; d >= 0; d--) {
      if (++coord[d] < iShape[d]) break;
      coord[d] = 0;
    }
  }
}

export function gather(x: KernelTensor, index: KernelTensor, axis: number): TypedArray {
  const src = x.data as TypedArray;
  const out = allocate(x.dtype, sizeOf(index.shape));
  forEachIndexed('gather', x, index, axis, (p, pos) => {
    out[p] = src[pos];
  });
  return out;
}

export function scatterAdd(
  x: KernelTensor,
  index: KernelTensor,
  src: KernelTensor,
  axis: number,
): TypedArray {
  const out = (x.data as TypedArray).slice();
  const values = src.data as TypedArray;
  const srcStrides = stridesOf(src.shape);
  const idxStrides = stridesOf(index.shape);
  forEachIndexed('scatterAdd', x, index, axis, (p, pos) => {
    // src is read at the same coordinates as index (it may be larger than index).
    let q = 0;
    let rest = p;
    for (let d = 0; d < idxStrides.length; d++) {
      const c = Math.floor(rest / idxStrides[d]);
      rest -= c * idxStrides[d];
      q += c * srcStrides[d];
    }
    out[pos] += values[q];
  });
  return out;
}

export function indexSelect(x: KernelTensor, index: KernelTensor, axis: number): TypedArray {
  const src = x.data as TypedArray;
  const idx = index.data as TypedArray;
  const [outer, n, inner] = around(x.shape, axis);
  const m = idx.length;
  const out = allocate(x.dtype, outer * m * inner);
  for (let j = 0; j < m; j++) {
    const k = checkIndex('indexSelect', idx[j], n, axis);
    for (let o = 0; o < outer; o++) {
      out.set(src.subarray((o * n + k) * inner, (o * n + k + 1) * inner), (o * m + j) * inner);
    }
  }
  return out;
}
