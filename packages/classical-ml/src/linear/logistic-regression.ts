import { ValueError } from '../errors';
import { encodeLabels, type Label } from '../internal/labels';
import { lbfgs } from '../internal/lbfgs';
import { choleskySolve } from '../internal/least-squares';
import { LinearClassifier, labelsFromDecision, sigmoid, softmaxInPlace } from '../internal/linear-model';
import { type Matrix, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, nonNegative, oneOf, positive, validateParams } from '../internal/params';

export interface LogisticRegressionParams {
  /** Inverse L2 regularisation strength: the objective is C·Σ logloss + ½‖W‖² (default 1). */
  C: number;
  /** Fit an unpenalised intercept (default true). */
  fitIntercept: boolean;
  /** 'lbfgs' (default, like sklearn) or 'newton' (Newton's method with the exact Hessian, i.e. IRLS). */
  solver: 'lbfgs' | 'newton';
  /** Maximum solver iterations (default 100). */
  maxIter: number;
  /** Stop when the gradient's largest entry is ≤ tol (default 1e-4; sklearn's `gtol` for lbfgs). */
  tol: number;
}

/**
 * L2-regularised logistic regression like sklearn's LogisticRegression (penalty 'l2', multi_class
 * 'auto'): two classes fit one sigmoid model, more classes one multinomial softmax model, minimising
 * C·Σᵢ −log p(yᵢ | xᵢ) + ½‖W‖² with the intercept unpenalised. Solvers: L-BFGS (default) or Newton/IRLS.
 */
export class LogisticRegression extends LinearClassifier<LogisticRegressionParams> {
  constructor(params: Partial<LogisticRegressionParams> = {}) {
    super({ C: 1, fitIntercept: true, solver: 'lbfgs', maxIter: 100, tol: 1e-4 }, params);
  }

  fit(X: MatrixLike, y: readonly Label[]): this {
    validateParams('LogisticRegression', this.params, {
      C: positive(),
      fitIntercept: bool,
      solver: oneOf('lbfgs', 'newton'),
      maxIter: positive(true),
      tol: nonNegative(),
    });
    if (!Number.isFinite(this.params.C))
      throw new ValueError(`LogisticRegression: 'C' must be finite, got ${this.params.C}.`);
    const m = toMatrix('LogisticRegression.fit', X);
    const { classes, indices } = encodeLabels('LogisticRegression.fit', y, m.rows, 2);
    const rowsOut = classes.length === 2 ? 1 : classes.length;
    const { fitIntercept, C, maxIter, tol } = this.params;
    const problem = new LogisticProblem(m, indices, rowsOut, fitIntercept, 1 / C);
    const x0 = new Float64Array(problem.size);
    let x: Float64Array;
    let nIter: number;
    if (this.params.solver === 'lbfgs') {
      const r = lbfgs((w, g) => problem.lossGradient(w, g), x0, { maxIter, gtol: tol });
      x = r.x;
      nIter = r.nIter;
    } else {
      const r = problem.newton(x0, maxIter, tol);
      x = r.x;
      nIter = r.nIter;
    }
    const stride = m.cols + (fitIntercept ? 1 : 0);
    if (rowsOut > 1 && fitIntercept) {
      // Softmax is invariant to a common intercept shift; report the zero-sum representative.
      let mean = 0;
      for (let k = 0; k < rowsOut; k++) mean += x[k * stride + m.cols] / rowsOut;
      for (let k = 0; k < rowsOut; k++) x[k * stride + m.cols] -= mean;
    }
    const coef: number[][] = [];
    const intercept: number[] = [];
    for (let k = 0; k < rowsOut; k++) {
      coef.push(Array.from(x.subarray(k * stride, k * stride + m.cols)));
      intercept.push(fitIntercept ? x[k * stride + m.cols] : 0);
    }
    this.state = { classes, coef, intercept, nIter, nFeaturesIn: m.cols };
    return this;
  }

  /** Class probabilities (n × nClasses): sigmoid for two classes, softmax otherwise. */
  predictProba(X: MatrixLike): number[][] {
    return this.scores(X, 'predictProba').map((r) => {
      if (r.length === 1) {
        const p = sigmoid(r[0]);
        return [1 - p, p];
      }
      return softmaxInPlace(r);
    });
  }

  predictLogProba(X: MatrixLike): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }

  override predict(X: MatrixLike): Label[] {
    const scores = this.scores(X, 'predict');
    return labelsFromDecision(scores, this.fitted('predict()').classes);
  }
}

/**
 * The penalised negative log-likelihood Σᵢ −log p(yᵢ | xᵢ) + λ/2·‖W‖² (λ = 1/C) over a flat parameter
 * vector: `rows` blocks of [w (d), b (if fitIntercept)]; rows = 1 is the binary sigmoid model.
 */
class LogisticProblem {
  readonly stride: number;
  readonly size: number;

  constructor(
    private readonly X: Matrix,
    private readonly y: Int32Array,
    private readonly rows: number,
    private readonly fitIntercept: boolean,
    private readonly lambda: number,
  ) {
    this.stride = X.cols + (fitIntercept ? 1 : 0);
    this.size = rows * this.stride;
  }

