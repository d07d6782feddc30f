import type { EstimatorJSON } from '../base';
import { AdaBoostClassifier } from '../ensemble/ada-boost-classifier';
import { BaggingClassifier } from '../ensemble/bagging-classifier';
import { ExtraTreesClassifier } from '../ensemble/extra-trees-classifier';
import { ExtraTreesRegressor } from '../ensemble/extra-trees-regressor';
import { GradientBoostingClassifier } from '../ensemble/gradient-boosting-classifier';
import { GradientBoostingRegressor } from '../ensemble/gradient-boosting-regressor';
import { HistGradientBoostingClassifier } from '../ensemble/hist-gradient-boosting-classifier';
import { HistGradientBoostingRegressor } from '../ensemble/hist-gradient-boosting-regressor';
import { RandomForestClassifier } from '../ensemble/random-forest-classifier';
import { RandomForestRegressor } from '../ensemble/random-forest-regressor';
import { StackingClassifier } from '../ensemble/stacking-classifier';
import { VotingClassifier } from '../ensemble/voting-classifier';
import { ValueError } from '../errors';
import { Lasso } from '../linear/lasso';
import { LinearRegression } from '../linear/linear-regression';
import { LogisticRegression } from '../linear/logistic-regression';
import { Ridge } from '../linear/ridge';
import { SGDClassifier } from '../linear/sgd-classifier';
import { BernoulliNB } from '../naive-bayes/bernoulli-nb';
import { GaussianNB } from '../naive-bayes/gaussian-nb';
import { MultinomialNB } from '../naive-bayes/multinomial-nb';
import { KNeighborsClassifier } from '../neighbors/k-neighbors-classifier';
import { KNeighborsRegressor } from '../neighbors/k-neighbors-regressor';
import { LinearSVC } from '../svm/linear-svc';
import { SVC } from '../svm/svc';
import { SVR } from '../svm/svr';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier';
import { DecisionTreeRegressor } from '../tree/decision-tree-regressor';
import type { Label } from './labels';
import type { MatrixLike } from './matrix';

/** What a member of a meta-estimator (voting, stacking, bagging, boosting) must offer. */
export interface MemberEstimator {
  fit(X: MatrixLike, y?: readonly Label[] | readonly number[], sampleWeight?: readonly number[]): unknown;
  predict(X: MatrixLike): readonly (Label | number)[];
  predictProba?(X: MatrixLike): number[][];
  getParams(): object;
  toJSON(): unknown;
}

/** A sub-estimator given as an unfitted template instance or as a factory returning a fresh one. */
export type EstimatorSpec<E extends MemberEstimator = MemberEstimator> = E | (() => E);

type Restorable = { name: string; fromJSON(json: unknown): unknown };

const extra = new Map<string, Restorable>();

/**
 * Makes a class restorable inside ensembles' `fromJSON`. Every estimator of this package is known
 * already; register your own estimator classes before restoring ensembles that use them.
 */
export function registerEstimator(cls: Restorable): void {
  extra.set(cls.name, cls);
}

// The family's classes, read when restoring (never at import time: some of them import this module).
function lookup(type: string): Restorable {
  const known: Record<string, unknown> = {
    DecisionTreeClassifier,
    DecisionTreeRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    AdaBoostClassifier,
    BaggingClassifier,
    VotingClassifier,
    StackingClassifier,
    LogisticRegression,
    LinearRegression,
    Ridge,
    Lasso,
    SGDClassifier,
    LinearSVC,
    SVC,
    SVR,
    GaussianNB,
    MultinomialNB,
    BernoulliNB,
    KNeighborsClassifier,
    KNeighborsRegressor,
  };
  const cls = extra.get(type) ?? known[type];
  if (!cls)
    throw new ValueError(
      `fromJSON: unknown estimator type '${type}' in an ensemble; call registerEstimator(${type}) first.`,
    );
  return cls as Restorable;
}

/** A fresh unfitted estimator from a spec. */
export function instantiate<E extends MemberEstimator>(op: string, spec: EstimatorSpec<E>): E {
  if (typeof spec === 'function') {
    const e = spec();
    if (!e || typeof (e as MemberEstimator).fit !== 'function')
      throw new ValueError(`${op}: an estimator factory must return an estimator, got ${typeof e}.`);
    return e;
  }
  if (!spec || typeof spec.fit !== 'function' || typeof spec.getParams !== 'function')
    throw new ValueError(`${op}: expected an estimator instance or a factory, got ${typeof spec}.`);
  const Ctor = spec.constructor as new (p: object) => E;
  return new Ctor(spec.getParams());
}

/** The JSON template of a spec: its class name and parameters. */
export function specToJSON(spec: EstimatorSpec): { type: string; params: object } {
  const e = instantiate('toJSON', spec);
  const j = e.toJSON() as EstimatorJSON;
  return { type: j.type, params: j.params as object };
}

/** An unfitted template instance from `specToJSON` output. */
export function specFromJSON(json: { type: string; params: object }): MemberEstimator {
  return lookup(json.type).fromJSON({
    type: json.type,
    version: 1,
    params: json.params,
    state: null,
  }) as MemberEstimator;
}

/** A fitted member from its `toJSON()`. */
export function memberFromJSON(json: EstimatorJSON): MemberEstimator {
  return lookup(json.type).fromJSON(json) as MemberEstimator;
}

/** A member's `toJSON()` as plain data. */
export function memberToJSON(e: MemberEstimator): EstimatorJSON {
  return JSON.parse(JSON.stringify(e.toJSON())) as EstimatorJSON;
}

/** Rows of a flat row-major buffer as number[][] (members take plain arrays). */
export function toRowsOf(data: Float64Array, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
  return out;
}
