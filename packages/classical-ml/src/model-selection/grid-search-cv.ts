import { NotFittedError, ValueError } from '../errors';
import type { Label } from '../internal/labels';
import { type MatrixLike, toMatrix } from '../internal/matrix';
import { takeRows } from '../internal/rows';
import { type CrossValEstimator, type CV, crossValidate, type Scorer } from './cross-validate';

type ParamValues = Record<string, readonly unknown[]>;

export interface GridSearchCVOptions<E> {
  /** Folds or splitter (default 5; stratified for classifiers, like sklearn). */
  cv?: CV;
  /** Scorer (default: the estimator's own `score`). */
  scoring?: Scorer<E>;
  /** Refit the best parameters on all the data (default true), giving `bestEstimator`, `predict`, `score`. */
  refit?: boolean;
  /** Force (or prevent) stratified folds for an integer `cv`. */
  stratify?: boolean;
  /** Also score the training folds (default false). */
  returnTrainScore?: boolean;
}

export interface GridSearchResults<P> {
  params: P[];
  meanTestScore: number[];
  stdTestScore: number[];
  /** 1 = best; equal means share the lowest rank (scipy's rankdata 'min'). */
  rankTestScore: number[];
  /** splitTestScores[c][f]: the score of candidate c on fold f. */
  splitTestScores: number[][];
  meanTrainScore?: number[];
  meanFitTime: number[];
  meanScoreTime: number[];
}

/**
 * The candidates of a parameter grid in sklearn's ParameterGrid order: each grid's keys sorted, the
 * last key varying fastest; a list of grids is walked in order.
 */
export function parameterGrid(grid: ParamValues | readonly ParamValues[]): Record<string, unknown>[] {
  const grids = Array.isArray(grid) ? (grid as ParamValues[]) : [grid as ParamValues];
  const out: Record<string, unknown>[] = [];
  for (const g of grids) {
    const keys = Object.keys(g).sort();
    for (const k of keys)
      if (!Array.isArray(g[k]) || g[k].length === 0)
        throw new ValueError(`GridSearchCV: 'paramGrid.${k}' must be a non-empty array of values.`);
    let combos: Record<string, unknown>[] = [{}];
    for (const k of keys) combos = combos.flatMap((c) => g[k].map((v) => ({ ...c, [k]: v })));
    out.push(...combos);
  }
  return out;
}

type Factory<P, E> = (params: P) => E;
interface Cloneable {
  getParams(): object;
}

/**
 * Exhaustive search over a parameter grid with cross-validation, like sklearn's GridSearchCV.
 * `estimator` is either a factory `(params) => new Estimator(params)` or an estimator whose
 * constructor is called with `{ ...estimator.getParams(), ...candidate }`.
 *
 * @example
 * const gs = new GridSearchCV((p) => new KNeighborsClassifier(p), { nNeighbors: [1, 5, 9] }).fit(X, y);
 * gs.bestParams; // { nNeighbors: 5 }
 */
export class GridSearchCV<
  P extends object = Record<string, unknown>,
  E extends CrossValEstimator = CrossValEstimator,
