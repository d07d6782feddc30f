import { IndexError, ShapeError, ValueError } from '../errors';
import { fmt, normalizeDim, normalizeDims, sameShape, sizeOf } from '../internal/shape';
import { record, runKernel, Tensor } from '../tensor';
import { sumTo } from './util';

/** The same data with a new shape; one dim may be -1 (inferred). Shares data with `x` (a view). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = [...shape];
  const unknown = target.indexOf(-1);
  if (unknown !== target.lastIndexOf(-1))
    throw new ShapeError(`reshape: only one dim can be -1, got ${fmt(shape)}.`);
  if (target.some((d, i) => i !== unknown && (!Number.isInteger(d) || d < 0))) {
    throw new ShapeError(
      `reshape: 'shape' must hold non-negative integers (and at most one -1), got ${fmt(shape)}.`,
    );
  }
  if (unknown >= 0) {
    const known = target.reduce((p, d, i) => (i === unknown ? p : p * d), 1);
    if (known === 0 || x.numel % known !== 0) {
      throw new ShapeError(
        `reshape: shape ${fmt(shape)} is invalid for input of shape ${fmt(x.shape)} (${x.numel} elements).`,
      );
    }
    target[unknown] = x.numel / known;
  }
  if (sizeOf(target) !== x.numel) {
    throw new ShapeError(
      `reshape: shape ${fmt(shape)} is invalid for input of shape ${fmt(x.shape)} (${x.numel} elements).`,
    );
  }
  if (sameShape(target, x.shape)) return x;
  const out = new Tensor(x._handle, target, x.dtype, x._backend);
  return record(out, 'ViewBackward', [x], (g) => [reshape(g, x.shape)]);
}

/** Alias of `reshape` (tensors here are always contiguous, so every reshape is a view). */
export const view = reshape;

/** Merges dims `startDim..endDim` into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim('flatten', startDim, x.ndim, 'startDim');
  const e = normalizeDim('flatten', endDim, x.ndim, 'endDim');
  if (s > e) throw new ValueError(`flatten: 'startDim' ${startDim} must not come after 'endDim' ${endDim}.`);
  const merged = x.shape.slice(s, e + 1).reduce((p, d) => p * d, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/** Removes size-1 dims: all of them, or only those in `dim` (other dims are left as they are, like PyTorch). */
export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const dims = dim === undefined ? null : normalizeDims('squeeze', dim, x.ndim);
  return reshape(
    x,
    x.shape.filter((d, i) => d !== 1 || (dims !== null && !dims.includes(i))),
  );
}

/** Inserts a size-1 dim at `dim` (which may be `ndim`, or negative counting from the end). */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  const shape = [...x.shape];
  shape.splice(d, 0, 1);
  return reshape(x, shape);
}

