import { ShapeError, ValueError } from './errors';
import { uniqueLabels } from './internal/labels';
import {
  checkLabels,
  checkMatrix,
  checkNonEmpty,
  checkNumbers,
  checkOption,
  checkSameLength,
  describe,
  type Label,
} from './internal/validate';

export interface RocCurve {
  /** False-positive rate at each threshold, from 0 up to 1. */
  fpr: number[];
  /** True-positive rate at each threshold, from 0 up to 1. */
  tpr: number[];
  /** Decreasing thresholds; the first is `max(yScore) + 1`, as scikit-learn 1.2 reports it. */
  thresholds: number[];
}

/** Resolves the positive class like scikit-learn: `posLabel`, or 1 when the labels are {0,1}, {-1,1} or a subset. */
function resolvePosLabel(fn: string, t: readonly Label[], posLabel: Label | undefined): Label {
  if (posLabel !== undefined) return posLabel;
  const classes = uniqueLabels(t);
  const ok =
    classes.every((c) => c === 0 || c === 1 || c === -1) && !(classes.includes(0) && classes.includes(-1));
  if (!ok) {
    throw new ValueError(
      `${fn}: 'posLabel' must be given when 'yTrue' is not {0, 1} or {-1, 1}, got classes ${classes.map(describe).join(', ')}.`,
    );
  }
  return 1;
}

function checkBinary(fn: string, yTrue: unknown, yScore: unknown) {
  const t = checkLabels(fn, 'yTrue', yTrue);
  checkNonEmpty(fn, 'yTrue', t);
  const s = checkNumbers(fn, 'yScore', yScore);
  checkSameLength(fn, 'yScore', s, 'yTrue', t);
  const classes = uniqueLabels(t);
  if (classes.length > 2) {
    throw new ValueError(
      `${fn}: 'yTrue' must hold at most 2 classes for a binary curve, got ${classes.length}.`,
    );
  }
  return { t, s };
}

/** False and true positives at each distinct threshold, scores descending (scikit-learn's `_binary_clf_curve`). */
function binaryClfCurve(isPos: boolean[], s: ArrayLike<number>) {
  const n = isPos.length;
  const order = Array.from({ length: n }, (_, i) => i);
  // Stable ascending sort, then reversed, as NumPy's mergesort followed by [::-1].
  order.sort((a, b) => s[a]! - s[b]! || a - b).reverse();
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (isPos[i]) tp++;
    if (k === n - 1 || s[order[k + 1]!] !== s[i]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thresholds.push(s[i]!);
    }
  }
  return { fps, tps, thresholds };
}

/**
 * Receiver operating characteristic: `TPR = TP/P` against `FPR = FP/N` at every distinct score,
 * with collinear points dropped, as scikit-learn's `roc_curve` (1.2).
 */
export function rocCurve(
  yTrue: readonly Label[],
  yScore: ArrayLike<number>,
  options: { posLabel?: Label; dropIntermediate?: boolean } = {},
): RocCurve {
  const fn = 'rocCurve';
  const { t, s } = checkBinary(fn, yTrue, yScore);
  const pos = resolvePosLabel(fn, t, options.posLabel);
  return roc(
    fn,
    t.map((v) => v === pos),
    s,
    options.dropIntermediate ?? true,
  );
}

function roc(fn: string, isPos: boolean[], s: ArrayLike<number>, dropIntermediate: boolean): RocCurve {
  let { fps, tps, thresholds } = binaryClfCurve(isPos, s);
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      const d2f = fps[i + 1]! - 2 * fps[i]! + fps[i - 1]!;
      const d2t = tps[i + 1]! - 2 * tps[i]! + tps[i - 1]!;
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = keep.map((i) => fps[i]!);
    tps = keep.map((i) => tps[i]!);
    thresholds = keep.map((i) => thresholds[i]!);
  }
  const P = tps[tps.length - 1]!;
  const N = fps[fps.length - 1]!;
  if (N <= 0) throw new ValueError(`${fn}: 'yTrue' must contain a negative sample, got only positives.`);
  if (P <= 0) throw new ValueError(`${fn}: 'yTrue' must contain a positive sample, got only negatives.`);
  return {
    fpr: [0, ...fps.map((v) => v / N)],
    tpr: [0, ...tps.map((v) => v / P)],
    thresholds: [thresholds[0]! + 1, ...thresholds],
  };
}

/** Trapezoidal area under a monotone curve (NumPy's `trapz`, with scikit-learn's direction check). */
function auc(x: number[], y: number[]): number {
  let area = 0;
  for (let i = 0; i < x.length - 1; i++) area += ((x[i + 1]! - x[i]!) * (y[i + 1]! + y[i]!)) / 2;
  return area;
}