  /** Class probabilities of sample i into p (length `rows`; for rows = 1, P(classes[1])); returns the loss. */
  private sampleLoss(w: Float64Array, i: number, p: Float64Array): number {
    const { X, rows, stride } = this;
    const d = X.cols;
    const o = i * d;
    if (rows === 1) {
      let z = this.fitIntercept ? w[d] : 0;
      for (let j = 0; j < d; j++) z += X.data[o + j] * w[j];
      p[0] = sigmoid(z);
      const yi = this.y[i];
      // log(1 + e^z) − y z, computed stably.
      const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      return softplus - yi * z;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < rows; k++) {
      let z = this.fitIntercept ? w[k * stride + d] : 0;
      for (let j = 0; j < d; j++) z += X.data[o + j] * w[k * stride + j];
      p[k] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let k = 0; k < rows; k++) sum += Math.exp(p[k] - max);
    const lse = max + Math.log(sum);
    const zy = p[this.y[i]];
    for (let k = 0; k < rows; k++) p[k] = Math.exp(p[k] - lse);
    return lse - zy;
  }

  /** Residual r_k = p_k − [y = k] of sample i (r has `rows` entries). */
  private residual(i: number, p: Float64Array, r: Float64Array): void {
    if (this.rows === 1) r[0] = p[0] - this.y[i];
    else for (let k = 0; k < this.rows; k++) r[k] = p[k] - (this.y[i] === k ? 1 : 0);
  }

  lossGradient(w: Float64Array, grad: Float64Array): number {
    const { X, rows, stride } = this;
    const d = X.cols;
    grad.fill(0);
    const p = new Float64Array(rows);
    const r = new Float64Array(rows);
    let f = 0;
    for (let i = 0; i < X.rows; i++) {
      f += this.sampleLoss(w, i, p);
      this.residual(i, p, r);
      const o = i * d;
      for (let k = 0; k < rows; k++) {
        const rk = r[k];
        if (rk === 0) continue;
        const base = k * stride;
        for (let j = 0; j < d; j++) grad[base + j] += rk * X.data[o + j];
        if (this.fitIntercept) grad[base + d] += rk;
      }
    }
    for (let k = 0; k < rows; k++) {
      for (let j = 0; j < d; j++) {
        const wj = w[k * stride + j];
        f += 0.5 * this.lambda * wj * wj;
        grad[k * stride + j] += this.lambda * wj;
      }
    }
    return f;
  }

  /** Newton's method with the exact Hessian (IRLS), a Cholesky solve per step and Armijo backtracking. */
  newton(x0: Float64Array, maxIter: number, tol: number): { x: Float64Array; nIter: number } {
    const { X, rows, stride, size } = this;
    const d = X.cols;
    let x = Float64Array.from(x0);
    const g = new Float64Array(size);
    let f = this.lossGradient(x, g);
    const p = new Float64Array(rows);
    const xa = new Float64Array(stride); // x̃ = [x, 1]
    const gTrial = new Float64Array(size);
    let iter = 0;
    for (; iter < maxIter; iter++) {
      let gmax = 0;
      for (let k = 0; k < size; k++) gmax = Math.max(gmax, Math.abs(g[k]));
      if (gmax <= tol) break;
      const H = new Float64Array(size * size);
      for (let i = 0; i < X.rows; i++) {
        this.sampleLoss(x, i, p);
        for (let j = 0; j < d; j++) xa[j] = X.data[i * d + j];
        if (this.fitIntercept) xa[d] = 1;
        for (let k = 0; k < rows; k++) {
          for (let l = 0; l <= k; l++) {
            // ∂²/∂w_k∂w_l = p_k(δ_kl − p_l) x̃ x̃ᵀ (binary: p(1 − p) x̃ x̃ᵀ).
            const c = rows === 1 ? p[0] * (1 - p[0]) : p[k] * ((k === l ? 1 : 0) - p[l]);
            if (c === 0) continue;
            for (let a = 0; a < stride; a++) {
              const ca = c * xa[a];
              const rowBase = (k * stride + a) * size + l * stride;
              for (let b = 0; b < stride; b++) H[rowBase + b] += ca * xa[b];
            }
          }
        }
      }
      let maxDiag = 0;
      for (let k = 0; k < rows; k++)
        for (let j = 0; j < d; j++) H[(k * stride + j) * (size + 1)] += this.lambda;
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < a; b++) H[b * size + a] = H[a * size + b];
        maxDiag = Math.max(maxDiag, H[a * size + a]);
      }
      // The softmax intercepts are invariant to a common shift: a tiny ridge makes H definite.
      let step: Float64Array | null = null;
      for (let jitter = 1e-12 * maxDiag; step === null && jitter < maxDiag; jitter *= 100) {
        const Hj = Float64Array.from(H);
        for (let a = 0; a < size; a++) Hj[a * size + a] += jitter;
        try {
          step = choleskySolve(Hj, size, g);
        } catch {
          step = null;
        }
      }
      if (step === null) break;
      if (rows > 1 && this.fitIntercept) {
        // Keep the step off the softmax's flat direction (a common intercept shift).
        let mean = 0;
        for (let k = 0; k < rows; k++) mean += step[k * stride + d] / rows;
        for (let k = 0; k < rows; k++) step[k * stride + d] -= mean;
      }
      let slope = 0;
      for (let k = 0; k < size; k++) slope -= g[k] * step[k];
      // Newton decrement λ²/2 = −slope/2 bounds the remaining suboptimality: stop at rounding level.
      const done = -slope / 2 <= 1e-15 * Math.max(1, Math.abs(f));
      let t = 1;
      let accepted = false;
      const trial = new Float64Array(size);
      for (let ls = 0; ls < 50; ls++) {
        for (let k = 0; k < size; k++) trial[k] = x[k] - t * step[k];
        const fTrial = this.lossGradient(trial, gTrial);
        if (fTrial <= f + 1e-4 * t * slope) {
          x = trial;
          f = fTrial;
          g.set(gTrial);
          accepted = true;
          break;
        }
        t /= 2;
      }
      if (!accepted) break;
      if (done) {
        iter++;
        break;
      }
    }
    return { x, nIter: iter };
  }
}