/** Broadcasts size-1 dims (and new leading dims) to `shape`; -1 keeps a dim. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.ndim) {
    throw new ShapeError(
      `expand: 'size' ${fmt(shape)} must have at least ${x.ndim} dims for input ${fmt(x.shape)}.`,
    );
  }
  const lead = shape.length - x.ndim;
  const target = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead] : d));
  target.forEach((d, i) => {
    const have = i < lead ? 1 : x.shape[i - lead];
    if (!Number.isInteger(d) || d < 0 || (have !== d && have !== 1)) {
      throw new ShapeError(
        `expand: cannot expand input ${fmt(x.shape)} to ${fmt(shape)} (dim ${i}: ${have} vs ${d}).`,
      );
    }
  });
  if (sameShape(target, x.shape)) return x;
  const x2 = lead > 0 ? reshape(x, [...Array(lead).fill(1), ...x.shape]) : x;
  const out = runKernel('expand', [x2], (k, [a]) => k(a, target), target, x.dtype);
  return record(out, 'ExpandBackward', [x], (g) => [sumTo(g, x.shape)]);
}

/** Reorders dims: `out.shape[i] = x.shape[dims[i]]`. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) {
    throw new ShapeError(
      `permute: 'dims' ${fmt(dims)} must name each of the ${x.ndim} dims of input ${fmt(x.shape)}.`,
    );
  }
  const perm = dims.map((d) => normalizeDim('permute', d, x.ndim));
  if (new Set(perm).size !== perm.length) throw new ValueError(`permute: 'dims' ${fmt(dims)} repeats a dim.`);
  if (perm.every((p, i) => p === i)) return x;
  const shape = perm.map((p) => x.shape[p]);
  const out = runKernel('permute', [x], (k, [a]) => k(a, perm), shape, x.dtype);
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inverse[p] = i;
  });
  return record(out, 'PermuteBackward', [x], (g) => [permute(g, inverse)]);
}

/** Swaps two dims. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim('transpose', dim0, x.ndim, 'dim0');
  const b = normalizeDim('transpose', dim1, x.ndim, 'dim1');
  const perm = x.shape.map((_, i) => i);
  perm[a] = b;
  perm[b] = a;
  return permute(x, perm);
}

/** Transpose of a tensor with at most 2 dims. */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2)
    throw new ShapeError(`t: 'input' must have at most 2 dims, got ${fmt(x.shape)}; use transpose.`);
  return x.ndim < 2 ? x : transpose(x, 0, 1);
}

/** Joins tensors along an existing dim; all other dims must match. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors as unknown) || tensors.length === 0)
    throw new ValueError("cat: 'tensors' must be a non-empty array.");
  const first = tensors[0];
  const axis = normalizeDim('cat', dim, first.ndim);
  tensors.forEach((t, i) => {
    if (t.dtype !== first.dtype)
      throw new ValueError(`cat: 'tensors[${i}]' has dtype ${t.dtype}, expected ${first.dtype}.`);
    if (t.ndim !== first.ndim || t.shape.some((d, j) => j !== axis && d !== first.shape[j])) {
      throw new ShapeError(
        `cat: 'tensors[${i}]' ${fmt(t.shape)} must match 'tensors[0]' ${fmt(first.shape)} in every dim but ${axis}.`,
      );
    }
  });
  if (tensors.length === 1) return tensors[0];
  const shape = [...first.shape];
  shape[axis] = tensors.reduce((s, t) => s + t.shape[axis], 0);
  const out = runKernel('concat', tensors, (k, xs) => k(xs, axis), shape, first.dtype);
  return record(out, 'CatBackward', tensors, (g) => {
    let start = 0;
    return tensors.map((t) => {
      const part = narrow(g, axis, start, t.shape[axis]);
      start += t.shape[axis];
      return part;
    });
  });
}

/** Joins same-shaped tensors along a new dim. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors as unknown) || tensors.length === 0)
    throw new ValueError("stack: 'tensors' must be a non-empty array.");
  const first = tensors[0];
  tensors.forEach((t, i) => {
    if (!sameShape(t.shape, first.shape)) {
      throw new ShapeError(
        `stack: 'tensors[${i}]' has shape ${fmt(t.shape)}, expected ${fmt(first.shape)} like 'tensors[0]'.`,
      );
    }
  });
  const d = normalizeDim('stack', dim, first.ndim + 1);
  return cat(
    tensors.map((t) => unsqueeze(t, d)),
    d,
  );
}

/** `length` entries of `dim` starting at `start` (negative `start` counts from the end). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const axis = normalizeDim('narrow', dim, x.ndim);
  const size = x.shape[axis];
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(s) || s < 0 || s > size) {
    throw new IndexError(
      `narrow: 'start' must be in [${-size}, ${size}] for dim ${axis} of size ${size}, got ${start}.`,
    );
  }
  if (!Number.isInteger(length) || length < 0 || s + length > size) {
    throw new IndexError(`narrow: 'start' ${s} + 'length' ${length} exceeds dim ${axis} of size ${size}.`);
  }
  if (s === 0 && length === size) return x;
  const begin = x.shape.map((_, i) => (i === axis ? s : 0));
  const shape = x.shape.map((d, i) => (i === axis ? length : d));
  const out = runKernel('slice', [x], (k, [a]) => k(a, begin, shape), shape, x.dtype);
  return record(out, 'NarrowBackward', [x], (g) => [
    padDims(
      g,
      x.shape.map((_, i) => (i === axis ? [s, size - s - length] : [0, 0])),
      0,
    ),
  ]);
}

/** Python-style slice `x[..., start:end]` along `dim`: negative bounds count from the end and are clamped. */
export function slice(x: Tensor, dim: number, start = 0, end?: number): Tensor {
  const axis = normalizeDim('slice', dim, x.ndim);
  const size = x.shape[axis];
  const clampIndex = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const s = clampIndex(start);
  const e = end === undefined ? size : clampIndex(end);
  return narrow(x, axis, s, Math.max(e - s, 0));
}