/**
 * Area under the ROC curve `∫ TPR d(FPR)` for binary scores, or one-vs-rest averaged (`'macro'`,
 * `'weighted'`) for a [n, C] probability matrix, as scikit-learn's `roc_auc_score`.
 */
export function rocAucScore(
  yTrue: readonly Label[],
  yScore: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>,
  options: { average?: 'macro' | 'weighted'; labels?: readonly Label[] } = {},
): number {
  const fn = 'rocAucScore';
  const t = checkLabels(fn, 'yTrue', yTrue);
  checkNonEmpty(fn, 'yTrue', t);
  const average = checkOption(fn, 'average', options.average ?? 'macro', ['macro', 'weighted'] as const);
  const first = (yScore as ArrayLike<unknown>)[0];
  if (typeof first !== 'object' || first === null) {
    const { t: tt, s } = checkBinary(fn, t, yScore);
    const classes = uniqueLabels(tt);
    if (classes.length !== 2) {
      throw new ValueError(`${fn}: 'yTrue' must contain 2 classes for a binary AUC, got ${classes.length}.`);
    }
    const pos = classes[1]!;
    const { fpr, tpr } = roc(
      fn,
      tt.map((v) => v === pos),
      s,
      true,
    );
    return auc(fpr, tpr);
  }
  // One-vs-rest over a probability matrix whose columns follow the sorted labels.
  const rows = yScore as ReadonlyArray<ArrayLike<number>>;
  const width = checkMatrix(fn, 'yScore', rows);
  checkSameLength(fn, 'yScore', rows, 'yTrue', t);
  const classes = options.labels ? [...options.labels] : uniqueLabels(t);
  if (classes.length !== width) {
    throw new ShapeError(
      `${fn}: 'yScore' rows must have length ${classes.length} to match the classes, got ${width}.`,
    );
  }
  for (let i = 0; i < rows.length; i++) {
    let sum = 0;
    for (let j = 0; j < width; j++) sum += rows[i]![j]!;
    if (Math.abs(sum - 1) > 1e-8 + 1e-5) {
      throw new ValueError(`${fn}: 'yScore[${i}]' must sum to 1 for one-vs-rest AUC, got ${sum}.`);
    }
  }
  let total = 0;
  let weightSum = 0;
  classes.forEach((c, j) => {
    const isPos = t.map((v) => v === c);
    const nPos = isPos.filter(Boolean).length;
    if (nPos === 0 || nPos === t.length) {
      throw new ValueError(`${fn}: class ${describe(c)} must have positive and negative samples in 'yTrue'.`);
    }
    const { fpr, tpr } = roc(
      fn,
      isPos,
      rows.map((r) => r[j]!),
      true,
    );
    const w = average === 'weighted' ? nPos : 1;
    total += w * auc(fpr, tpr);
    weightSum += w;
  });
  return total / weightSum;
}

/**
 * Average precision `AP = Σ_n (R_n − R_{n−1}) P_n` over the precision-recall curve (no interpolation),
 * as scikit-learn's `average_precision_score` for binary labels.
 */
export function averagePrecision(
  yTrue: readonly Label[],
  yScore: ArrayLike<number>,
  options: { posLabel?: Label } = {},
): number {
  const fn = 'averagePrecision';
  const { t, s } = checkBinary(fn, yTrue, yScore);
  const posLabel = options.posLabel ?? 1;
  const classes = uniqueLabels(t);
  if (classes.length === 2 && !classes.includes(posLabel)) {
    throw new ValueError(
      `${fn}: 'posLabel' must be one of ${classes.map(describe).join(', ')}, got ${describe(posLabel)}.`,
    );
  }
  const { fps, tps } = binaryClfCurve(
    t.map((v) => v === posLabel),
    s,
  );
  const P = tps[tps.length - 1]!;
  if (P === 0)
    throw new ValueError(`${fn}: 'yTrue' must contain a positive sample (${describe(posLabel)}), got none.`);
  // Precision and recall from the lowest threshold up, then the (P=1, R=0) end point.
  const precision = tps.map((tp, i) => tp / (tp + fps[i]!)).reverse();
  const recall = tps.map((tp) => tp / P).reverse();
  precision.push(1);
  recall.push(0);
  let ap = 0;
  for (let i = 0; i < recall.length - 1; i++) ap += (recall[i + 1]! - recall[i]!) * precision[i]!;
  return -ap;
}
