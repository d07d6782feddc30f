import { ShapeError, ValueError } from './errors';
import { compareLabels, labelToString, uniqueLabels } from './internal/labels';
import { formatFixed } from './internal/python';
import {
  checkInteger,
  checkLabels,
  checkMatrix,
  checkNonEmpty,
  checkOption,
  checkSameLength,
  describe,
  type Label,
} from './internal/validate';

export type { Label } from './internal/validate';

/** How the per-class scores are combined: `'none'` keeps one score per class. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'none';

function checkPair(fn: string, yTrue: unknown, yPred: unknown, predName = 'yPred') {
  const t = checkLabels(fn, 'yTrue', yTrue);
  const p = checkLabels(fn, predName, yPred);
  checkSameLength(fn, predName, p, 'yTrue', t);
  checkNonEmpty(fn, 'yTrue', t);
  if (t.length > 0 && p.length > 0 && typeof t[0] !== typeof p[0]) {
    throw new ValueError(
      `${fn}: '${predName}' must hold labels of the same type as 'yTrue' (${typeof t[0]}), got ${typeof p[0]}.`,
    );
  }
  return { t, p };
}

function checkLabelList(fn: string, labels: unknown): Label[] {
  const l = checkLabels(fn, 'labels', labels);
  checkNonEmpty(fn, 'labels', l);
  if (new Set(l).size !== l.length) throw new ValueError(`${fn}: 'labels' must not repeat a label.`);
  return [...l];
}

/**
 * Fraction (or count, with `normalize: false`) of predictions equal to the truth:
 * `accuracy = (1/n) Σ 1[yPred_i = yTrue_i]`, as scikit-learn's `accuracy_score`.
 */
export function accuracy(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: { normalize?: boolean } = {},
): number {
  const { t, p } = checkPair('accuracy', yTrue, yPred);
  let hits = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hits++;
  return options.normalize === false ? hits : hits / t.length;
}

export interface ConfusionMatrixOptions {
  /** Label order of the rows and columns; samples with other labels are ignored. Default: sorted union. */
  labels?: readonly Label[];
  /** Divide by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`). */
  normalize?: 'true' | 'pred' | 'all';
}

export interface ConfusionMatrixResult {
  /** The row/column labels in order. */
  labels: Label[];
  /** `matrix[i][j]`: samples whose truth is `labels[i]` and prediction is `labels[j]`. */
  matrix: number[][];
}

/**
 * Confusion matrix `C[i][j] = #{k : yTrue_k = labels_i, yPred_k = labels_j}`, shape [L, L], with optional
 * normalisation, as scikit-learn's `confusion_matrix`.
 */
export function confusionMatrix(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: ConfusionMatrixOptions = {},
): ConfusionMatrixResult {
  const fn = 'confusionMatrix';
  const { t, p } = checkPair(fn, yTrue, yPred);
  let labels: Label[];
  if (options.labels === undefined) labels = uniqueLabels(t, p);
  else {
    labels = checkLabelList(fn, options.labels);
    if (!t.some((v) => labels.includes(v))) {
      throw new ValueError(`${fn}: 'labels' must contain at least one label of 'yTrue', got none.`);
    }
  }
  if (options.normalize !== undefined)
    checkOption(fn, 'normalize', options.normalize, ['true', 'pred', 'all']);
  const matrix = countMatrix(t, p, labels);
  if (options.normalize === undefined) return { labels, matrix };
  const rowSums = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = labels.map((_, j) => matrix.reduce((a, row) => a + row[j]!, 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  // scikit-learn turns the 0/0 of an empty row or column into 0.
  const div = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const out = matrix.map((row, i) =>
    row.map((v, j) =>
      options.normalize === 'true'
        ? div(v, rowSums[i]!)
        : options.normalize === 'pred'
          ? div(v, colSums[j]!)
          : div(v, total),
    ),
  );
  return { labels, matrix: out };
}

function countMatrix(t: readonly Label[], p: readonly Label[], labels: readonly Label[]): number[][] {
  const index = new Map<Label, number>();
  for (const [i, l] of labels.entries()) index.set(l, i);
  const m = labels.map(() => labels.map(() => 0));
  for (let k = 0; k < t.length; k++) {
    const i = index.get(t[k]!);
    const j = index.get(p[k]!);
    if (i !== undefined && j !== undefined) m[i]![j]!++;
  }
  return m;
}

export interface PrecisionRecallFscoreOptions {
  /** Weight of recall in the F-score: `F_β = (1 + β²) P R / (β² P + R)`. Default 1. */
  beta?: number;
  /** How per-class scores are combined. Default `'binary'` (scores of `posLabel` only). */
  average?: Average;
  /** The positive class for `average: 'binary'`. Default 1. */
  posLabel?: Label;
  /** Classes to score, in order. Default: sorted union of both arrays. */
  labels?: readonly Label[];
  /** Value used where a ratio is 0/0 (scikit-learn's `zero_division`). Default 0. */
  zeroDivision?: 0 | 1;
}

export interface PrecisionRecallFscore {
  precision: number;
  recall: number;
  fscore: number;
  /** Number of true samples of the scored classes. */
  support: number;
}

export interface PerClassPrecisionRecallFscore {
  labels: Label[];
  precision: number[];
  recall: number[];
  fscore: number[];
  support: number[];
}

/**
 * Precision `TP/(TP+FP)`, recall `TP/(TP+FN)` and `F_β = (1+β²)PR/(β²P+R)` per class, averaged
 * binary/micro/macro/weighted, as scikit-learn's `precision_recall_fscore_support`.
 */
export function precisionRecallFscore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrecisionRecallFscoreOptions & { average: 'none' },
): PerClassPrecisionRecallFscore;
export function precisionRecallFscore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options?: PrecisionRecallFscoreOptions,
): PrecisionRecallFscore;
export function precisionRecallFscore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrecisionRecallFscoreOptions = {},
): PrecisionRecallFscore | PerClassPrecisionRecallFscore {
  return prf('precisionRecallFscore', yTrue, yPred, options);
}

