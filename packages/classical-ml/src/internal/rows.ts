import type { Label } from './labels';
import type { Matrix } from './matrix';

/** The rows `idx` of `X` as nested arrays (the subsets that cross-validation hands to `fit`). */
export function takeRows(X: Matrix, idx: readonly number[]): number[][] {
  const out: number[][] = new Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    out[k] = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols));
  }
  return out;
}

export function takeLabels<T extends Label>(y: readonly T[], idx: readonly number[]): T[] {
  return idx.map((i) => y[i]);
}
