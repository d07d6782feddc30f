import { Estimator, regressorScore } from '../base';
import {
  type KernelSpec,
  kernelConstraints,
  kernelValue,
  QMatrix,
  resolveGamma,
  smo,
  TrainingKernel,
} from '../internal/libsvm';
import { checkFeatures, type Matrix, type MatrixLike, toMatrix, toVector } from '../internal/matrix';
import { nonNegative, positive, validateParams } from '../internal/params';

export interface SVRParams {
  /** Penalty on errors beyond the ε-tube (default 1). */
  C: number;
  /** Half-width ε of the insensitive tube (default 0.1). */
  epsilon: number;
  /** 'rbf' (default), 'linear', 'poly' or 'sigmoid', as in SVC. */
  kernel: 'linear' | 'poly' | 'rbf' | 'sigmoid';
  /** Polynomial degree (default 3). */
  degree: number;
  /** 'scale' (default): 1 / (nFeatures · Var[X]); 'auto': 1 / nFeatures; or a positive number. */
  gamma: 'scale' | 'auto' | number;
  /** Constant term of the poly and sigmoid kernels (default 0). */
  coef0: number;
  /** SMO stopping tolerance (default 1e-3). */
  tol: number;
  /** SMO iteration limit; -1 (default) for none. */
  maxIter: number;
  /** Kernel cache in MB (default 200). */
  cacheSize: number;
}

interface SVRState {
  gamma: number;
  support: number[];
  supportVectors: number[][];
  dualCoef: number[];
  intercept: number;
  nIter: number;
  nFeaturesIn: number;
}

/**
 * ε-support-vector regression like sklearn's SVR (libsvm's EPSILON_SVR): the dual over α, α* with
 * ε-insensitive loss is solved as a 2n-variable problem by the same SMO (second-order working-set
 * selection); f(x) = Σ (α_i − α*_i) k(x_i, x) + b.
 */
export class SVR extends Estimator<SVRParams, SVRState> {
  constructor(params: Partial<SVRParams> = {}) {
    super(
      {
        C: 1,
        epsilon: 0.1,
        kernel: 'rbf',
        degree: 3,
        gamma: 'scale',
        coef0: 0,
        tol: 1e-3,
        maxIter: -1,
        cacheSize: 200,
      },
      params,
    );
  }

  fit(X: MatrixLike, y: readonly number[]): this {
    validateParams('SVR', this.params, { ...kernelConstraints, C: positive(), epsilon: nonNegative() });
    const m = toMatrix('SVR.fit', X);
    const target = toVector('SVR.fit', y, m.rows);
    const p = this.params;
    const spec: KernelSpec = {
      kernel: p.kernel,
      degree: p.degree,
      gamma: resolveGamma(p.gamma, m),
      coef0: p.coef0,
    };
    const l = m.rows;
    const kernel = new TrainingKernel(
      m,
      spec,
      new Int32Array(l).map((_, i) => i),
    );
    const sign = new Int8Array(2 * l);
    const map = new Int32Array(2 * l);
    const linear = new Float64Array(2 * l);
    for (let i = 0; i < l; i++) {
      sign[i] = 1;
      sign[i + l] = -1;
      map[i] = i;
      map[i + l] = i;
      linear[i] = p.epsilon - target[i];
      linear[i + l] = p.epsilon + target[i];
    }
    const Q = new QMatrix(kernel, sign, map, p.cacheSize * 2 ** 20);
    const r = smo(Q, linear, sign, new Float64Array(2 * l).fill(p.C), p.tol, p.maxIter);
    const support: number[] = [];
    const dualCoef: number[] = [];
    for (let i = 0; i < l; i++) {
      const a = r.alpha[i] - r.alpha[i + l];
      if (a !== 0) {
        support.push(i);
        dualCoef.push(a);
      }
    }
    this.state = {
      gamma: spec.gamma,
      support,
      supportVectors: support.map((i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols))),
      dualCoef,
      intercept: -r.rho,
      nIter: r.nIter,
      nFeaturesIn: m.cols,
    };
    return this;
  }

  predict(X: MatrixLike): number[] {
    const s = this.fitted('predict()');
    const m = toMatrix('SVR.predict', X);
    checkFeatures('SVR.predict', m, s.nFeaturesIn);
    const spec: KernelSpec = {
      kernel: this.params.kernel,
      degree: this.params.degree,
      gamma: s.gamma,
      coef0: this.params.coef0,
    };
    const sv: Matrix = {
      data: Float64Array.from(s.supportVectors.flat()),
      rows: s.support.length,
      cols: m.cols,
    };
    const out = new Array<number>(m.rows);
    for (let i = 0; i < m.rows; i++) {
      let sum = 0;
      for (let t = 0; t < sv.rows; t++) sum += s.dualCoef[t] * kernelValue(spec, m, i, sv, t);
      out[i] = sum + s.intercept;
    }
    return out;
  }

  /** R² of the predictions. */
  score(X: MatrixLike, y: readonly number[]): number {
    return regressorScore(this.predict(X), y);
  }

  /** Indices of the support vectors in the training data. */
  get support(): number[] {
    return [...this.fitted('reading support').support];
  }

  get supportVectors(): number[][] {
    return this.fitted('reading supportVectors').supportVectors.map((r) => [...r]);
  }

  /** α − α* of each support vector (1 × nSV, as sklearn). */
  get dualCoef(): number[][] {
    return [[...this.fitted('reading dualCoef').dualCoef]];
  }

  /** b = −ρ. */
  get intercept(): number[] {
    return [this.fitted('reading intercept').intercept];
  }

  /** The γ used (resolved from 'scale' / 'auto'). */
  get gamma(): number {
    return this.fitted('reading gamma').gamma;
  }

  get nIter(): number {
    return this.fitted('reading nIter').nIter;
  }
}
