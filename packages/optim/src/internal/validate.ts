import { ValueError } from '@llm/tensor';

const describe = (value: unknown): string => (Array.isArray(value) ? `[${value.join(', ')}]` : String(value));

/** Throws `Op: 'name' must be a non-negative number, got -1.` unless `value` is a finite number >= 0. */
export function nonNegative(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new ValueError(`${op}: '${name}' must be a non-negative number, got ${describe(value)}.`);
  }
  return value;
}

/** A finite number in [lo, hi) (or [lo, hi] with `closed`). */
export function inRange(
  op: string,
  name: string,
  value: unknown,
  lo: number,
  hi: number,
  closed = false,
): number {
  const ok = typeof value === 'number' && value >= lo && (closed ? value <= hi : value < hi);
  if (!ok) {
    throw new ValueError(
      `${op}: '${name}' must be a number in [${lo}, ${hi}${closed ? ']' : ')'}, got ${describe(value)}.`,
    );
  }
  return value as number;
}

/** A positive integer. */
export function positiveInt(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ValueError(`${op}: '${name}' must be a positive integer, got ${describe(value)}.`);
  }
  return value;
}

/** A finite number. */
export function finite(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${op}: '${name}' must be a finite number, got ${describe(value)}.`);
  }
  return value;
}

export function bool(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new ValueError(`${op}: '${name}' must be a boolean, got ${describe(value)}.`);
  return value;
}

/** A `[beta1, beta2]` pair, each in [0, 1). */
export function betas(op: string, value: unknown): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ValueError(`${op}: 'betas' must be a pair [beta1, beta2], got ${describe(value)}.`);
  }
  inRange(op, 'betas[0]', value[0], 0, 1);
  inRange(op, 'betas[1]', value[1], 0, 1);
  return value as [number, number];
}
