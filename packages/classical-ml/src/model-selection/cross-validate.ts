import { ValueError } from '../errors';
import type { Label } from '../internal/labels';
import { type MatrixLike, toMatrix } from '../internal/matrix';
import { takeLabels, takeRows } from '../internal/rows';
import { KFold, type Split, StratifiedKFold } from './k-fold';

/** What cross-validation needs from an estimator: `fit` and `score` (any estimator of this package). */
export interface CrossValEstimator {
  fit(X: number[][], y: readonly Label[] | readonly number[]): unknown;
  score(X: number[][], y: readonly Label[] | readonly number[]): number;
}

/** A scorer: higher is better, like sklearn's `scoring` callables `(estimator, X, y) => float`. */
export type Scorer<E = CrossValEstimator> = (
  estimator: E,
  X: number[][],
  y: readonly Label[] | readonly number[],
) => number;

/** The splitter: a fold count, a KFold / StratifiedKFold, or explicit splits. */
export type CV = number | KFold | StratifiedKFold | readonly Split[];

export interface CrossValidateOptions<E = CrossValEstimator> {
  /** Folds (default 5): an integer gives StratifiedKFold for classifiers and KFold otherwise, like sklearn. */
  cv?: CV;
  /** Scorer (default: the estimator's own `score`, accuracy for classifiers and R² for regressors). */
  scoring?: Scorer<E>;
  /** Also score each fold's training part (default false). */
  returnTrainScore?: boolean;
  /**
   * With an integer `cv`: stratify the folds on `y`. Default: true when the estimator looks like a
   * classifier (it has `predictProba` or `decisionFunction`, or a name ending in Classifier / NB / SVC)
   * and `y` holds strings or integers.
   */
  stratify?: boolean;
}

export interface CrossValidateResult {
  testScore: number[];
  trainScore?: number[];
  /** Seconds spent in `fit`, per fold. */
  fitTime: number[];
  /** Seconds spent scoring the test fold, per fold. */
  scoreTime: number[];
}

const now = (): number =>
  typeof performance !== 'undefined' && performance.now ? performance.now() : Date.now();

function looksLikeClassifier(est: object): boolean {
  const e = est as Record<string, unknown>;
  if (typeof e.predictProba === 'function' || typeof e.decisionFunction === 'function') {
    // Regressors may also expose extra methods; a class name settles most cases.
    const name = est.constructor?.name ?? '';
    if (/Regressor$|Regression$|^SVR$|^LinearSVR$/.test(name)) return false;
    return true;
  }
  return /Classifier$|NB$|SVC$/.test(est.constructor?.name ?? '');
}

const isClassTarget = (y: readonly (Label | number)[]): boolean =>
  y.every((v) => typeof v === 'string') || y.every((v) => Number.isInteger(v));

/** Resolves `cv` into explicit splits, as sklearn's check_cv does. */
export function resolveSplits(
  op: string,
  cv: CV,
  nSamples: number,
  y: readonly Label[] | readonly number[] | undefined,
  classifier: boolean,
): Split[] {
  if (typeof cv === 'number') {
    if (!Number.isInteger(cv) || cv < 2)
      throw new ValueError(`${op}: 'cv' must be an integer >= 2 or a splitter, got ${JSON.stringify(cv)}.`);
    if (cv > nSamples)
      throw new ValueError(`${op}: 'cv' (${cv}) must not exceed the number of samples (${nSamples}).`);
    if (classifier && y) return new StratifiedKFold({ nSplits: cv }).split(null, y as Label[]);
    return new KFold({ nSplits: cv }).split(nSamples);
  }
  if (cv instanceof StratifiedKFold) {
    if (!y) throw new ValueError(`${op}: StratifiedKFold needs labels 'y'.`);
    return cv.split(null, y as Label[]);
  }
  if (cv instanceof KFold) return cv.split(nSamples);
  if (Array.isArray(cv)) return cv as Split[];
  throw new ValueError(`${op}: 'cv' must be an integer, a KFold, a StratifiedKFold or an array of splits.`);
}

/**
 * Evaluates a model by cross-validation like sklearn's `cross_validate`: for each split a fresh
 * estimator from `makeEstimator()` is fitted on the training part and scored on the test part
 * (and optionally on the training part), timing both.
 *
 * @example
 * const { testScore } = crossValidate(() => new GaussianNB(), X, y, { cv: 5 });
 */
export function crossValidate<E extends CrossValEstimator>(
  makeEstimator: () => E,
  X: MatrixLike,
  y: readonly Label[] | readonly number[],
  options: CrossValidateOptions<E> = {},
): CrossValidateResult {
  const op = 'crossValidate';
  if (typeof makeEstimator !== 'function')
    throw new ValueError(`${op}: 'makeEstimator' must be a function returning a fresh estimator.`);
  const m = toMatrix(op, X, { allowNaN: true });
  if (!Array.isArray(y) || y.length !== m.rows)
    throw new ValueError(
      `${op}: 'y' has ${Array.isArray(y) ? y.length : 'no'} values but 'X' has ${m.rows} samples.`,
    );
  const probe = makeEstimator();
  const stratify = options.stratify ?? (looksLikeClassifier(probe) && isClassTarget(y));
  const splits = resolveSplits(op, options.cv ?? 5, m.rows, y, stratify);
  const scoring: Scorer<E> = options.scoring ?? ((est, Xs, ys) => est.score(Xs, ys));
  const result: CrossValidateResult = { testScore: [], fitTime: [], scoreTime: [] };
  if (options.returnTrainScore) result.trainScore = [];
  splits.forEach((split, f) => {
    const est = f === 0 ? probe : makeEstimator();
    const Xtr = takeRows(m, split.train);
    const ytr = takeLabels(y as Label[], split.train);
    const Xte = takeRows(m, split.test);
    const yte = takeLabels(y as Label[], split.test);
    const t0 = now();
    est.fit(Xtr, ytr);
    const t1 = now();
    result.testScore.push(scoring(est, Xte, yte));
    const t2 = now();
    result.fitTime.push((t1 - t0) / 1000);
    result.scoreTime.push((t2 - t1) / 1000);
    if (result.trainScore) result.trainScore.push(scoring(est, Xtr, ytr));
  });
  return result;
}

/** The test score of each fold, like sklearn's `cross_val_score`. */
export function crossValScore<E extends CrossValEstimator>(
  makeEstimator: () => E,
  X: MatrixLike,
  y: readonly Label[] | readonly number[],
  options: Omit<CrossValidateOptions<E>, 'returnTrainScore'> = {},
): number[] {
  return crossValidate(makeEstimator, X, y, options).testScore;
}
