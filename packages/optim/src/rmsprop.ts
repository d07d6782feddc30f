import { bool, nonNegative } from './internal/validate';
import { Optimizer, type ParamGroup, type ParamsInput, type UpdateResult } from './optimizer';

export interface RMSpropOptions {
  /** Learning rate η (default 1e-2). */
  lr: number;
  /** Smoothing constant α of the squared-gradient average (default 0.99). */
  alpha: number;
  /** Added to the denominator for stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Momentum factor (default 0). */
  momentum: number;
  /** Normalise by the estimated variance `v − ḡ²` instead of the raw second moment. */
  centered: boolean;
  /** Ascend the objective instead of descending it. */
  maximize: boolean;
}

/** RMSprop state: step count, squared-gradient average, and the optional momentum / gradient averages. */
export type RMSpropState = {
  step: number;
  squareAvg: Float32Array;
  momentumBuffer?: Float32Array;
  gradAvg?: Float32Array;
};

const f = Math.fround;

/**
 * One RMSprop step (pure), matching torch 1.13: `g ← g + λp`; `v ← αv + (1 − α)g²`;
 * `ḡ ← αḡ + (1 − α)g` and `d = √(v − ḡ²) + ε` (centered) or `d = √v + ε`;
 * `b ← μb + g/d`, `p ← p − ηb` (momentum) or `p ← p − ηg/d`.
 * Hinton, Lecture 6e, https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf
 */
export function rmspropUpdate(
  param: Float32Array,
  grad: Float32Array,
  state: RMSpropState | undefined,
  o: RMSpropOptions,
): UpdateResult<RMSpropState> {
  const n = param.length;
  const squareAvg = state ? state.squareAvg.slice() : new Float32Array(n);
  const useMomentum = o.momentum > 0;
  const buf = useMomentum
    ? (state?.momentumBuffer?.slice() ?? new Float32Array(n))
    : state?.momentumBuffer?.slice();
  const gradAvg = o.centered ? (state?.gradAvg?.slice() ?? new Float32Array(n)) : state?.gradAvg?.slice();
  const out = new Float32Array(n);
  const alpha = f(o.alpha);
  const oneMinusAlpha = f(1 - o.alpha);
  const eps = f(o.eps);
  const wd = f(o.weightDecay);
  const mu = f(o.momentum);
  const negLr = f(-o.lr);
  for (let i = 0; i < n; i++) {
    const p = param[i];
    let g = o.maximize ? -grad[i] : grad[i];
    if (o.weightDecay !== 0) g = f(g + wd * p);
    const v = f(f(squareAvg[i] * alpha) + f(f(oneMinusAlpha * g) * g));
    squareAvg[i] = v;
    let avg: number;
    if (o.centered && gradAvg) {
      const ga = f(f(gradAvg[i] * alpha) + oneMinusAlpha * g);
      gradAvg[i] = ga;
      avg = f(Math.sqrt(f(v + f(-ga * ga))));
    } else {
      avg = f(Math.sqrt(v));
    }
    avg = f(avg + eps);
    if (useMomentum && buf) {
      const b = f(f(buf[i] * mu) + f(g / avg));
      buf[i] = b;
      out[i] = p + negLr * b;
    } else {
      out[i] = p + f(f(negLr * g) / avg);
    }
  }
  const next: RMSpropState = { step: (state?.step ?? 0) + 1, squareAvg };
  if (buf) next.momentumBuffer = buf;
  if (gradAvg) next.gradAvg = gradAvg;
  return { param: out, state: next };
}

function validate(o: RMSpropOptions): void {
  nonNegative('RMSprop', 'lr', o.lr);
  nonNegative('RMSprop', 'alpha', o.alpha);
  nonNegative('RMSprop', 'eps', o.eps);
  nonNegative('RMSprop', 'weightDecay', o.weightDecay);
  nonNegative('RMSprop', 'momentum', o.momentum);
  bool('RMSprop', 'centered', o.centered);
  bool('RMSprop', 'maximize', o.maximize);
}

/** RMSprop with optional centering and momentum — `torch.optim.RMSprop`. */
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState> {
  constructor(params: ParamsInput<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super(
      'RMSprop',
      params,
      {
        lr: 1e-2,
        alpha: 0.99,
        eps: 1e-8,
        weightDecay: 0,
        momentum: 0,
        centered: false,
        maximize: false,
        ...options,
      },
      validate,
    );
  }

  protected update(
    param: Float32Array,
    grad: Float32Array,
    state: RMSpropState | undefined,
    group: ParamGroup<RMSpropOptions>,
  ): UpdateResult<RMSpropState> {
    return rmspropUpdate(param, grad, state, group);
  }
}
