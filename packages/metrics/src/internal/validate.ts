import { ShapeError, ValueError } from '../errors';

/** A class label as the classification metrics accept it. */
export type Label = number | string;

export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  return typeof value;
}

export function checkArray(fn: string, name: string, value: unknown): asserts value is readonly unknown[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw new ValueError(`${fn}: '${name}' must be an array, got ${describe(value)}.`);
  }
}

export function checkNonEmpty(fn: string, name: string, value: ArrayLike<unknown>): void {
  if (value.length === 0) throw new ShapeError(`${fn}: '${name}' must not be empty, got length 0.`);
}

export function checkSameLength(
  fn: string,
  name: string,
  value: ArrayLike<unknown>,
  otherName: string,
  other: ArrayLike<unknown>,
): void {
  if (value.length !== other.length) {
    throw new ShapeError(
      `${fn}: '${name}' must have length ${other.length} to match '${otherName}', got ${value.length}.`,
    );
  }
}

/** Checks an array of finite numbers and returns it. */
export function checkNumbers(fn: string, name: string, value: unknown): ArrayLike<number> {
  checkArray(fn, name, value);
  const arr = value as ArrayLike<unknown>;
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ValueError(`${fn}: '${name}' must contain finite numbers, got ${describe(v)} at index ${i}.`);
    }
  }
  return arr as ArrayLike<number>;
}

/** Checks a rectangular matrix of finite numbers, returns its column count. */
export function checkMatrix(fn: string, name: string, value: unknown): number {
  checkArray(fn, name, value);
  const rows = value as readonly unknown[];
  checkNonEmpty(fn, name, rows);
  let width = -1;
  for (let i = 0; i < rows.length; i++) {
    checkNumbers(fn, `${name}[${i}]`, rows[i]);
    const len = (rows[i] as ArrayLike<number>).length;
    if (width === -1) width = len;
    else if (len !== width) {
      throw new ShapeError(
        `${fn}: '${name}[${i}]' must have length ${width} to match '${name}[0]', got ${len}.`,
      );
    }
  }
  if (width === 0) throw new ShapeError(`${fn}: '${name}' rows must not be empty, got length 0.`);
  return width;
}

export function checkLabels(fn: string, name: string, value: unknown): readonly Label[] {
  checkArray(fn, name, value);
  const arr = value as readonly unknown[];
  let kind: string | undefined;
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    const t = typeof v;
    if ((t !== 'number' && t !== 'string') || (t === 'number' && !Number.isFinite(v as number))) {
      throw new ValueError(
        `${fn}: '${name}' must contain finite numbers or strings, got ${describe(v)} at index ${i}.`,
      );
    }
    if (kind === undefined) kind = t;
    else if (kind !== t) {
      throw new ValueError(
        `${fn}: '${name}' must not mix numbers and strings, got ${describe(v)} at index ${i}.`,
      );
    }
  }
  return arr as readonly Label[];
}

export function checkOption<T extends string | number | boolean>(
  fn: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) {
    throw new ValueError(
      `${fn}: '${name}' must be one of ${allowed.map((a) => describe(a)).join(', ')}, got ${describe(value)}.`,
    );
  }
  return value as T;
}

export function checkInteger(fn: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ValueError(`${fn}: '${name}' must be an integer >= ${min}, got ${describe(value)}.`);
  }
  return value;
}

export function checkRange(
  fn: string,
  name: string,
  value: unknown,
  lo: number,
  hi: number,
  opts: { loOpen?: boolean; hiOpen?: boolean } = {},
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (opts.loOpen ? value > lo : value >= lo) &&
    (opts.hiOpen ? value < hi : value <= hi);
  if (!ok) {
    const range = `${opts.loOpen ? '(' : '['}${lo}, ${hi}${opts.hiOpen ? ')' : ']'}`;
    throw new ValueError(`${fn}: '${name}' must be a number in ${range}, got ${describe(value)}.`);
  }
  return value as number;
}

export function checkStrings(fn: string, name: string, value: unknown): readonly string[] {
  checkArray(fn, name, value);
  const arr = value as readonly unknown[];
  for (let i = 0; i < arr.length; i++) {
    if (typeof arr[i] !== 'string') {
      throw new ValueError(`${fn}: '${name}' must contain strings, got ${describe(arr[i])} at index ${i}.`);
    }
  }
  return arr as readonly string[];
}

/**
 * Normalises references given per hypothesis: `refs[i]` is a string or an array of strings.
 * Returns `refs[i]` as arrays, checked against the number of hypotheses.
 */
export function checkReferences(
  fn: string,
  name: string,
  value: unknown,
  hypName: string,
  nHyp: number,
): string[][] {
  checkArray(fn, name, value);
  const arr = value as readonly unknown[];
  if (arr.length !== nHyp) {
    throw new ShapeError(
      `${fn}: '${name}' must have length ${nHyp} to match '${hypName}', got ${arr.length}.`,
    );
  }
  return arr.map((r, i) => {
    if (typeof r === 'string') return [r];
    if (!Array.isArray(r)) {
      throw new ValueError(
        `${fn}: '${name}[${i}]' must be a string or an array of strings, got ${describe(r)}.`,
      );
    }
    if (r.length === 0)
      throw new ShapeError(`${fn}: '${name}[${i}]' must hold at least one reference, got 0.`);
    return [...checkStrings(fn, `${name}[${i}]`, r)];
  });
}
