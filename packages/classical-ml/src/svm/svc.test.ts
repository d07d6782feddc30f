import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/svm.json';
import { checkEstimator } from '../testing';
import { SVC, type SVCParams } from './svc';

type Case = {
  params: Record<string, unknown>;
  exact: {
    support: number[];
    nSupport: number[];
    dualCoef: number[][];
    intercept: number[];
    decision: number[] | number[][];
    decisionOvo?: number[][];
    predict: number[];
  };
  defaultPredict: number[];
};

const flat = (a: unknown): number[] => (a as number[][]).flat() as number[];
const maxDiff = (a: readonly number[], b: readonly number[]): number =>
  Math.max(0, ...a.map((v, i) => Math.abs(v - b[i])));

function toParams(p: Record<string, unknown>): Partial<SVCParams> {
  return p as Partial<SVCParams>;
}

describe('SVC', () => {
  const { binary, multi } = fixture.svc;
  const names = ['rbf', 'rbfC10', 'rbfAuto', 'linear', 'poly', 'sigmoid'] as const;

  it('passes the estimator conformance suite', () => {
    for (const data of [binary, multi]) {
      expect(
        checkEstimator(() => new SVC({ probability: true }), {
          kind: 'classifier',
          X: data.X.slice(0, 30),
          y: data.y.slice(0, 30),
          fromJSON: (j) => SVC.fromJSON(j),
        }),
      ).toEqual([]);
    }
  });

  it('matches sklearn 1.2.1 (shrinking=False) within 1e-9: support, nSupport, dual coefficients, intercepts, decisions; predictions also equal sklearn defaults', () => {
    for (const [key, data] of [
      ['binary', binary],
      ['multi', multi],
    ] as const) {
      const Xtest = fixture.svc.Xtest.map((r) => r.slice(0, data.X[0].length));
      for (const name of names) {
        const ref = (data as unknown as Record<string, Case>)[name];
        const est = new SVC(toParams(ref.params)).fit(data.X, data.y);
        const label = `${key} ${name}`;
        expect(est.support, label).toEqual(ref.exact.support);
        expect(est.nSupport, label).toEqual(ref.exact.nSupport);
        expect(maxDiff(flat(est.dualCoef), flat(ref.exact.dualCoef)), label).toBeLessThan(1e-9);
        expect(maxDiff(est.intercept, ref.exact.intercept), label).toBeLessThan(1e-9);
        const dec = est.decisionFunction(Xtest);
        expect(
          maxDiff(flat(dec), key === 'binary' ? (ref.exact.decision as number[]) : flat(ref.exact.decision)),
          label,
        ).toBeLessThan(1e-9);
        expect(est.predict(Xtest), label).toEqual(ref.exact.predict);
        expect(est.predict(Xtest), `${label} (sklearn defaults, shrinking on)`).toEqual(ref.defaultPredict);
        if (ref.exact.decisionOvo) {
          const ovo = new SVC({ ...toParams(ref.params), decisionFunctionShape: 'ovo' }).fit(data.X, data.y);
          expect(maxDiff(flat(ovo.decisionFunction(Xtest)), flat(ref.exact.decisionOvo)), label).toBeLessThan(
            1e-6,
          );
        }
      }
    }
  });

  it('probability: Platt sigmoids (own CV folds) give probabilities close to sklearn and predict identically', () => {
    for (const data of [binary, multi]) {
      const Xtest = fixture.svc.Xtest.map((r) => r.slice(0, data.X[0].length));
      const ref = data.probability;
      const est = new SVC({ probability: true }).fit(data.X, data.y);
      expect(est.predict(Xtest)).toEqual(ref.predict);
      const proba = est.predictProba(Xtest);
      for (const row of proba) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      // Different folds give a slightly different sigmoid; the probabilities stay close.
      expect(maxDiff(flat(proba), flat(ref.proba))).toBeLessThan(0.15);
      expect(est.probA).toHaveLength(ref.probA.length);
    }
  });

  it('gamma "scale" is 1 / (nFeatures · Var[X]); predictProba needs probability: true', () => {
    const est = new SVC().fit(binary.X, binary.y);
    const all = binary.X.flat();
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const v = all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length;
    expect(est.gamma).toBeCloseTo(1 / (2 * v), 12);
    expect(() => est.predictProba(binary.X)).toThrow(
      /SVC.predictProba: probability estimates need 'probability: true'/,
    );
    expect(() => new SVC({ kernel: 'cubic' as never }).fit(binary.X, binary.y)).toThrow(
      /SVC: 'kernel' must be one of "linear", "poly", "rbf", "sigmoid"/,
    );
    expect(() => new SVC({ C: 0 }).fit(binary.X, binary.y)).toThrow(/SVC: 'C' must be a number > 0, got 0/);
  });
});
