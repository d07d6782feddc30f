import { NotFittedError } from '../errors';
import type { Label } from '../internal/labels';
import type { MatrixLike } from '../internal/matrix';

/** What `checkEstimator` needs to know about an estimator. */
export interface EstimatorUnderTest {
  fit(X: MatrixLike, y?: readonly Label[] | readonly number[]): unknown;
  getParams(): object;
  toJSON(): unknown;
  predict?(X: MatrixLike): readonly (Label | number)[];
  predictProba?(X: MatrixLike): number[][];
  transform?(X: MatrixLike): number[][];
}

export interface CheckEstimatorOptions {
  /** 'classifier' and 'regressor' need `y`; 'clusterer' predicts cluster ids; 'transformer' has `transform`. */
  kind: 'classifier' | 'regressor' | 'clusterer' | 'transformer';
  X: number[][];
  y?: readonly Label[] | readonly number[];
  /** The estimator accepts NaN in X (skip the NaN rejection check). */
  allowsNaN?: boolean;
  /** The estimator is randomised and takes `randomState` (checked for determinism by default anyway). */
  randomized?: boolean;
  /** Restore from JSON with the class's static fromJSON. */
  fromJSON: (json: unknown) => EstimatorUnderTest;
}

function expectThrow(
  label: string,
  fn: () => unknown,
  pattern: RegExp,
  failures: string[],
  ErrorClass?: new (...a: never[]) => Error,
): void {
  try {
    fn();
    failures.push(`${label}: expected an error matching ${pattern}, nothing was thrown`);
  } catch (e) {
    const msg = (e as Error).message;
    if (!pattern.test(msg)) failures.push(`${label}: error "${msg}" does not match ${pattern}`);
    if (ErrorClass && !(e instanceof ErrorClass))
      failures.push(`${label}: expected ${ErrorClass.name}, got ${(e as Error).name}`);
  }
}

function output(est: EstimatorUnderTest, kind: CheckEstimatorOptions['kind'], X: MatrixLike): unknown {
  return kind === 'transformer' ? est.transform?.(X) : est.predict?.(X);
}

/**
 * The conformance suite every estimator passes (sklearn's `check_estimator` in spirit): parameters
 * are stored untouched, learned state is guarded before `fit`, `fit` returns `this`, outputs have one
 * row per sample, bad input (ragged rows, NaN, X/y length mismatch, wrong feature count) gives errors
 * naming the problem, both matrix forms agree, fits are deterministic, `getParams` rebuilds an equal
 * estimator and `toJSON`/`fromJSON` round-trips to identical predictions. Returns the failures (empty
 * when conformant).
 */
export function checkEstimator(make: () => EstimatorUnderTest, o: CheckEstimatorOptions): string[] {
  const failures: string[] = [];
  const { X, y, kind } = o;
  const fresh = make();
  const name = fresh.constructor.name;
  const paramsBefore = JSON.stringify(fresh.getParams());
  expectThrow(
    'predict before fit',
    () => output(fresh, kind, X),
    new RegExp(`${name}: call fit\\(\\) before`),
    failures,
    NotFittedError,
  );

  const est = make();
  const returned = est.fit(X, y);
  if (returned !== est) failures.push('fit must return this');
  if (JSON.stringify(est.getParams()) !== paramsBefore) failures.push('fit must not change the parameters');
  const out = output(est, kind, X) as unknown[];
  if (!Array.isArray(out) || out.length !== X.length)
    failures.push(`output must have ${X.length} rows, got ${Array.isArray(out) ? out.length : typeof out}`);
  if (kind === 'classifier' && y && Array.isArray(out)) {
    const labels = new Set(y as Label[]);
    if (!out.every((p) => labels.has(p as Label))) failures.push('predictions must be training labels');
  }
  if (est.predictProba) {
    const proba = est.predictProba(X);
    if (
      !proba.every(
        (row) => Math.abs(row.reduce((s, v) => s + v, 0) - 1) < 1e-9 && row.every((v) => v >= 0 && v <= 1),
      )
    ) {
      failures.push('predictProba rows must be probabilities summing to 1');
    }
  }

  // Bad input.
  const wide = X.map((r) => [...r, 0]);
  expectThrow(
    'feature count',
    () => output(est, kind, wide),
    new RegExp(`has ${X[0].length + 1} features, but .* fitted with ${X[0].length}`),
    failures,
  );
  const ragged = X.map((r, i) => (i === 1 ? r.slice(1) : r));
  expectThrow('ragged X', () => make().fit(ragged, y), /ragged: row 1 has/, failures);
  if (!o.allowsNaN) {
    const nan = X.map((r, i) => (i === 0 ? [Number.NaN, ...r.slice(1)] : r));
    expectThrow('NaN in X', () => make().fit(nan, y), /NaN at row 0, column 0/, failures);
  }
  if (y)
    expectThrow(
      'X/y length',
      () => make().fit(X, (y as unknown[]).slice(1) as number[]),
      new RegExp(`${X.length - 1}.*${X.length} samples`),
      failures,
    );

  // Both input forms agree.
  const flat = { data: Float64Array.from(X.flat()), shape: [X.length, X[0].length] as const };
  const viaFlat = make().fit(flat, y) as EstimatorUnderTest;
  if (JSON.stringify(output(viaFlat, kind, flat)) !== JSON.stringify(out))
    failures.push('{ data, shape } input must give the same result as number[][]');

  // Determinism, parameter round trip, serialisation.
  const again = make();
  again.fit(X, y);
  if (JSON.stringify(output(again, kind, X)) !== JSON.stringify(out))
    failures.push('two fits with the same parameters must agree (randomState)');
  const Ctor = est.constructor as new (p: object) => EstimatorUnderTest;
  const rebuilt = new Ctor(est.getParams());
  rebuilt.fit(X, y);
  if (JSON.stringify(output(rebuilt, kind, X)) !== JSON.stringify(out))
    failures.push('new Class(est.getParams()) must fit the same model');
  const restored = o.fromJSON(JSON.parse(JSON.stringify(est.toJSON())));
  if (JSON.stringify(output(restored, kind, X)) !== JSON.stringify(out))
    failures.push('fromJSON(toJSON()) must predict identically');
  if (JSON.stringify(restored.toJSON()) !== JSON.stringify(est.toJSON()))
    failures.push('toJSON must round-trip exactly');

  // String labels for classifiers.
  if (kind === 'classifier' && y) {
    const named = (y as Label[]).map((v) => `class-${v}`);
    const s = make();
    s.fit(X, named);
    const pred = s.predict?.(X) ?? [];
    if (!pred.every((p, i) => p === `class-${(out as Label[])[i]}`))
      failures.push('string labels must work like numeric ones');
  }
  return failures;
}
