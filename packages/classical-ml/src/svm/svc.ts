import { classifierScore, Estimator } from '../base';
import { ValueError } from '../errors';
import { encodeLabels, type Label } from '../internal/labels';
import {
  type KernelSpec,
  kernelConstraints,
  kernelValue,
  pairwiseCoupling,
  resolveGamma,
  sigmoidPredict,
  sigmoidTrain,
  trainBinarySvc,
} from '../internal/libsvm';
import { checkFeatures, type Matrix, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, nonNegative, oneOf, positive, validateParams } from '../internal/params';
import { Random } from '../internal/random';

export interface SVCParams {
  /** Penalty on the hinge slack, the box bound of the dual (default 1). */
  C: number;
  /** 'rbf' (default): exp(−γ‖x − z‖²); 'linear': x·z; 'poly': (γ x·z + coef0)^degree; 'sigmoid': tanh(γ x·z + coef0). */
  kernel: 'linear' | 'poly' | 'rbf' | 'sigmoid';
  /** Polynomial degree (default 3). */
  degree: number;
  /** 'scale' (default): 1 / (nFeatures · Var[X]); 'auto': 1 / nFeatures; or a positive number. */
  gamma: 'scale' | 'auto' | number;
  /** Constant term of the poly and sigmoid kernels (default 0). */
  coef0: number;
  /** SMO stopping tolerance on the maximal KKT violation (default 1e-3). */
  tol: number;
  /** Fit Platt sigmoids for predictProba (default false; five extra fits per class pair). */
  probability: boolean;
  /** SMO iteration limit per class pair; -1 (default) for none. */
  maxIter: number;
  /** 'ovr' (default): n × nClasses votes plus confidences; 'ovo': the raw n × K(K−1)/2 pairwise scores. */
  decisionFunctionShape: 'ovr' | 'ovo';
  /** Kernel cache in MB (default 200). */
  cacheSize: number;
  /** Seed of the cross-validation folds used by `probability` (default 0). */
  randomState: number;
}

interface SVCState {
  classes: Label[];
  gamma: number;
  support: number[];
  supportVectors: number[][];
  nSupport: number[];
  /** libsvm's sv_coef: (nClasses − 1) × nSV. */
  svCoef: number[][];
  /** libsvm's ρ per class pair (0,1), (0,2), …, (1,2), …. */
  rho: number[];
  probA: number[] | null;
  probB: number[] | null;
  nIter: number[];
  nFeaturesIn: number;
}

/**
 * Kernel support-vector classification like sklearn's SVC (libsvm's C-SVC): for every pair of classes
 * the dual min ½αᵀQα − eᵀα, yᵀα = 0, 0 ≤ α ≤ C is solved by SMO with second-order working-set
 * selection (Fan, Chen & Lin 2005), and predictions are one-vs-one votes (ties to the lower class).
 * `probability: true` adds Platt scaling on 5-fold cross-validated decision values and pairwise coupling.
 */
export class SVC extends Estimator<SVCParams, SVCState> {
  constructor(params: Partial<SVCParams> = {}) {
    super(
      {
        C: 1,
        kernel: 'rbf',
        degree: 3,
        gamma: 'scale',
        coef0: 0,
        tol: 1e-3,
        probability: false,
        maxIter: -1,
        decisionFunctionShape: 'ovr',
        cacheSize: 200,
        randomState: 0,
      },
      params,
    );
  }

