import { ShapeError, ValueError } from '../errors';

/** Row-major samples: nested arrays, or a flat Float64Array with its [rows, cols] shape. */
export type MatrixLike =
  | readonly (readonly number[])[]
  | { data: Float64Array | Float32Array | readonly number[]; shape: readonly [number, number] };

/** A validated dense matrix: `data[i * cols + j]` is feature j of sample i. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export interface MatrixOptions {
  /** Let NaN through (estimators that handle missing values). Infinity is always rejected. */
  allowNaN?: boolean;
  /** Minimum number of samples (default 1). */
  minRows?: number;
  /** The argument's name in messages (default 'X'). */
  name?: string;
}

/** Validates and copies `X` into a Matrix; errors name the estimator, the argument and the offending row. */
export function toMatrix(op: string, X: MatrixLike, options: MatrixOptions = {}): Matrix {
  const name = options.name ?? 'X';
  let data: Float64Array;
  let rows: number;
  let cols: number;
  if (Array.isArray(X)) {
    rows = X.length;
    if (rows === 0)
      throw new ValueError(`${op}: '${name}' must have at least ${options.minRows ?? 1} sample(s), got 0.`);
    const first = X[0];
    if (!Array.isArray(first))
      throw new ShapeError(
        `${op}: '${name}' must be a 2-D array (samples × features); row 0 is not an array.`,
      );
    cols = first.length;
    if (cols === 0) throw new ValueError(`${op}: '${name}' must have at least 1 feature, got 0.`);
    data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = X[i];
      if (!Array.isArray(row) || row.length !== cols) {
        throw new ShapeError(
          `${op}: '${name}' is ragged: row ${i} has ${Array.isArray(row) ? row.length : 'no'} features, row 0 has ${cols}.`,
        );
      }
      for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
    }
  } else if (X && typeof X === 'object' && 'data' in X && 'shape' in X) {
    [rows, cols] = X.shape;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols <= 0) {
      throw new ShapeError(
        `${op}: '${name}.shape' must be [rows, cols] with cols >= 1, got [${X.shape.join(', ')}].`,
      );
    }
    if (X.data.length !== rows * cols) {
      throw new ShapeError(
        `${op}: '${name}.data' has ${X.data.length} values, shape [${rows}, ${cols}] needs ${rows * cols}.`,
      );
    }
    data = Float64Array.from(X.data);
  } else {
    throw new ValueError(`${op}: '${name}' must be number[][] or { data, shape }, got ${typeof X}.`);
  }
  const minRows = options.minRows ?? 1;
  if (rows < minRows)
    throw new ValueError(`${op}: '${name}' must have at least ${minRows} sample(s), got ${rows}.`);
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      if (Number.isNaN(v) && options.allowNaN) continue;
      throw new ValueError(
        `${op}: '${name}' has ${Number.isNaN(v) ? 'NaN' : String(v)} at row ${Math.floor(k / cols)}, column ${k % cols}; ${options.allowNaN ? 'infinite values are not allowed' : 'this estimator needs finite values (impute missing ones first)'}.`,
      );
    }
  }
  return { data, rows, cols };
}

/** Validates a 1-D numeric target (regression). */
export function toVector(
  op: string,
  y: readonly number[] | Float64Array,
  rows: number,
  name = 'y',
): Float64Array {
  if (!y || typeof (y as ArrayLike<number>).length !== 'number')
    throw new ValueError(`${op}: '${name}' must be an array of numbers.`);
  if (y.length !== rows)
    throw new ShapeError(`${op}: '${name}' has ${y.length} values but 'X' has ${rows} samples.`);
  const out = Float64Array.from(y as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]))
      throw new ValueError(`${op}: '${name}' has ${out[i]} at index ${i}; targets must be finite numbers.`);
  }
  return out;
}

/** Throws unless `X` has the feature count seen during fit. */
export function checkFeatures(op: string, X: Matrix, nFeatures: number): void {
  if (X.cols !== nFeatures) {
    throw new ShapeError(
      `${op}: 'X' has ${X.cols} features, but the estimator was fitted with ${nFeatures}.`,
    );
  }
}

export function row(X: Matrix, i: number): Float64Array {
  return X.data.subarray(i * X.cols, (i + 1) * X.cols);
}
