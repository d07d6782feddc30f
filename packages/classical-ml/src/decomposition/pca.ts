import { Estimator } from '../base';
import { ValueError } from '../errors';
import { checkFeatures, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, validateParams } from '../internal/params';
import { svdJacobi } from '../internal/svd';

export interface PCAParams {
  /** Components kept: an integer, a fraction in (0, 1) of variance to explain, or null for min(samples, features). */
  nComponents: number | null;
  /** Scale the projections to unit variance (default false). */
  whiten: boolean;
}

interface PCAState {
  components: number[][];
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  singularValues: number[];
  mean: number[];
  noiseVariance: number;
  nComponents: number;
  nSamples: number;
  nFeaturesIn: number;
}

/**
 * Principal component analysis like sklearn's PCA (svd_solver='full'): the SVD of the centred data
 * Xc = U·S·Vᵀ by one-sided Jacobi; components are the rows of Vᵀ with sklearn's sign convention
 * (svd_flip: the largest-magnitude entry of each U column is positive), explained variance S²/(n−1).
 *
 * @example
 * const pca = new PCA({ nComponents: 2 }).fit(X);
 * pca.explainedVarianceRatio; // [0.92, 0.05] on iris
 * const Z = pca.transform(X);  // n × 2
 */
export class PCA extends Estimator<PCAParams, PCAState> {
  constructor(params: Partial<PCAParams> = {}) {
    super({ nComponents: null, whiten: false }, params);
  }

  fit(X: MatrixLike): this {
    validateParams('PCA', this.params, {
      nComponents: { kind: 'number', min: 0, minExclusive: true, nullable: true },
      whiten: bool,
    });
    const m = toMatrix('PCA.fit', X, { minRows: 2 });
    const { rows: n, cols: d } = m;
    const r = Math.min(n, d);
    const nc = this.params.nComponents;
    if (nc !== null && nc >= 1 && (!Number.isInteger(nc) || nc > r))
      throw new ValueError(
        `PCA: 'nComponents' (${nc}) must be an integer <= min(samples, features) = ${r}, or a fraction in (0, 1).`,
      );
    const mean = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += m.data[i * d + j];
    for (let j = 0; j < d; j++) mean[j] /= n;
    const Xc = m.data.map((v, k) => v - mean[k % d]);
    const { U, S, V } = svdJacobi(Xc, n, d);
    // svd_flip (u-based): make the largest |U[i, j]| of each component positive.
    for (let j = 0; j < r; j++) {
      let arg = 0;
      for (let i = 1; i < n; i++) if (Math.abs(U[j][i]) > Math.abs(U[j][arg])) arg = i;
      if (U[j][arg] < 0) for (let k = 0; k < d; k++) V[j][k] = -V[j][k];
    }
    const variance = S.map((s) => (s * s) / (n - 1));
    const total = variance.reduce((a, b) => a + b, 0);
    const ratio = variance.map((v) => v / total);
    let k: number;
    if (nc === null) k = r;
    else if (nc < 1) {
      // Smallest k whose cumulative ratio exceeds the fraction (searchsorted side='right' + 1).
      let cum = 0;
      k = r;
      for (let j = 0; j < r; j++) {
        cum += ratio[j];
        if (cum > nc) {
          k = j + 1;
          break;
        }
      }
    } else k = nc;
    const rest = variance.slice(k);
    this.state = {
      components: V.slice(0, k).map((v) => Array.from(v)),
      explainedVariance: variance.slice(0, k),
      explainedVarianceRatio: ratio.slice(0, k),
      singularValues: S.slice(0, k),
      mean,
      noiseVariance: k < r ? rest.reduce((a, b) => a + b, 0) / rest.length : 0,
      nComponents: k,
      nSamples: n,
      nFeaturesIn: d,
    };
    return this;
  }

  /** Principal axes (nComponents × nFeatures), sklearn's `components_`. */
  get components(): number[][] {
    return structuredClone(this.fitted('reading components').components);
  }
  /** Variance along each component, S²/(n − 1). */
  get explainedVariance(): number[] {
    return [...this.fitted('reading explainedVariance').explainedVariance];
  }
  /** Fraction of the total variance along each component. */
  get explainedVarianceRatio(): number[] {
    return [...this.fitted('reading explainedVarianceRatio').explainedVarianceRatio];
  }
  get singularValues(): number[] {
    return [...this.fitted('reading singularValues').singularValues];
  }
  /** Per-feature training mean. */
  get mean(): number[] {
    return [...this.fitted('reading mean').mean];
  }
  /** Mean variance of the discarded components (probabilistic PCA noise). */
  get noiseVariance(): number {
    return this.fitted('reading noiseVariance').noiseVariance;
  }
  /** Number of components kept. */
  get nComponents(): number {
    return this.fitted('reading nComponents').nComponents;
  }

  /** Projects onto the components: (X − mean)·Vᵀ, divided by √explainedVariance when whitening. */
  transform(X: MatrixLike): number[][] {
    const s = this.fitted('transform()');
    const m = toMatrix('PCA.transform', X);
    checkFeatures('PCA.transform', m, s.nFeaturesIn);
    const scale = s.explainedVariance.map((v) => (this.params.whiten ? Math.sqrt(v) : 1));
    return Array.from({ length: m.rows }, (_, i) =>
      s.components.map((c, j) => {
        let t = 0;
        for (let k = 0; k < m.cols; k++) t += (m.data[i * m.cols + k] - s.mean[k]) * c[k];
        return t / scale[j];
      }),
    );
  }

  fitTransform(X: MatrixLike): number[][] {
    return this.fit(X).transform(X);
  }

  /** Maps projections back to feature space: Z·(√ev ⊙ V when whitened)+ mean. */
  inverseTransform(Z: MatrixLike): number[][] {
    const s = this.fitted('inverseTransform()');
    const m = toMatrix('PCA.inverseTransform', Z);
    if (m.cols !== s.nComponents)
      throw new ValueError(
        `PCA.inverseTransform: 'X' has ${m.cols} columns, but the model has ${s.nComponents} components.`,
      );
    const scale = s.explainedVariance.map((v) => (this.params.whiten ? Math.sqrt(v) : 1));
    return Array.from({ length: m.rows }, (_, i) =>
      s.mean.map((mu, k) => {
        let t = mu;
        for (let j = 0; j < m.cols; j++) t += m.data[i * m.cols + j] * scale[j] * s.components[j][k];
        return t;
      }),
    );
  }
}