> {
  private results: GridSearchResults<P> | null = null;
  private best: { index: number; estimator: E | null } | null = null;
  private readonly make: Factory<P, E>;

  constructor(
    estimator: Factory<P, E> | (E & Cloneable),
    readonly paramGrid:
      | { [K in keyof P]?: readonly P[K][] }
      | readonly { [K in keyof P]?: readonly P[K][] }[],
    readonly options: GridSearchCVOptions<E> = {},
  ) {
    if (typeof estimator === 'function') this.make = estimator;
    else if (estimator && typeof (estimator as Cloneable).getParams === 'function') {
      const Ctor = estimator.constructor as new (p: object) => E;
      const base = (estimator as Cloneable).getParams();
      this.make = (p) => new Ctor({ ...base, ...p });
    } else
      throw new ValueError(
        "GridSearchCV: 'estimator' must be a factory (params) => estimator or an estimator with getParams().",
      );
    parameterGrid(paramGrid as ParamValues);
  }

  fit(X: MatrixLike, y: readonly Label[] | readonly number[]): this {
    const candidates = parameterGrid(this.paramGrid as ParamValues) as P[];
    const { cv, scoring, stratify, returnTrainScore } = this.options;
    const r: GridSearchResults<P> = {
      params: candidates,
      meanTestScore: [],
      stdTestScore: [],
      rankTestScore: [],
      splitTestScores: [],
      meanFitTime: [],
      meanScoreTime: [],
    };
    if (returnTrainScore) r.meanTrainScore = [];
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    for (const params of candidates) {
      const res = crossValidate(() => this.make(params), X, y, { cv, scoring, stratify, returnTrainScore });
      const mu = mean(res.testScore);
      r.splitTestScores.push(res.testScore);
      r.meanTestScore.push(mu);
      r.stdTestScore.push(Math.sqrt(mean(res.testScore.map((s) => (s - mu) ** 2))));
      r.meanFitTime.push(mean(res.fitTime));
      r.meanScoreTime.push(mean(res.scoreTime));
      if (r.meanTrainScore && res.trainScore) r.meanTrainScore.push(mean(res.trainScore));
    }
    r.rankTestScore = r.meanTestScore.map((s) => 1 + r.meanTestScore.filter((t) => t > s).length);
    const index = r.rankTestScore.indexOf(1);
    let estimator: E | null = null;
    if (this.options.refit ?? true) {
      const m = toMatrix('GridSearchCV.fit', X, { allowNaN: true });
      estimator = this.make(candidates[index]);
      estimator.fit(
        takeRows(
          m,
          Array.from({ length: m.rows }, (_, i) => i),
        ),
        y,
      );
    }
    this.results = r;
    this.best = { index, estimator };
    return this;
  }

  private fitted(what: string): { results: GridSearchResults<P>; index: number; estimator: E | null } {
    if (!this.results || !this.best) throw new NotFittedError(`GridSearchCV: call fit() before ${what}.`);
    return { results: this.results, ...this.best };
  }

  /** Per-candidate results, sklearn's `cv_results_` in camelCase. */
  get cvResults(): GridSearchResults<P> {
    return structuredClone(this.fitted('reading cvResults').results);
  }
  get bestIndex(): number {
    return this.fitted('reading bestIndex').index;
  }
  get bestParams(): P {
    const f = this.fitted('reading bestParams');
    return structuredClone(f.results.params[f.index]);
  }
  /** Mean cross-validated score of the best candidate. */
  get bestScore(): number {
    const f = this.fitted('reading bestScore');
    return f.results.meanTestScore[f.index];
  }
  /** The best candidate refitted on all the data (needs refit: true). */
  get bestEstimator(): E {
    const f = this.fitted('reading bestEstimator');
    if (!f.estimator) throw new ValueError('GridSearchCV: bestEstimator needs refit: true.');
    return f.estimator;
  }

  predict(X: MatrixLike): readonly (Label | number)[] {
    const est = this.bestEstimator as unknown as { predict?(X: MatrixLike): readonly (Label | number)[] };
    if (!est.predict) throw new ValueError('GridSearchCV: the best estimator has no predict().');
    return est.predict(X);
  }

  score(X: MatrixLike, y: readonly Label[] | readonly number[]): number {
    const f = this.fitted('score()');
    if (!f.estimator) throw new ValueError('GridSearchCV: score() needs refit: true.');
    const m = toMatrix('GridSearchCV.score', X, { allowNaN: true });
    const rows = takeRows(
      m,
      Array.from({ length: m.rows }, (_, i) => i),
    );
    return this.options.scoring ? this.options.scoring(f.estimator, rows, y) : f.estimator.score(rows, y);
  }
}