function prf(
  fn: string,
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrecisionRecallFscoreOptions,
): PrecisionRecallFscore | PerClassPrecisionRecallFscore {
  const { t, p } = checkPair(fn, yTrue, yPred);
  const beta = options.beta ?? 1;
  if (typeof beta !== 'number' || Number.isNaN(beta) || beta < 0) {
    throw new ValueError(`${fn}: 'beta' must be a number >= 0, got ${describe(beta)}.`);
  }
  const average = checkOption(fn, 'average', options.average ?? 'binary', [
    'binary',
    'micro',
    'macro',
    'weighted',
    'none',
  ] as const);
  const zeroDivision = checkOption(fn, 'zeroDivision', options.zeroDivision ?? 0, [0, 1] as const);
  const present = uniqueLabels(t, p);
  let labels: Label[];
  if (average === 'binary') {
    if (present.length > 2) {
      throw new ValueError(
        `${fn}: 'average' must not be 'binary' for ${present.length} classes, got 'binary'; use 'micro', 'macro', 'weighted' or 'none'.`,
      );
    }
    const posLabel = options.posLabel ?? 1;
    if (!present.includes(posLabel) && present.length >= 2) {
      throw new ValueError(
        `${fn}: 'posLabel' must be one of ${present.map(describe).join(', ')}, got ${describe(posLabel)}.`,
      );
    }
    labels = [posLabel];
  } else {
    labels = options.labels === undefined ? present : checkLabelList(fn, options.labels);
  }
  const L = labels.length;
  const tp = new Array<number>(L).fill(0);
  const predSum = new Array<number>(L).fill(0);
  const trueSum = new Array<number>(L).fill(0);
  const index = new Map<Label, number>();
  for (const [i, l] of labels.entries()) index.set(l, i);
  for (let k = 0; k < t.length; k++) {
    const i = index.get(t[k]!);
    const j = index.get(p[k]!);
    if (i !== undefined) trueSum[i]!++;
    if (j !== undefined) predSum[j]!++;
    if (i !== undefined && i === j) tp[i]!++;
  }
  let tpA = tp;
  let predA = predSum;
  let trueA = trueSum;
  if (average === 'micro') {
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    tpA = [sum(tp)];
    predA = [sum(predSum)];
    trueA = [sum(trueSum)];
  }
  const divide = (num: number[], den: number[]) =>
    num.map((v, i) => (den[i] === 0 ? zeroDivision : v / den[i]!));
  const precision = divide(tpA, predA);
  const recall = divide(tpA, trueA);
  const beta2 = beta * beta;
  const fscore =
    beta === Number.POSITIVE_INFINITY
      ? [...recall]
      : precision.map((pr, i) => {
          const r = recall[i]!;
          const denom = beta2 * pr + r;
          return ((1 + beta2) * pr * r) / (denom === 0 ? 1 : denom);
        });
  if (average === 'none') return { labels, precision, recall, fscore, support: trueSum };
  const support = trueSum.reduce((a, b) => a + b, 0);
  if (average === 'weighted') {
    if (support === 0) {
      const z = zeroDivision;
      const anyPred = predSum.reduce((a, b) => a + b, 0) !== 0;
      return anyPred
        ? { precision: 0, recall: z, fscore: 0, support }
        : { precision: z, recall: z, fscore: z, support };
    }
    const wavg = (a: number[]) => a.reduce((acc, v, i) => acc + v * trueSum[i]!, 0) / support;
    return { precision: wavg(precision), recall: wavg(recall), fscore: wavg(fscore), support };
  }
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  return { precision: mean(precision), recall: mean(recall), fscore: mean(fscore), support };
}

