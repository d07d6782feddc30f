import { IndexError, ShapeError, ValueError } from '../errors';

export type Shape = readonly number[];

export function fmt(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-contiguous) strides. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** NumPy broadcasting of two shapes; throws a ShapeError naming the op and both shapes. */
export function broadcastShapes(
  op: string,
  a: Shape,
  b: Shape,
  names: [string, string] = ['input', 'other'],
): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: '${names[0]}' ${fmt(a)} and '${names[1]}' ${fmt(b)} cannot be broadcast together (dim ${i - rank}: ${da} vs ${db}).`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Normalises a possibly negative dim against `rank`; throws an IndexError naming the op. */
export function normalizeDim(op: string, dim: number, rank: number, name = 'dim'): number {
  const r = Math.max(rank, 1);
  if (!Number.isInteger(dim) || dim < -r || dim >= r) {
    throw new IndexError(`${op}: '${name}' must be an integer in [${-r}, ${r - 1}], got ${dim}.`);
  }
  return dim < 0 ? dim + r : dim;
}

/** Normalises a dim list (or undefined for all dims), sorted and deduplicated. */
export function normalizeDims(
  op: string,
  dims: number | readonly number[] | undefined,
  rank: number,
): number[] {
  if (dims === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof dims === 'number' ? [dims] : dims;
  const out = list.map((d) => normalizeDim(op, d, rank));
  const set = new Set(out);
  if (set.size !== out.length) throw new ValueError(`${op}: 'dim' ${fmt(list)} repeats a dim.`);
  return [...set].sort((x, y) => x - y);
}

export function checkShape(op: string, name: string, shape: unknown): number[] {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ValueError(
      `${op}: '${name}' must be an array of non-negative integers, got ${JSON.stringify(shape)}.`,
    );
  }
  return shape as number[];
}
