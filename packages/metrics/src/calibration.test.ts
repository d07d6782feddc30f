import { describe, expect, it } from 'vitest';
import cal from '../parity/fixtures/calibration.json';
import fx from '../parity/fixtures/sklearn.json';
import { expectClose } from '../test/close';
import { expectedCalibrationError, logLoss } from './calibration';
import { ShapeError } from './errors';

describe('logLoss matches scikit-learn', () => {
  it('multiclass probabilities, mean and sum', () => {
    const m = fx.multiclassProb;
    expectClose(logLoss(m.yTrue, m.yProb), m.logLoss, 1e-12, 'logLoss');
    expectClose(logLoss(m.yTrue, m.yProb, { normalize: false }), m.logLossSum, 1e-12, 'logLoss');
  });
  it('binary probabilities with 0 and 1 clipped to eps', () => {
    const b = fx.binaryProb;
    expectClose(logLoss(b.yTrue, b.yProb), b.logLoss, 1e-12, 'logLoss');
  });
  it('rejects mismatched shapes', () => {
    expect(() => logLoss([0, 1, 2], [0.2, 0.5, 0.1])).toThrow(ShapeError);
    expect(() => logLoss([1, 1], [0.2, 0.5])).toThrow(/at least 2 classes/);
  });
});

describe('expectedCalibrationError matches the NumPy reference', () => {
  it('multiclass top-label confidence', () => {
    const m = cal.multiclass;
    expectClose(expectedCalibrationError(m.yTrue, m.yProb), m.ece15, 1e-12, 'ece');
    expectClose(expectedCalibrationError(m.yTrue, m.yProb, { nBins: 10 }), m.ece10, 1e-12, 'ece');
  });
  it('binary probabilities of the positive class', () => {
    const b = cal.binary;
    expectClose(expectedCalibrationError(b.yTrue, b.yProb, { nBins: 10 }), b.ece10, 1e-12, 'ece');
  });
  it('rejects probabilities outside [0, 1]', () => {
    expect(() => expectedCalibrationError([1], [1.5])).toThrow(
      /'yProb\[0\]' must be a number in \[0, 1\], got 1.5/,
    );
  });
});
