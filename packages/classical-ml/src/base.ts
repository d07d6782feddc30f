import { accuracy, r2Score } from '@llm/metrics';
import { NotFittedError, ValueError } from './errors';
import type { Label } from './internal/labels';
import type { MatrixLike } from './internal/matrix';

/** The serialised form of an estimator: its class, its parameters and its learned state (plain JSON data). */
export interface EstimatorJSON<P = unknown, S = unknown> {
  type: string;
  version: 1;
  params: P;
  state: S | null;
}

/**
 * Base of every estimator, in scikit-learn's mould: the constructor only stores parameters (defaults
 * filled in), `fit` validates them and the data, learns, and returns `this`; learned state lives
 * apart from parameters and is reached through getters that throw `NotFittedError` before `fit`.
 * `toJSON()` / `Class.fromJSON()` round-trip exactly (state holds plain numbers, strings and arrays).
 */
export abstract class Estimator<P extends object, S extends object> {
  protected params: P;
  protected state: S | null = null;

  constructor(defaults: P, params: Partial<P> = {}) {
    if (params === null || typeof params !== 'object') {
      throw new ValueError(
        `${new.target.name}: parameters must be an object, got ${params === null ? 'null' : typeof params}.`,
      );
    }
    const unknown = Object.keys(params).filter((k) => !(k in defaults));
    if (unknown.length) {
      throw new ValueError(
        `${new.target.name}: unknown parameter(s) ${unknown.map((k) => `'${k}'`).join(', ')}; valid: ${Object.keys(defaults).join(', ')}.`,
      );
    }
    this.params = { ...defaults, ...params };
  }

  /** The estimator's parameters (a copy). */
  getParams(): P {
    return structuredClone(this.params);
  }

  /** Changes parameters; takes effect at the next `fit`. */
  setParams(params: Partial<P>): this {
    const unknown = Object.keys(params).filter((k) => !(k in this.params));
    if (unknown.length)
      throw new ValueError(`${this.constructor.name}: unknown parameter(s) ${unknown.join(', ')}.`);
    this.params = { ...this.params, ...params };
    return this;
  }

  /** True once `fit` has run. */
  get isFitted(): boolean {
    return this.state !== null;
  }

  /** The learned state, or a NotFittedError naming the estimator and what was asked for. */
  protected fitted(what: string): S {
    if (!this.state) {
      throw new NotFittedError(`${this.constructor.name}: call fit() before ${what}.`);
    }
    return this.state;
  }

  toJSON(): EstimatorJSON<P, S> {
    return {
      type: this.constructor.name,
      version: 1,
      params: structuredClone(this.params),
      state: this.state ? structuredClone(this.state) : null,
    };
  }

  /** Rebuilds an estimator saved with `toJSON()` (an object or a JSON string), checking its type and version. */
  static fromJSON<T extends Estimator<object, object>>(this: new (params?: never) => T, json: unknown): T {
    const obj = typeof json === 'string' ? JSON.parse(json) : json;
    if (!obj || typeof obj !== 'object')
      throw new ValueError(`${this.name}.fromJSON: expected an object from toJSON().`);
    const { type, version, params, state } = obj as EstimatorJSON;
    if (type !== this.name)
      throw new ValueError(
        `${this.name}.fromJSON: the JSON holds a '${String(type)}', not a '${this.name}'.`,
      );
    if (version !== 1)
      throw new ValueError(`${this.name}.fromJSON: unsupported version ${String(version)} (expected 1).`);
    const est = new this(params as never);
    est.state = state === null || state === undefined ? null : (structuredClone(state) as object);
    return est;
  }

  abstract fit(X: MatrixLike, y?: readonly Label[] | readonly number[]): this;
}

/** Mean accuracy of `predict(X)` against `y`, like sklearn's ClassifierMixin.score. */
export function classifierScore(predicted: readonly Label[], y: readonly Label[]): number {
  return accuracy(y as (number | string)[], predicted as (number | string)[]);
}

/** R² of `predict(X)` against `y`, like sklearn's RegressorMixin.score. */
export function regressorScore(predicted: readonly number[], y: readonly number[]): number {
  return r2Score(y as number[], predicted as number[]);
}