export interface ClassificationReportOptions {
  /** Classes to report, in order. Default: sorted union of both arrays. */
  labels?: readonly Label[];
  /** Display names of the classes, aligned with `labels`. */
  targetNames?: readonly string[];
  /** Decimal places in the text table. Default 2. */
  digits?: number;
  /** Value used where a ratio is 0/0. Default 0. */
  zeroDivision?: 0 | 1;
}

export interface ReportRow {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

export interface ClassificationReport {
  /** The table exactly as scikit-learn's `classification_report` prints it. */
  text: string;
  /** The same numbers keyed like scikit-learn's `output_dict=True` (`'accuracy'` is a number). */
  report: Record<string, ReportRow | number>;
}

/**
 * Per-class precision, recall, F1 and support with accuracy, macro and weighted averages, as text
 * formatted like scikit-learn's `classification_report` and as a dictionary.
 */
export function classificationReport(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const fn = 'classificationReport';
  const { t, p } = checkPair(fn, yTrue, yPred);
  const digits = checkInteger(fn, 'digits', options.digits ?? 2, 0);
  const present = uniqueLabels(t, p);
  const labelsGiven = options.labels !== undefined;
  const labels = labelsGiven ? checkLabelList(fn, options.labels) : present;
  const microIsAccuracy =
    !labelsGiven || (new Set(labels).size === present.length && present.every((l) => labels.includes(l)));
  let names: string[];
  if (options.targetNames !== undefined) {
    if (options.targetNames.length !== labels.length) {
      throw new ShapeError(
        `${fn}: 'targetNames' must have length ${labels.length} to match the number of classes, got ${options.targetNames.length}.`,
      );
    }
    names = [...options.targetNames];
  } else names = labels.map(labelToString);
  const zeroDivision = options.zeroDivision ?? 0;
  const per = prf(fn, t, p, { labels, average: 'none', zeroDivision }) as PerClassPrecisionRecallFscore;
  const width = Math.max(...names.map((n) => [...n].length), 'weighted avg'.length, digits);
  const pad = (s: string, w: number) => ' '.repeat(Math.max(0, w - [...s].length)) + s;
  const num = (x: number) => pad(formatFixed(x, digits), 9);
  const row = (name: string, pr: number, rc: number, f: number, s: number) =>
    `${pad(name, width)}  ${num(pr)} ${num(rc)} ${num(f)} ${pad(String(s), 9)}\n`;
  let text = `${pad('', width)} ${['precision', 'recall', 'f1-score', 'support'].map((h) => ` ${pad(h, 9)}`).join('')}\n\n`;
  const report: Record<string, ReportRow | number> = {};
  names.forEach((name, i) => {
    const r = {
      precision: per.precision[i]!,
      recall: per.recall[i]!,
      'f1-score': per.fscore[i]!,
      support: per.support[i]!,
    };
    report[name] = r;
    text += row(name, r.precision, r.recall, r['f1-score'], r.support);
  });
  text += '\n';
  const total = per.support.reduce((a, b) => a + b, 0);
  for (const average of ['micro', 'macro', 'weighted'] as const) {
    const avg = prf(fn, t, p, { labels, average, zeroDivision }) as PrecisionRecallFscore;
    if (average === 'micro' && microIsAccuracy) {
      report.accuracy = avg.fscore;
      text += `${pad('accuracy', width)}  ${pad('', 9)} ${pad('', 9)} ${num(avg.fscore)} ${pad(String(total), 9)}\n`;
    } else {
      const heading = `${average} avg`;
      report[heading] = {
        precision: avg.precision,
        recall: avg.recall,
        'f1-score': avg.fscore,
        support: total,
      };
      text += row(heading, avg.precision, avg.recall, avg.fscore, total);
    }
  }
  return { text, report };
}

/**
 * Matthews correlation coefficient for binary or multiclass labels,
 * `MCC = (c·s − Σ_k p_k t_k) / √((s² − Σ p_k²)(s² − Σ t_k²))`, as scikit-learn's `matthews_corrcoef`.
 */
export function matthewsCorrcoef(yTrue: readonly Label[], yPred: readonly Label[]): number {
  const { t, p } = checkPair('matthewsCorrcoef', yTrue, yPred);
  const labels = uniqueLabels(t, p);
  const C = countMatrix(t, p, labels);
  const tSum = C.map((r) => r.reduce((a, b) => a + b, 0));
  const pSum = labels.map((_, j) => C.reduce((a, r) => a + r[j]!, 0));
  const correct = C.reduce((a, r, i) => a + r[i]!, 0);
  const n = t.length;
  const dot = (a: number[], b: number[]) => a.reduce((acc, v, i) => acc + v * b[i]!, 0);
  const covTP = correct * n - dot(tSum, pSum);
  const covPP = n * n - dot(pSum, pSum);
  const covTT = n * n - dot(tSum, tSum);
  if (covPP * covTT === 0) return 0;
  return covTP / Math.sqrt(covTT * covPP);
}

/**
 * Cohen's kappa `κ = 1 − Σ w_ij O_ij / Σ w_ij E_ij` between two raters, unweighted, linear or quadratic,
 * as scikit-learn's `cohen_kappa_score` (https://doi.org/10.1177/001316446002000104).
 */
export function cohenKappa(
  y1: readonly Label[],
  y2: readonly Label[],
  options: { labels?: readonly Label[]; weights?: 'linear' | 'quadratic' } = {},
): number {
  const fn = 'cohenKappa';
  const { t, p } = checkPair(fn, y1, y2, 'y2');
  if (options.weights !== undefined) checkOption(fn, 'weights', options.weights, ['linear', 'quadratic']);
  const labels = options.labels === undefined ? uniqueLabels(t, p) : checkLabelList(fn, options.labels);
  const C = countMatrix(t, p, labels);
  const L = labels.length;
  const sum0 = labels.map((_, j) => C.reduce((a, r) => a + r[j]!, 0));
  const sum1 = C.map((r) => r.reduce((a, b) => a + b, 0));
  const total = sum0.reduce((a, b) => a + b, 0);
  let num = 0;
  let den = 0;
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      const d = Math.abs(i - j);
      const w = options.weights === undefined ? (i === j ? 0 : 1) : options.weights === 'linear' ? d : d * d;
      num += w * C[i]![j]!;
      den += w * ((sum0[i]! * sum1[j]!) / total);
    }
  }
  if (den === 0 || total === 0) {
    throw new ValueError(
      `${fn}: kappa is undefined when the expected disagreement is 0 (both raters use one class), got ${L} class(es).`,
    );
  }
  return 1 - num / den;
}

