import { encodeLabels, type Label } from '../internal/labels';
import { dualCoordinateDescent } from '../internal/liblinear';
import { LinearClassifier } from '../internal/linear-model';
import { type MatrixLike, toMatrix } from '../internal/matrix';
import { bool, nonNegative, oneOf, positive, validateParams } from '../internal/params';
import { Random } from '../internal/random';

export interface LinearSVCParams {
  /** Penalty on the loss: min ½‖w‖² + C Σ loss (default 1). */
  C: number;
  /** 'squared_hinge' (default, liblinear's L2-loss) or 'hinge' (L1-loss). */
  loss: 'squared_hinge' | 'hinge';
  /** Fit an intercept through a constant feature (default true). */
  fitIntercept: boolean;
  /** Value of the constant feature; its weight is penalised, so larger values weaken that penalty (default 1). */
  interceptScaling: number;
  /** Stop when the projected-gradient spread is ≤ tol (default 1e-4). */
  tol: number;
  /** Maximum passes over the data per binary problem (default 1000). */
  maxIter: number;
  /** Seed of the coordinate order (default 0). */
  randomState: number;
}

/**
 * Linear support-vector classification like sklearn's LinearSVC (liblinear, penalty 'l2', dual):
 * dual coordinate descent on L2-regularised (squared) hinge loss, one-vs-rest for more than two
 * classes, the intercept learned as the weight of a constant feature `interceptScaling`.
 */
export class LinearSVC extends LinearClassifier<LinearSVCParams> {
  constructor(params: Partial<LinearSVCParams> = {}) {
    super(
      {
        C: 1,
        loss: 'squared_hinge',
        fitIntercept: true,
        interceptScaling: 1,
        tol: 1e-4,
        maxIter: 1000,
        randomState: 0,
      },
      params,
    );
  }

  fit(X: MatrixLike, y: readonly Label[]): this {
    validateParams('LinearSVC', this.params, {
      C: positive(),
      loss: oneOf('squared_hinge', 'hinge'),
      fitIntercept: bool,
      interceptScaling: positive(),
      tol: positive(),
      maxIter: positive(true),
      randomState: nonNegative(true),
    });
    const m = toMatrix('LinearSVC.fit', X);
    const { classes, indices } = encodeLabels('LinearSVC.fit', y, m.rows, 2);
    const p = this.params;
    const bias = p.fitIntercept ? p.interceptScaling : 0;
    const rng = new Random(p.randomState);
    const coef: number[][] = [];
    const intercept: number[] = [];
    let nIter = 0;
    const problems = classes.length === 2 ? [1] : classes.map((_, k) => k);
    for (const positiveClass of problems) {
      const target = Float64Array.from(indices, (c) => (c === positiveClass ? 1 : -1));
      const r = dualCoordinateDescent(
        m,
        target,
        p.C,
        p.loss === 'squared_hinge',
        bias,
        p.tol,
        p.maxIter,
        rng,
      );
      coef.push(Array.from(r.w.subarray(0, m.cols)));
      intercept.push(bias > 0 ? bias * r.w[m.cols] : 0);
      nIter = Math.max(nIter, r.nIter);
    }
    this.state = { classes, coef, intercept, nIter, nFeaturesIn: m.cols };
    return this;
  }
}