/** Splits into pieces of `splitSize` along `dim` (the last may be smaller), or into the given section sizes. */
export function split(x: Tensor, splitSizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  const axis = normalizeDim('split', dim, x.ndim);
  const size = x.shape[axis];
  let sections: number[];
  if (typeof splitSizeOrSections === 'number') {
    if (!Number.isInteger(splitSizeOrSections) || splitSizeOrSections <= 0) {
      throw new ValueError(`split: 'splitSize' must be a positive integer, got ${splitSizeOrSections}.`);
    }
    sections = [];
    for (let s = 0; s < size; s += splitSizeOrSections)
      sections.push(Math.min(splitSizeOrSections, size - s));
  } else {
    sections = [...splitSizeOrSections];
    const total = sections.reduce((a, b) => a + b, 0);
    if (total !== size || sections.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new ShapeError(
        `split: 'sections' ${fmt(sections)} must sum to ${size} (dim ${axis} of ${fmt(x.shape)}).`,
      );
    }
  }
  let start = 0;
  return sections.map((len) => {
    const part = narrow(x, axis, start, len);
    start += len;
    return part;
  });
}

/** Splits into `chunks` nearly equal pieces along `dim` (PyTorch's rule: ceil(size / chunks) each). */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0)
    throw new ValueError(`chunk: 'chunks' must be a positive integer, got ${chunks}.`);
  const axis = normalizeDim('chunk', dim, x.ndim);
  return split(x, Math.max(1, Math.ceil(x.shape[axis] / chunks)), axis);
}

function padDims(x: Tensor, pads: readonly (readonly [number, number])[], value: number): Tensor {
  const shape = x.shape.map((d, i) => d + pads[i][0] + pads[i][1]);
  const out = runKernel('pad', [x], (k, [a]) => k(a, pads, value), shape, x.dtype);
  return record(out, 'PadBackward', [x], (g) => [
    padDims(
      g,
      pads.map(([b, a]) => [-b, -a] as const),
      0,
    ),
  ]);
}

/**
 * Constant padding like `torch.nn.functional.pad`: `pad` lists [before, after] pairs starting from
 * the LAST dim (`[1, 1]` pads the last dim; `[1, 1, 2, 2]` also pads the one before it). Negative
 * values crop.
 */
export function pad(x: Tensor, pad: readonly number[], value = 0): Tensor {
  if (pad.length % 2 !== 0 || pad.length / 2 > x.ndim || pad.some((p) => !Number.isInteger(p))) {
    throw new ValueError(
      `pad: 'pad' must hold an even number of integers, at most 2 per dim of input ${fmt(x.shape)}, got ${fmt(pad)}.`,
    );
  }
  const pads = x.shape.map(() => [0, 0] as [number, number]);
  for (let i = 0; i < pad.length / 2; i++) pads[x.ndim - 1 - i] = [pad[2 * i], pad[2 * i + 1]];
  pads.forEach(([b, a], i) => {
    if (x.shape[i] + b + a < 0)
      throw new ShapeError(`pad: padding ${fmt(pad)} makes dim ${i} of ${fmt(x.shape)} negative.`);
  });
  return padDims(x, pads, value);
}