/**
 * Fraction of samples whose true class is among the `k` highest scores,
 * `(1/n) Σ 1[yTrue_i ∈ top_k(yScore_i)]`, as scikit-learn's `top_k_accuracy_score` (ties: higher index first).
 */
export function topKAccuracy(
  yTrue: readonly Label[],
  yScore: ReadonlyArray<ArrayLike<number>>,
  options: { k?: number; labels?: readonly Label[]; normalize?: boolean } = {},
): number {
  const fn = 'topKAccuracy';
  const t = checkLabels(fn, 'yTrue', yTrue);
  checkNonEmpty(fn, 'yTrue', t);
  const width = checkMatrix(fn, 'yScore', yScore);
  checkSameLength(fn, 'yScore', yScore, 'yTrue', t);
  const k = checkInteger(fn, 'k', options.k ?? 2, 1);
  let classes: Label[];
  if (options.labels === undefined) {
    classes = uniqueLabels(t);
    if (classes.length !== width) {
      throw new ShapeError(
        `${fn}: 'yScore' rows must have length ${classes.length} to match the classes in 'yTrue', got ${width}; pass 'labels' to name every class.`,
      );
    }
  } else {
    classes = checkLabelList(fn, options.labels);
    const sorted = [...classes].sort(compareLabels);
    if (sorted.some((l, i) => l !== classes[i])) throw new ValueError(`${fn}: 'labels' must be sorted.`);
    if (classes.length !== width) {
      throw new ShapeError(
        `${fn}: 'yScore' rows must have length ${classes.length} to match 'labels', got ${width}.`,
      );
    }
    const missing = t.find((v) => !classes.includes(v));
    if (missing !== undefined) {
      throw new ValueError(
        `${fn}: 'yTrue' must only hold labels listed in 'labels', got ${describe(missing)}.`,
      );
    }
  }
  let hits = 0;
  for (let i = 0; i < t.length; i++) {
    const row = yScore[i]!;
    const target = classes.indexOf(t[i]!);
    const s = row[target]!;
    // Rank of the true class under a descending order where ties go to the higher index.
    let better = 0;
    for (let j = 0; j < width; j++) if (row[j]! > s || (row[j] === s && j > target)) better++;
    if (better < k) hits++;
  }
  return options.normalize === false ? hits : hits / t.length;
}