  fit(X: MatrixLike, y: readonly Label[]): this {
    validateParams('SVC', this.params, {
      ...kernelConstraints,
      C: positive(),
      probability: bool,
      decisionFunctionShape: oneOf('ovr', 'ovo'),
      randomState: nonNegative(true),
    });
    const m = toMatrix('SVC.fit', X);
    const { classes, indices } = encodeLabels('SVC.fit', y, m.rows, 2);
    const p = this.params;
    const spec: KernelSpec = {
      kernel: p.kernel,
      degree: p.degree,
      gamma: resolveGamma(p.gamma, m),
      coef0: p.coef0,
    };
    const cacheBytes = p.cacheSize * 2 ** 20;
    const K = classes.length;
    // Group samples by class, keeping their order (libsvm's svm_group_classes with sorted labels).
    const count = new Array<number>(K).fill(0);
    for (const c of indices) count[c]++;
    const start = new Array<number>(K).fill(0);
    for (let k = 1; k < K; k++) start[k] = start[k - 1] + count[k - 1];
    const perm = new Int32Array(m.rows);
    const fill = [...start];
    for (let i = 0; i < m.rows; i++) perm[fill[indices[i]]++] = i;

    const rng = new Random(p.randomState);
    const nonzero = new Uint8Array(m.rows);
    const pairs: { coef: Float64Array; rho: number }[] = [];
    const probA: number[] = [];
    const probB: number[] = [];
    const nIter: number[] = [];
    for (let a = 0; a < K; a++) {
      for (let b = a + 1; b < K; b++) {
        const l = count[a] + count[b];
        const index = new Int32Array(l);
        const sign = new Int8Array(l);
        for (let k = 0; k < count[a]; k++) {
          index[k] = perm[start[a] + k];
          sign[k] = 1;
        }
        for (let k = 0; k < count[b]; k++) {
          index[count[a] + k] = perm[start[b] + k];
          sign[count[a] + k] = -1;
        }
        if (p.probability) {
          const [A, B] = this.plattFit(m, index, sign, spec, rng, cacheBytes);
          probA.push(A);
          probB.push(B);
        }
        const f = trainBinarySvc(m, index, sign, spec, p.C, p.tol, p.maxIter, cacheBytes);
        for (let k = 0; k < count[a]; k++) if (f.coef[k] !== 0) nonzero[start[a] + k] = 1;
        for (let k = 0; k < count[b]; k++) if (f.coef[count[a] + k] !== 0) nonzero[start[b] + k] = 1;
        pairs.push(f);
        nIter.push(f.nIter);
      }
    }
    // Support vectors in grouped order and libsvm's sv_coef layout.
    const nSupport = new Array<number>(K).fill(0);
    const support: number[] = [];
    for (let k = 0; k < K; k++) {
      for (let t = 0; t < count[k]; t++) {
        if (nonzero[start[k] + t]) {
          nSupport[k]++;
          support.push(perm[start[k] + t]);
        }
      }
    }
    const nzStart = new Array<number>(K).fill(0);
    for (let k = 1; k < K; k++) nzStart[k] = nzStart[k - 1] + nSupport[k - 1];
    const svCoef = Array.from({ length: K - 1 }, () => new Array<number>(support.length).fill(0));
    let pi = 0;
    for (let a = 0; a < K; a++) {
      for (let b = a + 1; b < K; b++) {
        const f = pairs[pi++];
        let q = nzStart[a];
        for (let k = 0; k < count[a]; k++) if (nonzero[start[a] + k]) svCoef[b - 1][q++] = f.coef[k];
        q = nzStart[b];
        for (let k = 0; k < count[b]; k++) if (nonzero[start[b] + k]) svCoef[a][q++] = f.coef[count[a] + k];
      }
    }
    this.state = {
      classes,
      gamma: spec.gamma,
      support,
      supportVectors: support.map((i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols))),
      nSupport,
      svCoef,
      rho: pairs.map((f) => f.rho),
      probA: p.probability ? probA : null,
      probB: p.probability ? probB : null,
      nIter,
      nFeaturesIn: m.cols,
    };
    return this;
  }

  /**
   * Platt's sigmoid for one class pair on 5-fold cross-validated decision values (libsvm's
   * svm_binary_svc_probability; the folds come from our seeded `Random`, not libsvm's generator).
   */
  private plattFit(
    m: Matrix,
    index: Int32Array,
    sign: Int8Array,
    spec: KernelSpec,
    rng: Random,
    cacheBytes: number,
  ): [number, number] {
    const l = index.length;
    const order = rng.shuffle(new Int32Array(l).map((_, i) => i)) as Int32Array;
    const dec = new Float64Array(l);
    const folds = 5;
    for (let f = 0; f < folds; f++) {
      const begin = Math.floor((f * l) / folds);
      const end = Math.floor(((f + 1) * l) / folds);
      const train: number[] = [];
      for (let j = 0; j < l; j++) if (j < begin || j >= end) train.push(order[j]);
      const pos = train.filter((t) => sign[t] > 0).length;
      const neg = train.length - pos;
      if (pos === 0 || neg === 0) {
        for (let j = begin; j < end; j++) dec[order[j]] = pos === 0 && neg === 0 ? 0 : pos > 0 ? 1 : -1;
        continue;
      }
      const subIndex = Int32Array.from(train, (t) => index[t]);
      const subSign = Int8Array.from(train, (t) => sign[t]);
      const sub = trainBinarySvc(
        m,
        subIndex,
        subSign,
        spec,
        this.params.C,
        this.params.tol,
        this.params.maxIter,
        cacheBytes,
      );
      for (let j = begin; j < end; j++) {
        const sample = index[order[j]];
        let s = -sub.rho;
        for (let k = 0; k < subIndex.length; k++) {
          if (sub.coef[k] !== 0) s += sub.coef[k] * kernelValue(spec, m, sample, m, subIndex[k]);
        }
        dec[order[j]] = s;
      }
    }
    return sigmoidTrain(
      dec,
      Uint8Array.from(sign, (s) => (s > 0 ? 1 : 0)),
    );
  }

  /** libsvm's pairwise decision values (n × K(K−1)/2; > 0 favours the lower class of the pair). */
  private pairwise(X: MatrixLike, op: string): { dec: number[][]; s: SVCState } {
    const s = this.fitted(`${op}()`);
    const m = toMatrix(`SVC.${op}`, X);
    checkFeatures(`SVC.${op}`, m, s.nFeaturesIn);
    const spec: KernelSpec = {
      kernel: this.params.kernel,
      degree: this.params.degree,
      gamma: s.gamma,
      coef0: this.params.coef0,
    };
    const nSV = s.support.length;
    const sv: Matrix = {
      data: Float64Array.from(s.supportVectors.flat()),
      rows: nSV,
      cols: s.nFeaturesIn,
    };
    const K = s.classes.length;
    const start = new Array<number>(K).fill(0);
    for (let k = 1; k < K; k++) start[k] = start[k - 1] + s.nSupport[k - 1];
    const kv = new Float64Array(nSV);
    const dec: number[][] = [];
    for (let i = 0; i < m.rows; i++) {
      for (let t = 0; t < nSV; t++) kv[t] = kernelValue(spec, m, i, sv, t);
      const row: number[] = [];
      let p = 0;
      for (let a = 0; a < K; a++) {
        for (let b = a + 1; b < K; b++) {
          let sum = 0;
          const c1 = s.svCoef[b - 1];
          const c2 = s.svCoef[a];
          for (let k = 0; k < s.nSupport[a]; k++) sum += c1[start[a] + k] * kv[start[a] + k];
          for (let k = 0; k < s.nSupport[b]; k++) sum += c2[start[b] + k] * kv[start[b] + k];
          row.push(sum - s.rho[p++]);
        }
      }
      dec.push(row);
    }
    return { dec, s };
  }

  /**
   * Decision values like sklearn: n × 1 for two classes (> 0 means classes[1]); otherwise n × nClasses
   * ('ovr': votes plus a confidence in (−⅓, ⅓)) or n × K(K−1)/2 ('ovo').
   */
  decisionFunction(X: MatrixLike): number[][] {
    const { dec, s } = this.pairwise(X, 'decisionFunction');
    const K = s.classes.length;
    if (K === 2) return dec.map((r) => [-r[0]]);
    if (this.params.decisionFunctionShape === 'ovo') return dec;
    return dec.map((r) => {
      const votes = new Array<number>(K).fill(0);
      const conf = new Array<number>(K).fill(0);
      let p = 0;
      for (let a = 0; a < K; a++) {
        for (let b = a + 1; b < K; b++) {
          conf[a] += r[p];
          conf[b] -= r[p];
          if (r[p] >= 0) votes[a]++;
          else votes[b]++;
          p++;
        }
      }
      return votes.map((v, k) => v + conf[k] / (3 * (Math.abs(conf[k]) + 1)));
    });
  }

  predict(X: MatrixLike): Label[] {
    const { dec, s } = this.pairwise(X, 'predict');
    const K = s.classes.length;
    return dec.map((r) => {
      const votes = new Array<number>(K).fill(0);
      let p = 0;
      for (let a = 0; a < K; a++) for (let b = a + 1; b < K; b++) votes[r[p++] > 0 ? a : b]++;
      let best = 0;
      for (let k = 1; k < K; k++) if (votes[k] > votes[best]) best = k;
      return s.classes[best];
    });
  }

  /** Class probabilities (n × nClasses) from Platt sigmoids and pairwise coupling; needs `probability: true`. */
  predictProba(X: MatrixLike): number[][] {
    if (!this.params.probability)
      throw new ValueError("SVC.predictProba: probability estimates need 'probability: true' at fit time.");
    const { dec, s } = this.pairwise(X, 'predictProba');
    if (!s.probA || !s.probB)
      throw new ValueError("SVC.predictProba: this model was fitted without 'probability: true'.");
    const K = s.classes.length;
    const minProb = 1e-7;
    return dec.map((row) => {
      const r = Array.from({ length: K }, () => new Array<number>(K).fill(0));
      let p = 0;
      for (let a = 0; a < K; a++) {
        for (let b = a + 1; b < K; b++) {
          const v = Math.min(
            Math.max(sigmoidPredict(row[p], (s.probA as number[])[p], (s.probB as number[])[p]), minProb),
            1 - minProb,
          );
          r[a][b] = v;
          r[b][a] = 1 - v;
          p++;
        }
      }
      return pairwiseCoupling(r);
    });
  }

  /** Mean accuracy. */
  score(X: MatrixLike, y: readonly Label[]): number {
    return classifierScore(this.predict(X), y);
  }

  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  /** Indices of the support vectors in the training data, grouped by class. */
  get support(): number[] {
    return [...this.fitted('reading support').support];
  }

  get supportVectors(): number[][] {
    return this.fitted('reading supportVectors').supportVectors.map((r) => [...r]);
  }

  /** Number of support vectors per class. */
  get nSupport(): number[] {
    return [...this.fitted('reading nSupport').nSupport];
  }

  /** Dual coefficients y·α, (nClasses − 1) × nSV in libsvm's layout (sign flipped for two classes, as sklearn). */
  get dualCoef(): number[][] {
    const s = this.fitted('reading dualCoef');
    return s.classes.length === 2 ? [s.svCoef[0].map((v) => -v)] : s.svCoef.map((r) => [...r]);
  }

  /** Intercepts per class pair (−ρ; +ρ for two classes, as sklearn). */
  get intercept(): number[] {
    const s = this.fitted('reading intercept');
    return s.classes.length === 2 ? [s.rho[0]] : s.rho.map((r) => -r);
  }

  /** Platt sigmoid slopes per class pair (with `probability: true`). */
  get probA(): number[] {
    return [...(this.fitted('reading probA').probA ?? [])];
  }

  get probB(): number[] {
    return [...(this.fitted('reading probB').probB ?? [])];
  }

  /** The γ used (resolved from 'scale' / 'auto'). */
  get gamma(): number {
    return this.fitted('reading gamma').gamma;
  }

  /** SMO iterations per class pair. */
  get nIter(): number[] {
    return [...this.fitted('reading nIter').nIter];
  }
}
