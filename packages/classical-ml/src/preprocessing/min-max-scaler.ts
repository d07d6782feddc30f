import { Estimator } from '../base';
import { ValueError } from '../errors';
import { checkFeatures, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, validateParams } from '../internal/params';

export interface MinMaxScalerParams {
  /** Target [min, max] of every feature (default [0, 1]). */
  featureRange: [number, number];
  /** Clip transformed values into featureRange (default false). */
  clip: boolean;
}

interface MinMaxScalerState {
  dataMin: number[];
  dataMax: number[];
  scale: number[];
  min: number[];
  nFeaturesIn: number;
}

/**
 * Rescales each feature to `featureRange` like sklearn's MinMaxScaler: x' = x·scale + min with
 * scale = (hi − lo) / (max − min) (constant features get scale hi − lo) and min = lo − dataMin·scale.
 *
 * @example
 * new MinMaxScaler().fitTransform([[1], [3], [5]]); // [[0], [0.5], [1]]
 */
export class MinMaxScaler extends Estimator<MinMaxScalerParams, MinMaxScalerState> {
  constructor(params: Partial<MinMaxScalerParams> = {}) {
    super({ featureRange: [0, 1], clip: false }, params);
  }

  fit(X: MatrixLike): this {
    validateParams('MinMaxScaler', this.params, {
      featureRange: {
        kind: 'custom',
        check: (v) =>
          Array.isArray(v) &&
          v.length === 2 &&
          v.every(Number.isFinite) &&
          (v[0] as number) < (v[1] as number),
        expected: 'a [min, max] pair with min < max',
      },
      clip: bool,
    });
    const m = toMatrix('MinMaxScaler.fit', X);
    const [lo, hi] = this.params.featureRange;
    const dataMin = new Array<number>(m.cols).fill(Number.POSITIVE_INFINITY);
    const dataMax = new Array<number>(m.cols).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < m.rows; i++)
      for (let j = 0; j < m.cols; j++) {
        const v = m.data[i * m.cols + j];
        if (v < dataMin[j]) dataMin[j] = v;
        if (v > dataMax[j]) dataMax[j] = v;
      }
    const scale = dataMin.map((mn, j) => (hi - lo) / (dataMax[j] - mn === 0 ? 1 : dataMax[j] - mn));
    const min = dataMin.map((mn, j) => lo - mn * scale[j]);
    this.state = { dataMin, dataMax, scale, min, nFeaturesIn: m.cols };
    return this;
  }

  get dataMin(): number[] {
    return [...this.fitted('reading dataMin').dataMin];
  }
  get dataMax(): number[] {
    return [...this.fitted('reading dataMax').dataMax];
  }
  /** Per-feature multiplier, sklearn's `scale_`. */
  get scale(): number[] {
    return [...this.fitted('reading scale').scale];
  }
  /** Per-feature offset, sklearn's `min_`. */
  get min(): number[] {
    return [...this.fitted('reading min').min];
  }

  transform(X: MatrixLike): number[][] {
    const s = this.fitted('transform()');
    const m = toMatrix('MinMaxScaler.transform', X);
    checkFeatures('MinMaxScaler.transform', m, s.nFeaturesIn);
    const [lo, hi] = this.params.featureRange;
    return Array.from({ length: m.rows }, (_, i) =>
      s.scale.map((sc, j) => {
        const v = m.data[i * m.cols + j] * sc + s.min[j];
        return this.params.clip ? Math.min(hi, Math.max(lo, v)) : v;
      }),
    );
  }

  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).transform(X);
  }

  inverseTransform(X: MatrixLike): number[][] {
    const s = this.fitted('inverseTransform()');
    const m = toMatrix('MinMaxScaler.inverseTransform', X);
    checkFeatures('MinMaxScaler.inverseTransform', m, s.nFeaturesIn);
    if (s.scale.some((v) => v === 0)) throw new ValueError('MinMaxScaler.inverseTransform: zero scale.');
    return Array.from({ length: m.rows }, (_, i) =>
      s.scale.map((sc, j) => (m.data[i * m.cols + j] - s.min[j]) / sc),
    );
  }
}
