import { describe, expect, it } from 'vitest';
import fixture from '../../parity/fixtures/model-selection.json';
import { checkEstimator } from '../testing/check-estimator';
import { LabelEncoder } from './label-encoder';
import { MinMaxScaler } from './min-max-scaler';
import { OneHotEncoder } from './one-hot-encoder';

const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((r, i) => r.map((v, j) => Math.abs(v - b[i][j]))));

describe('MinMaxScaler', () => {
  it('passes checkEstimator', () => {
    expect(
      checkEstimator(() => new MinMaxScaler({ featureRange: [-1, 2] }), {
        kind: 'transformer',
        X: fixture.minMax.X,
        fromJSON: (j) => MinMaxScaler.fromJSON(j),
      }),
    ).toEqual([]);
  });

  it('matches sklearn (scale, min, transforms) and inverts', () => {
    const s = new MinMaxScaler().fit(fixture.minMax.X);
    expect(maxDiff([s.scale], [fixture.minMax.scale])).toBeLessThan(1e-15);
    expect(maxDiff([s.min], [fixture.minMax.min])).toBeLessThan(1e-12);
    expect(maxDiff(s.transform(fixture.minMax.X), fixture.minMax.transform)).toBeLessThan(1e-12);
    const s2 = new MinMaxScaler({ featureRange: [-1, 2] }).fit(fixture.minMax.X);
    expect(maxDiff(s2.transform(fixture.minMax.X), fixture.minMax.transform2)).toBeLessThan(1e-12);
    expect(maxDiff(s2.inverseTransform(s2.transform(fixture.minMax.X)), fixture.minMax.X)).toBeLessThan(1e-9);
    expect(new MinMaxScaler({ clip: true }).fit([[0], [1]]).transform([[2]])).toEqual([[1]]);
    expect(new MinMaxScaler().fit([[3], [3]]).transform([[3]])).toEqual([[0]]);
    expect(() => new MinMaxScaler({ featureRange: [1, 0] }).fit([[0]])).toThrow(
      /MinMaxScaler: 'featureRange' must be a \[min, max\] pair with min < max/,
    );
  });
});

describe('LabelEncoder', () => {
  it('encodes in sklearn class order and round-trips', () => {
    const enc = new LabelEncoder().fit(['b', 'a', 'c', 'a']);
    expect(enc.classes).toEqual(fixture.labelEncoder.classes);
    expect(enc.transform(['c', 'a'])).toEqual([2, 0]);
    expect(enc.inverseTransform([1, 0])).toEqual(['b', 'a']);
    expect(new LabelEncoder().fitTransform([10, 2, 2])).toEqual([1, 0, 0]);
    expect(LabelEncoder.fromJSON(JSON.stringify(enc)).transform(['b'])).toEqual([1]);
    expect(() => enc.transform(['z'])).toThrow(
      `LabelEncoder.transform: 'y' has the unseen label "z" at index 0.`,
    );
    expect(() => enc.inverseTransform([3])).toThrow(/code 3 at index 0 is not in \[0, 2\]/);
    expect(() => new LabelEncoder().classes).toThrow(/call fit\(\) before reading classes/);
  });
});

describe('OneHotEncoder', () => {
  it('matches sklearn categories and encoding (handleUnknown ignore)', () => {
    const enc = new OneHotEncoder({ handleUnknown: 'ignore' }).fit(fixture.oneHot.X);
    expect(enc.categories).toEqual(fixture.oneHot.categories);
    expect(
      enc.transform([
        ['green', 'L'],
        ['purple', 'S'],
      ]),
    ).toEqual(fixture.oneHot.transform);
    expect(enc.getFeatureNamesOut(['colour', 'size'])).toEqual([
      'colour_blue',
      'colour_green',
      'colour_red',
      'size_L',
      'size_M',
      'size_S',
      'size_XL',
    ]);
    expect(enc.inverseTransform(enc.transform([['red', 'M']]))).toEqual([['red', 'M']]);
    expect(OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(enc))).transform([['blue', 'S']])).toEqual(
      enc.transform([['blue', 'S']]),
    );
  });

  it('errors on unknown categories by default, ragged rows and mixed columns', () => {
    const enc = new OneHotEncoder().fit([[1], [2], [5]]);
    expect(enc.transform([[5]])).toEqual([[0, 0, 1]]);
    expect(() => enc.transform([[3]])).toThrow(/unknown category 3 in column 0 \(row 0\)/);
    expect(() => enc.transform([[1, 2]])).toThrow(/'X' has 2 features, but the estimator was fitted with 1/);
    expect(() => new OneHotEncoder().fit([['a', 'b'], ['c']])).toThrow(/ragged: row 1 has 1 features/);
    expect(() => new OneHotEncoder().fit([['a'], [1]])).toThrow(/column 0 mixes numbers and strings/);
    expect(() => new OneHotEncoder().fit([[Number.NaN]])).toThrow(/NaN at row 0, column 0/);
  });
});
