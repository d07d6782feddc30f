import { Estimator } from '../base';
import { checkFeatures, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, validateParams } from '../internal/params';

export interface StandardScalerParams {
  /** Subtract the mean (default true). */
  withMean: boolean;
  /** Divide by the standard deviation (default true). */
  withStd: boolean;
}

interface StandardScalerState {
  mean: number[];
  scale: number[];
  nFeaturesIn: number;
}

/**
 * Standardises features to zero mean and unit variance, z = (x - mean) / std, with the population
 * standard deviation and zero-variance features left unscaled, like sklearn's StandardScaler.
 */
export class StandardScaler extends Estimator<StandardScalerParams, StandardScalerState> {
  constructor(params: Partial<StandardScalerParams> = {}) {
    super({ withMean: true, withStd: true }, params);
  }

  fit(X: MatrixLike): this {
    validateParams('StandardScaler', this.params, { withMean: bool, withStd: bool });
    const m = toMatrix('StandardScaler.fit', X);
    const mean = new Array<number>(m.cols).fill(0);
    const variance = new Array<number>(m.cols).fill(0);
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) mean[j] += m.data[i * m.cols + j];
    for (let j = 0; j < m.cols; j++) mean[j] /= m.rows;
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const d = m.data[i * m.cols + j] - mean[j];
        variance[j] += d * d;
      }
    }
    const scale = variance.map((v) => {
      const s = Math.sqrt(v / m.rows);
      return s === 0 ? 1 : s;
    });
    this.state = { mean, scale, nFeaturesIn: m.cols };
    return this;
  }

  get mean(): number[] {
    return [...this.fitted('reading mean').mean];
  }

  get scale(): number[] {
    return [...this.fitted('reading scale').scale];
  }

  transform(X: MatrixLike): number[][] {
    const s = this.fitted('transform()');
    const m = toMatrix('StandardScaler.transform', X);
    checkFeatures('StandardScaler.transform', m, s.nFeaturesIn);
    const out: number[][] = [];
    for (let i = 0; i < m.rows; i++) {
      const row = new Array<number>(m.cols);
      for (let j = 0; j < m.cols; j++) {
        let v = m.data[i * m.cols + j];
        if (this.params.withMean) v -= s.mean[j];
        if (this.params.withStd) v /= s.scale[j];
        row[j] = v;
      }
      out.push(row);
    }
    return out;
  }

  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).transform(X);
  }

  inverseTransform(X: MatrixLike): number[][] {
    const s = this.fitted('inverseTransform()');
    const m = toMatrix('StandardScaler.inverseTransform', X);
    checkFeatures('StandardScaler.inverseTransform', m, s.nFeaturesIn);
    const out: number[][] = [];
    for (let i = 0; i < m.rows; i++) {
      const row = new Array<number>(m.cols);
      for (let j = 0; j < m.cols; j++) {
        let v = m.data[i * m.cols + j];
        if (this.params.withStd) v *= s.scale[j];
        if (this.params.withMean) v += s.mean[j];
        row[j] = v;
      }
      out.push(row);
    }
    return out;
  }
}
