import { describe, expect, it } from 'vitest';
import fx from '../parity/fixtures/sklearn.json';
import { expectClose } from '../test/close';
import {
  accuracy,
  classificationReport,
  cohenKappa,
  confusionMatrix,
  matthewsCorrcoef,
  precisionRecallFscore,
  topKAccuracy,
} from './classification';
import { ShapeError, ValueError } from './errors';
import type { Label } from './internal/validate';

const TOL = 1e-12;

describe('classification metrics match scikit-learn', () => {
  for (const c of fx.classification) {
    const t = c.yTrue as Label[];
    const p = c.yPred as Label[];
    it(`${c.name}: accuracy, confusion matrix, MCC, kappa`, () => {
      expectClose(accuracy(t, p), c.accuracy, TOL, 'classification');
      expect(accuracy(t, p, { normalize: false })).toBe(c.accuracyCount);
      const cm = confusionMatrix(t, p);
      expect(cm.labels).toEqual(c.labels);
      expect(cm.matrix).toEqual(c.confusionMatrix);
      for (const norm of ['true', 'pred', 'all'] as const) {
        expectClose(
          confusionMatrix(t, p, { normalize: norm }).matrix,
          (c as Record<string, unknown>)[`confusionMatrix_${norm}`],
          TOL,
          'classification',
        );
      }
      expectClose(matthewsCorrcoef(t, p), c.matthewsCorrcoef, TOL, 'classification');
      expectClose(cohenKappa(t, p), c.cohenKappa, TOL, 'classification');
      if ('cohenKappaLinear' in c) {
        expectClose(cohenKappa(t, p, { weights: 'linear' }), c.cohenKappaLinear, TOL, 'classification');
        expectClose(cohenKappa(t, p, { weights: 'quadratic' }), c.cohenKappaQuadratic, TOL, 'classification');
      }
    });
    it(`${c.name}: precision / recall / F-beta for every average, beta and zero-division policy`, () => {
      for (const [key, want] of Object.entries(c.prf)) {
        const [avg, beta, zd] = key.split('|');
        const average = avg === 'None' ? 'none' : (avg as 'micro');
        const got = precisionRecallFscore(t, p, {
          average,
          beta: Number(beta),
          zeroDivision: Number(zd) as 0 | 1,
        });
        const w = want as { precision: unknown; recall: unknown; fscore: unknown; support: unknown };
        expectClose(got.precision, w.precision, TOL, 'classification');
        expectClose(got.recall, w.recall, TOL, 'classification');
        expectClose(got.fscore, w.fscore, TOL, 'classification');
        if (average === 'none') expect(got.support).toEqual(w.support);
      }
    });
    it(`${c.name}: classification report text and dict`, () => {
      const r = classificationReport(t, p);
      expect(r.text).toBe(c.report);
      expectClose(r.report, c.reportDict, TOL, 'classification');
    });
  }

  it('zero-division corners with explicit labels', () => {
    const z = fx.zeroDivision;
    for (const [key, want] of Object.entries(z.prf)) {
      const [avg, zd] = key.split('|');
      const got = precisionRecallFscore(z.yTrue, z.yPred, {
        average: avg === 'None' ? 'none' : (avg as 'macro'),
        labels: z.labels,
        zeroDivision: Number(zd) as 0 | 1,
      });
      expectClose(
        { precision: got.precision, recall: got.recall, fscore: got.fscore },
        { precision: want.precision, recall: want.recall, fscore: want.fscore },
        TOL,
        'classification',
      );
    }
    const r = classificationReport(z.yTrue, z.yPred, {
      labels: z.labels,
      targetNames: ['zero', 'one', 'two', 'three'],
      digits: 4,
    });
    expect(r.text).toBe(z.report);
  });

  it('rounds report numbers half-to-even as Python does', () => {
    const h = fx.reportRounding;
    expect(classificationReport(h.yTrue, h.yPred, { digits: h.digits }).text).toBe(h.report);
  });

  it('top-k accuracy, ties broken toward the higher class index', () => {
    const m = fx.multiclassProb;
    expectClose(topKAccuracy(m.yTrue, m.yProb, { k: 1 }), m.topK1, TOL, 'classification');
    expectClose(topKAccuracy(m.yTrue, m.yProb, { k: 2 }), m.topK2, TOL, 'classification');
    expect(topKAccuracy(m.yTrue, m.yProb, { k: 2, normalize: false })).toBe(m.topK2Count);
    const tie = fx.topKTies;
    expect(topKAccuracy(tie.yTrue, tie.yScore, { k: 1, labels: tie.labels })).toBe(tie.topK1);
    expect(topKAccuracy(tie.yTrue, tie.yScore, { k: 2, labels: tie.labels })).toBe(tie.topK2);
  });
});

describe('classification input errors', () => {
  it('names the function, argument, expectation and value', () => {
    expect(() => accuracy([1, 0, 1, 1], [1, 0, 1])).toThrow(
      new ShapeError("accuracy: 'yPred' must have length 4 to match 'yTrue', got 3."),
    );
    expect(() => accuracy([], [])).toThrow(ShapeError);
    expect(() => accuracy([1, Number.NaN], [1, 0])).toThrow(
      /'yTrue' must contain finite numbers or strings, got NaN/,
    );
    expect(() => accuracy([1, 'a'], [1, 0])).toThrow(/must not mix numbers and strings/);
    expect(() => precisionRecallFscore([0, 1, 2], [0, 1, 1])).toThrow(
      /'average' must not be 'binary' for 3 classes/,
    );
    expect(() => precisionRecallFscore(['a', 'b'], ['a', 'a'])).toThrow(
      new ValueError("precisionRecallFscore: 'posLabel' must be one of 'a', 'b', got 1."),
    );
    expect(() => precisionRecallFscore([0, 1], [0, 1], { average: 'mean' as 'macro' })).toThrow(
      /'average' must be one of 'binary', 'micro', 'macro', 'weighted', 'none', got 'mean'/,
    );
    expect(() => cohenKappa([1, 1], [1, 1])).toThrow(ValueError);
    expect(() => topKAccuracy([0, 1], [[0.1, 0.9]])).toThrow(ShapeError);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [5] })).toThrow(/at least one label of 'yTrue'/);
  });
});
