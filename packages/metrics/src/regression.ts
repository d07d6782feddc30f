import { ValueError } from './errors';
import { checkNonEmpty, checkNumbers, checkSameLength } from './internal/validate';

function checkRegression(fn: string, yTrue: unknown, yPred: unknown) {
  const t = checkNumbers(fn, 'yTrue', yTrue);
  const p = checkNumbers(fn, 'yPred', yPred);
  checkSameLength(fn, 'yPred', p, 'yTrue', t);
  checkNonEmpty(fn, 'yTrue', t);
  return { t, p, n: t.length };
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

/** Mean squared error `(1/n) Σ (y_i − ŷ_i)²`, as scikit-learn's `mean_squared_error`. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { t, p, n } = checkRegression('meanSquaredError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < n; i++) s += (t[i]! - p[i]!) ** 2;
  return s / n;
}

/** Root mean squared error `√((1/n) Σ (y_i − ŷ_i)²)`, as scikit-learn's `mean_squared_error(squared=False)`. */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { t, p, n } = checkRegression('rootMeanSquaredError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < n; i++) s += (t[i]! - p[i]!) ** 2;
  return Math.sqrt(s / n);
}

/** Mean absolute error `(1/n) Σ |y_i − ŷ_i|`, as scikit-learn's `mean_absolute_error`. */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { t, p, n } = checkRegression('meanAbsoluteError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(t[i]! - p[i]!);
  return s / n;
}

/** Scores a ratio the way scikit-learn's `force_finite=True` does: 1 for a perfect fit of a constant, else 0. */
function finiteScore(num: number, den: number): number {
  if (den !== 0 && num !== 0) return 1 - num / den;
  if (num === 0) return 1;
  return 0;
}

/**
 * Coefficient of determination `R² = 1 − Σ(y_i − ŷ_i)² / Σ(y_i − ȳ)²` (constant `y`: 1 if perfect else 0),
 * as scikit-learn's `r2_score`.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const fn = 'r2Score';
  const { t, p, n } = checkRegression(fn, yTrue, yPred);
  if (n < 2)
    throw new ValueError(`${fn}: 'yTrue' must have at least 2 samples for R² to be defined, got ${n}.`);
  const m = mean(t);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (t[i]! - p[i]!) ** 2;
    den += (t[i]! - m) ** 2;
  }
  return finiteScore(num, den);
}

/**
 * Explained variance `1 − Var(y − ŷ) / Var(y)` (constant `y`: 1 if perfect else 0), as scikit-learn's
 * `explained_variance_score`.
 */
export function explainedVariance(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { t, p, n } = checkRegression('explainedVariance', yTrue, yPred);
  const diff = Array.from({ length: n }, (_, i) => t[i]! - p[i]!);
  const dm = mean(diff);
  const tm = mean(t);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (diff[i]! - dm) ** 2;
    den += (t[i]! - tm) ** 2;
  }
  return finiteScore(num / n, den / n);
}
