import { IndexError, ShapeError, Tensor, ValueError } from '@llm/tensor';
import { formatValue } from './reduction';

/** `[4, 10]`, the way every error message prints a shape. */
export function fmt(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Rejects option keys `op` does not know, so a typo like `ignore_index` fails loudly. */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`${op}: 'options' must be an object, got ${formatValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new ValueError(
        `${op}: unknown option '${key}'; expected one of ${allowed.map((k) => `'${k}'`).join(', ')}.`,
      );
    }
  }
}

/** A tensor argument, which must be a Tensor. */
export function checkTensor(op: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    throw new ValueError(`${op}: '${name}' must be a Tensor, got ${x === null ? 'null' : typeof x}.`);
  }
  return x;
}

/** A tensor argument with a float dtype. */
export function checkFloat(op: string, name: string, x: unknown): Tensor {
  const t = checkTensor(op, name, x);
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new ValueError(`${op}: '${name}' must have dtype float32 or float64, got ${t.dtype}.`);
  }
  return t;
}

/** A float tensor shaped exactly like `ref`. */
export function checkLike(op: string, name: string, x: unknown, refName: string, ref: Tensor): Tensor {
  const t = checkFloat(op, name, x);
  if (!sameShape(t.shape, ref.shape)) {
    throw new ShapeError(
      `${op}: '${name}' must have shape ${fmt(ref.shape)} to match '${refName}' ${fmt(ref.shape)}, got ${fmt(t.shape)}.`,
    );
  }
  return t;
}

/** A float tensor that broadcasts to `ref`'s shape without growing it (weights, pos weights). */
export function checkBroadcastable(
  op: string,
  name: string,
  x: unknown,
  refName: string,
  ref: Tensor,
): Tensor {
  const t = checkFloat(op, name, x);
  const lead = ref.ndim - t.ndim;
  if (lead < 0 || t.shape.some((d, i) => d !== 1 && d !== ref.shape[i + lead])) {
    throw new ShapeError(
      `${op}: '${name}' must broadcast to the shape ${fmt(ref.shape)} of '${refName}', got ${fmt(t.shape)}.`,
    );
  }
  return t;
}

/** A number option that satisfies `ok`, described by `expected` in the error (`'margin' must be ...`). */
export function checkNumber(
  op: string,
  name: string,
  value: unknown,
  fallback: number,
  ok: (v: number) => boolean = Number.isFinite,
  expected = 'a finite number',
): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || !ok(v)) {
    throw new ValueError(`${op}: '${name}' must be ${expected}, got ${formatValue(value)}.`);
  }
  return v;
}

export function checkBoolean(op: string, name: string, value: unknown, fallback: boolean): boolean {
  const v = value ?? fallback;
  if (typeof v !== 'boolean')
    throw new ValueError(`${op}: '${name}' must be a boolean, got ${formatValue(value)}.`);
  return v;
}

/** Every value of `x` lies in `set` (labels such as {-1, +1} or {0, 1}). */
export function checkLabels(op: string, name: string, x: Tensor, set: readonly number[]): void {
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    if (!set.includes(data[i])) {
      throw new ValueError(`${op}: '${name}' must hold only ${set.join(' or ')}, got ${data[i]}.`);
    }
  }
}

/** Every value of `x` lies in `[lo, hi]`. */
export function checkRange(op: string, name: string, x: Tensor, lo: number, hi: number): void {
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!(v >= lo && v <= hi)) {
      throw new ValueError(`${op}: '${name}' values must lie in [${lo}, ${hi}], got ${v}.`);
    }
  }
}

/** Int32 class ids in `[0, classes)`, except `ignoreIndex` where given. */
export function checkClassIds(
  op: string,
  name: string,
  target: Tensor,
  classes: number,
  ignoreIndex?: number,
): void {
  if (target.dtype !== 'int32') {
    throw new ValueError(`${op}: '${name}' must hold int32 class indices, got dtype ${target.dtype}.`);
  }
  const data = target.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v !== ignoreIndex && (v < 0 || v >= classes)) {
      const ignore = ignoreIndex === undefined ? '' : ` or ignoreIndex ${ignoreIndex}`;
      throw new IndexError(`${op}: '${name}' values must be in [0, ${classes})${ignore}, got ${v}.`);
    }
  }
}

/** The `ignoreIndex` option shared by the class-index losses: an integer, -100 by default as in PyTorch. */
export function checkIgnoreIndex(op: string, value: unknown): number {
  return checkNumber(op, 'ignoreIndex', value, -100, Number.isInteger, 'an integer');
}
