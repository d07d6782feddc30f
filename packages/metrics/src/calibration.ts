import { ShapeError, ValueError } from './errors';
import { uniqueLabels } from './internal/labels';
import {
  checkInteger,
  checkLabels,
  checkMatrix,
  checkNonEmpty,
  checkNumbers,
  checkRange,
  checkSameLength,
  describe,
  type Label,
} from './internal/validate';

/** Float64 machine epsilon, scikit-learn's `eps='auto'` for float64 probabilities. */
const EPS = 2.220446049250313e-16;

function toProbMatrix(fn: string, yProb: unknown, n: number): { rows: number[][]; width: number } {
  const first = (yProb as ArrayLike<unknown>)[0];
  if (typeof first !== 'object' || first === null) {
    const p = checkNumbers(fn, 'yProb', yProb);
    if (p.length !== n)
      throw new ShapeError(`${fn}: 'yProb' must have length ${n} to match 'yTrue', got ${p.length}.`);
    return { rows: Array.from(p, (v) => [1 - v, v]), width: 1 };
  }
  const width = checkMatrix(fn, 'yProb', yProb);
  const rows = yProb as ReadonlyArray<ArrayLike<number>>;
  if (rows.length !== n) {
    throw new ShapeError(`${fn}: 'yProb' must have length ${n} to match 'yTrue', got ${rows.length}.`);
  }
  return { rows: rows.map((r) => Array.from(r)), width };
}

/**
 * Cross-entropy `−(1/n) Σ_i log p_{i, y_i}` of probabilities clipped to [ε, 1−ε] and renormalised per row,
 * as scikit-learn's `log_loss`; `yProb` is [n] (probability of the greater label) or [n, C].
 */
export function logLoss(
  yTrue: readonly Label[],
  yProb: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>,
  options: { labels?: readonly Label[]; eps?: number; normalize?: boolean } = {},
): number {
  const fn = 'logLoss';
  const t = checkLabels(fn, 'yTrue', yTrue);
  checkNonEmpty(fn, 'yTrue', t);
  const eps = checkRange(fn, 'eps', options.eps ?? EPS, 0, 0.5);
  const classes =
    options.labels === undefined ? uniqueLabels(t) : uniqueLabels(checkLabels(fn, 'labels', options.labels));
  if (classes.length < 2) {
    throw new ValueError(
      `${fn}: ${options.labels ? "'labels'" : "'yTrue'"} must contain at least 2 classes, got ${classes.length}; pass 'labels' to name them.`,
    );
  }
  const { rows, width } = toProbMatrix(fn, yProb, t.length);
  const nCols = width === 1 ? 2 : width;
  if (nCols !== classes.length) {
    throw new ShapeError(
      `${fn}: 'yProb' rows must have length ${classes.length} to match the classes, got ${nCols}.`,
    );
  }
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const k = classes.indexOf(t[i]!);
    if (k < 0) throw new ValueError(`${fn}: 'yTrue[${i}]' must be one of 'labels', got ${describe(t[i])}.`);
    // Clip the given column(s) first, then rebuild the binary pair, as scikit-learn does.
    let row = rows[i]!;
    if (width === 1) {
      const p = Math.min(Math.max(row[1]!, eps), 1 - eps);
      row = [1 - p, p];
    } else row = row.map((v) => Math.min(Math.max(v, eps), 1 - eps));
    let sum = 0;
    for (const v of row) sum += v;
    total += -Math.log(row[k]! / sum);
  }
  return options.normalize === false ? total : total / t.length;
}

export interface CalibrationOptions {
  /** Number of equal-width confidence bins on [0, 1]. Default 15. */
  nBins?: number;
  /** Classes in the column order of `yProb` (default: sorted labels of `yTrue`). */
  labels?: readonly Label[];
  /** Positive class when `yProb` is [n]. Default 1. */
  posLabel?: Label;
}

/**
 * Expected calibration error `ECE = Σ_m (|B_m|/n) |acc(B_m) − conf(B_m)|` over equal-width bins
 * `((m−1)/M, m/M]` (Guo et al. 2017, https://arxiv.org/abs/1706.04599); [n, C] uses the top-class confidence.
 */
export function expectedCalibrationError(
  yTrue: readonly Label[],
  yProb: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>,
  options: CalibrationOptions = {},
): number {
  const fn = 'expectedCalibrationError';
  const t = checkLabels(fn, 'yTrue', yTrue);
  checkNonEmpty(fn, 'yTrue', t);
  const M = checkInteger(fn, 'nBins', options.nBins ?? 15, 1);
  const conf: number[] = [];
  const correct: number[] = [];
  const first = (yProb as ArrayLike<unknown>)[0];
  if (typeof first !== 'object' || first === null) {
    const p = checkNumbers(fn, 'yProb', yProb);
    checkSameLength(fn, 'yProb', p, 'yTrue', t);
    const pos = options.posLabel ?? 1;
    for (let i = 0; i < t.length; i++) {
      conf.push(checkRange(fn, `yProb[${i}]`, p[i], 0, 1));
      correct.push(t[i] === pos ? 1 : 0);
    }
  } else {
    const width = checkMatrix(fn, 'yProb', yProb);
    const rows = yProb as ReadonlyArray<ArrayLike<number>>;
    checkSameLength(fn, 'yProb', rows, 'yTrue', t);
    const classes =
      options.labels === undefined ? uniqueLabels(t) : [...checkLabels(fn, 'labels', options.labels)];
    if (classes.length !== width) {
      throw new ShapeError(
        `${fn}: 'yProb' rows must have length ${classes.length} to match the classes, got ${width}.`,
      );
    }
    for (let i = 0; i < t.length; i++) {
      const row = rows[i]!;
      let best = 0;
      for (let j = 0; j < width; j++) {
        checkRange(fn, `yProb[${i}][${j}]`, row[j], 0, 1);
        if (row[j]! > row[best]!) best = j;
      }
      conf.push(row[best]!);
      correct.push(classes[best] === t[i] ? 1 : 0);
    }
  }
  const count = new Array<number>(M).fill(0);
  const sumConf = new Array<number>(M).fill(0);
  const sumAcc = new Array<number>(M).fill(0);
  for (let i = 0; i < conf.length; i++) {
    const m = Math.min(M - 1, Math.max(0, Math.ceil(conf[i]! * M) - 1));
    count[m]!++;
    sumConf[m]! += conf[i]!;
    sumAcc[m]! += correct[i]!;
  }
  let ece = 0;
  for (let m = 0; m < M; m++) {
    if (count[m] === 0) continue;
    ece += (count[m]! / conf.length) * Math.abs(sumAcc[m]! / count[m]! - sumConf[m]! / count[m]!);
  }
  return ece;
}
