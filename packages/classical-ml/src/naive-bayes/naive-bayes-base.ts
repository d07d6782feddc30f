import type { Label } from '../internal/labels';
import { logSumExp } from '../internal/logsumexp';

/** Turns joint log-likelihoods (one row per sample, one column per class) into the outputs every NB model has. */
export function logProba(jll: number[][]): number[][] {
  return jll.map((row) => {
    const z = logSumExp(row);
    return row.map((v) => v - z);
  });
}

export function argmaxLabels(jll: number[][], classes: readonly Label[]): Label[] {
  return jll.map((row) => {
    let best = 0;
    for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
    return classes[best];
  });
}

/** sklearn 1.2 (force_alpha=False) clips alpha below 1e-10 up to 1e-10 to avoid log(0). */
export const ALPHA_MIN = 1e-10;

/** Per-class feature sums and class counts of a (possibly binarised) count matrix. */
export function classFeatureCounts(
  data: Float64Array,
  rows: number,
  cols: number,
  indices: Int32Array,
  nClasses: number,
): { featureCount: number[][]; classCount: number[] } {
  const featureCount = Array.from({ length: nClasses }, () => new Array<number>(cols).fill(0));
  const classCount = new Array<number>(nClasses).fill(0);
  for (let i = 0; i < rows; i++) {
    const c = indices[i];
    classCount[c]++;
    for (let j = 0; j < cols; j++) featureCount[c][j] += data[i * cols + j];
  }
  return { featureCount, classCount };
}

export function classLogPrior(classCount: readonly number[], fitPrior: boolean): number[] {
  const total = classCount.reduce((a, b) => a + b, 0);
  return fitPrior
    ? classCount.map((n) => Math.log(n) - Math.log(total))
    : classCount.map(() => -Math.log(classCount.length));
}
