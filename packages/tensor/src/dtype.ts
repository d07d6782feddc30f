import { ValueError } from './errors';

/** Element types a tensor can hold. `float32` is the default; `int32` holds indices; `bool` holds masks. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The typed array that stores each dtype on the CPU. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export type TypedArrayFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64'
    ? Float64Array
    : D extends 'int32'
      ? Int32Array
      : Uint8Array;

const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** Allocates a zero-filled typed array for `dtype`. */
export function allocate(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
      return new Uint8Array(size);
  }
}

export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

export function assertDType(op: string, name: string, dtype: unknown): DType {
  if (!DTYPES.includes(dtype as DType)) {
    throw new ValueError(`${op}: '${name}' must be one of ${DTYPES.join(', ')}, got ${String(dtype)}.`);
  }
  return dtype as DType;
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** Result dtype of a binary arithmetic op: the higher of the two in bool < int32 < float32 < float64. */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The dtype an op that must produce floats (exp, div, mean, ...) returns for an input of `dtype`. */
export function floatResult(dtype: DType): DType {
  return isFloat(dtype) ? dtype : 'float32';
}

/** The dtype a JS scalar takes when it meets a tensor of `dtype` in a binary op (PyTorch's rule: a scalar never widens a tensor unless it must). */
export function scalarResult(dtype: DType, value: number | boolean): DType {
  if (typeof value === 'boolean') return dtype;
  if (isFloat(dtype)) return dtype;
  if (Number.isInteger(value)) return dtype === 'bool' ? 'int32' : dtype;
  return 'float32';
}
