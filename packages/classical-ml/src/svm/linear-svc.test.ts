import { accuracy } from '@llm/metrics';
import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/svm.json';
import { checkEstimator } from '../testing';
import { LinearSVC } from './linear-svc';

const { X, y, nTrain } = fixture.linearSvc;
const Xtrain = X.slice(0, nTrain);
const Xtest = X.slice(nTrain);
const yBinary = y.map((v) => (v === 1 ? 1 : 0));
const maxDiff = (a: readonly number[], b: readonly number[]): number =>
  Math.max(0, ...a.map((v, i) => Math.abs(v - b[i])));

describe('LinearSVC', () => {
  it('passes the estimator conformance suite', () => {
    expect(
      checkEstimator(() => new LinearSVC(), {
        kind: 'classifier',
        X: X.slice(0, 30),
        y: y.slice(0, 30),
        randomized: true,
        fromJSON: (j) => LinearSVC.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('converges to sklearn 1.2.1 liblinear (tol 1e-8): coefficients within 1e-6, identical held-out accuracy', () => {
    for (const [key, labels] of [
      ['binary', yBinary],
      ['multi', y],
    ] as const) {
      for (const loss of ['squared_hinge', 'hinge'] as const) {
        for (const C of [1, 0.1]) {
          const ref = fixture.linearSvc[
            `${key}_${loss}_${C.toFixed(1)}` as keyof typeof fixture.linearSvc
          ] as {
            coef: number[][];
            intercept: number[];
            accuracy: number;
          };
          const est = new LinearSVC({ loss, C, tol: 1e-8, maxIter: 100000 }).fit(
            Xtrain,
            labels.slice(0, nTrain),
          );
          const label = `${key} ${loss} C=${C}`;
          expect(maxDiff(est.coef.flat(), ref.coef.flat()), label).toBeLessThan(1e-6);
          expect(maxDiff(est.intercept, ref.intercept), label).toBeLessThan(1e-6);
          expect(accuracy(labels.slice(nTrain), est.predict(Xtest) as number[]), label).toBe(ref.accuracy);
        }
      }
    }
  });

  it('interceptScaling enlarges the constant feature; fitIntercept false gives zero intercepts', () => {
    const none = new LinearSVC({ fitIntercept: false }).fit(Xtrain, y.slice(0, nTrain));
    expect(none.intercept).toEqual([0, 0, 0]);
    const scaled = new LinearSVC({ interceptScaling: 10 }).fit(Xtrain, yBinary.slice(0, nTrain));
    expect(scaled.decisionFunction(Xtest)).toHaveLength(Xtest.length);
    expect(() => new LinearSVC({ interceptScaling: 0 }).fit(Xtrain, y.slice(0, nTrain))).toThrow(
      /LinearSVC: 'interceptScaling' must be a number > 0, got 0/,
    );
  });
});
