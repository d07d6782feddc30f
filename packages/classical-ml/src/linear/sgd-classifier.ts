import { ValueError } from '../errors';
import { encodeLabels, type Label } from '../internal/labels';
import { LinearClassifier, sigmoid } from '../internal/linear-model';
import { type Matrix, type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, nonNegative, oneOf, positive, validateParams } from '../internal/params';
import { Random } from '../internal/random';

export interface SGDClassifierParams {
  /** 'hinge' (a linear SVM, default) or 'log_loss' (logistic regression, enables predictProba). */
  loss: 'hinge' | 'log_loss';
  /** L2 penalty strength α, also the scale of the 'optimal' learning rate (default 1e-4). */
  alpha: number;
  /** Fit an unpenalised intercept (default true). */
  fitIntercept: boolean;
  /** Maximum number of epochs (default 1000). */
  maxIter: number;
  /** Stop after `nIterNoChange` epochs whose loss is not below best − tol·n; null never stops early (default 1e-3). */
  tol: number | null;
  /** Epochs without improvement before stopping (default 5). */
  nIterNoChange: number;
  /** Shuffle the samples before every epoch (default true). */
  shuffle: boolean;
  /** Seed of the shuffling (default 0). */
  randomState: number;
}

/**
 * A linear classifier trained by plain stochastic gradient descent on an L2-regularised convex loss,
 * like sklearn's SGDClassifier with penalty 'l2' and learning_rate 'optimal':
 * η_t = 1 / (α (t₀ + t)) (Bottou's heuristic t₀), one-vs-rest for more than two classes.
 * Randomness (the epoch shuffles) comes from `randomState`, so weights differ from sklearn's while
 * held-out accuracy agrees.
 */
export class SGDClassifier extends LinearClassifier<SGDClassifierParams> {
  constructor(params: Partial<SGDClassifierParams> = {}) {
    super(
      {
        loss: 'hinge',
        alpha: 1e-4,
        fitIntercept: true,
        maxIter: 1000,
        tol: 1e-3,
        nIterNoChange: 5,
        shuffle: true,
        randomState: 0,
      },
      params,
    );
  }

  fit(X: MatrixLike, y: readonly Label[]): this {
    validateParams('SGDClassifier', this.params, {
      loss: oneOf('hinge', 'log_loss'),
      alpha: positive(),
      fitIntercept: bool,
      maxIter: positive(true),
      tol: { kind: 'number', min: 0, nullable: true },
      nIterNoChange: positive(true),
      shuffle: bool,
      randomState: nonNegative(true),
    });
    if (!Number.isFinite(this.params.alpha))
      throw new ValueError(`SGDClassifier: 'alpha' must be finite, got ${this.params.alpha}.`);
    const m = toMatrix('SGDClassifier.fit', X);
    const { classes, indices } = encodeLabels('SGDClassifier.fit', y, m.rows, 2);
    const rng = new Random(this.params.randomState);
    const coef: number[][] = [];
    const intercept: number[] = [];
    let nIter = 0;
    const problems = classes.length === 2 ? [1] : classes.map((_, k) => k);
    for (const positiveClass of problems) {
      const target = new Float64Array(m.rows);
      for (let i = 0; i < m.rows; i++) target[i] = indices[i] === positiveClass ? 1 : -1;
      const r = this.plainSgd(m, target, rng);
      coef.push(r.w);
      intercept.push(r.b);
      nIter = Math.max(nIter, r.epochs);
    }
    this.state = { classes, coef, intercept, nIter, nFeaturesIn: m.cols };
    return this;
  }

  private plainSgd(m: Matrix, y: Float64Array, rng: Random): { w: number[]; b: number; epochs: number } {
    const { alpha, loss, fitIntercept, maxIter, tol, nIterNoChange, shuffle } = this.params;
    const { rows, cols, data } = m;
    const lossFn = loss === 'hinge' ? hinge : logLoss;
    const dloss = loss === 'hinge' ? hingeDerivative : logLossDerivative;
    // w = wscale · v keeps the per-step L2 shrinkage O(1) (sklearn's WeightVector).
    const v = new Float64Array(cols);
    let wscale = 1;
    let b = 0;
    const typw = Math.sqrt(1 / Math.sqrt(alpha));
    const eta0 = typw / Math.max(1, dloss(-typw, 1));
    const t0 = 1 / (eta0 * alpha);
    let t = 1;
    const order = new Int32Array(rows).map((_, i) => i);
    let best = Number.POSITIVE_INFINITY;
    let noImprovement = 0;
    let epoch = 0;
    while (epoch < maxIter) {
      epoch++;
      if (shuffle) rng.shuffle(order);
      let sumLoss = 0;
      for (let s = 0; s < rows; s++) {
        const i = order[s];
        const o = i * cols;
        const eta = 1 / (alpha * (t0 + t - 1));
        let p = 0;
        for (let j = 0; j < cols; j++) p += v[j] * data[o + j];
        p = p * wscale + b;
        sumLoss += lossFn(p, y[i]);
        const g = Math.min(Math.max(dloss(p, y[i]), -1e12), 1e12);
        const update = -eta * g;
        wscale *= Math.max(0, 1 - eta * alpha);
        if (update !== 0) {
          const c = update / wscale;
          for (let j = 0; j < cols; j++) v[j] += c * data[o + j];
          if (fitIntercept) b += update;
        }
        if (wscale < 1e-9) {
          for (let j = 0; j < cols; j++) v[j] *= wscale;
          wscale = 1;
        }
        t++;
      }
      if (!Number.isFinite(sumLoss) || !Number.isFinite(b)) {
        throw new ValueError(
          'SGDClassifier.fit: the weights diverged (floating-point overflow); scale the features or raise alpha.',
        );
      }
      if (tol !== null) {
        if (sumLoss > best - tol * rows) noImprovement++;
        else noImprovement = 0;
        if (sumLoss < best) best = sumLoss;
        if (noImprovement >= nIterNoChange) break;
      }
    }
    return { w: Array.from(v, (x) => x * wscale), b, epochs: epoch };
  }

  /**
   * Probabilities for loss 'log_loss' (sklearn raises for 'hinge'): sigmoid of the score for two
   * classes, one-vs-rest sigmoids normalised to sum to 1 otherwise.
   */
  predictProba(X: MatrixLike): number[][] {
    if (this.params.loss !== 'log_loss')
      throw new ValueError(
        `SGDClassifier.predictProba: probability estimates need loss 'log_loss', not '${this.params.loss}'.`,
      );
    return this.decisionFunction(X).map((r) => {
      if (r.length === 1) {
        const p = sigmoid(r[0]);
        return [1 - p, p];
      }
      const p = r.map(sigmoid);
      const sum = p.reduce((a, c) => a + c, 0);
      return sum === 0 ? p.map(() => 1 / p.length) : p.map((q) => q / sum);
    });
  }
}

const hinge = (p: number, y: number): number => Math.max(0, 1 - p * y);
const hingeDerivative = (p: number, y: number): number => (p * y <= 1 ? -y : 0);

function logLoss(p: number, y: number): number {
  const z = p * y;
  if (z > 18) return Math.exp(-z);
  if (z < -18) return -z;
  return Math.log1p(Math.exp(-z));
}

function logLossDerivative(p: number, y: number): number {
  const z = p * y;
  if (z > 18) return -y * Math.exp(-z);
  if (z < -18) return -y;
  return -y / (Math.exp(z) + 1);
}
