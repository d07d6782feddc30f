import { describe, expect, it } from 'vitest';
import fx from '../parity/fixtures/sklearn.json';
import { expectClose } from '../test/close';
import { ValueError } from './errors';
import { averagePrecision, rocAucScore, rocCurve } from './ranking';

const TOL = 1e-12;

describe('ranking metrics match scikit-learn', () => {
  const r = fx.ranking;
  it('roc curve with and without intermediate points, tied scores', () => {
    expectClose(rocCurve(r.yTrue, r.yScore), r.roc, TOL, 'ranking');
    expectClose(rocCurve(r.yTrue, r.yScore, { dropIntermediate: false }), r.rocAll, TOL, 'ranking');
  });
  it('roc auc and average precision, numeric and string labels', () => {
    expectClose(rocAucScore(r.yTrue, r.yScore), r.rocAuc, TOL, 'ranking');
    expectClose(averagePrecision(r.yTrue, r.yScore), r.averagePrecision, TOL, 'ranking');
    const s = fx.rankingStrings;
    expectClose(rocAucScore(s.yTrue, s.yScore), s.rocAuc, TOL, 'ranking');
    expectClose(
      averagePrecision(s.yTrue, s.yScore, { posLabel: 'spam' }),
      s.averagePrecision,
      TOL,
      'ranking',
    );
  });
  it('one-vs-rest roc auc over a probability matrix', () => {
    const m = fx.multiclassProb;
    expectClose(rocAucScore(m.yTrue, m.yProb), m.rocAucOvrMacro, TOL, 'ranking');
    expectClose(rocAucScore(m.yTrue, m.yProb, { average: 'weighted' }), m.rocAucOvrWeighted, TOL, 'ranking');
  });
  it('refuses undefined curves instead of returning NaN', () => {
    expect(() => rocCurve([1, 1, 1], [0.2, 0.4, 0.9])).toThrow(
      new ValueError("rocCurve: 'yTrue' must contain a negative sample, got only positives."),
    );
    expect(() => rocAucScore([0, 0], [0.1, 0.2])).toThrow(/must contain 2 classes/);
    expect(() => rocCurve(['a', 'b'], [0.1, 0.2])).toThrow(/'posLabel' must be given/);
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(/must contain a positive sample/);
  });
});
