import { bool, nonNegative } from './internal/validate';
import { Optimizer, type ParamGroup, type ParamsInput, type UpdateResult } from './optimizer';

export interface AdagradOptions {
  /** Learning rate η (default 1e-2). */
  lr: number;
  /** Learning-rate decay: step t uses `η / (1 + (t − 1) · lrDecay)` (default 0). */
  lrDecay: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Starting value of the squared-gradient sum (default 0). */
  initialAccumulatorValue: number;
  /** Added to the denominator for stability (default 1e-10). */
  eps: number;
  /** Ascend the objective instead of descending it. */
  maximize: boolean;
}

/** Adagrad state: step count and the running sum of squared gradients. */
export type AdagradState = { step: number; sum: Float32Array };

const f = Math.fround;

/**
 * One Adagrad step (pure), matching torch 1.13: `g ← g + λp`; `η_t = η / (1 + (t − 1)·lrDecay)`;
 * `s ← s + g²`; `p ← p − η_t g / (√s + ε)`. Duchi et al. 2011,
 * https://jmlr.org/papers/v12/duchi11a.html
 */
export function adagradUpdate(
  param: Float32Array,
  grad: Float32Array,
  state: AdagradState | undefined,
  o: AdagradOptions,
): UpdateResult<AdagradState> {
  const n = param.length;
  const step = (state?.step ?? 0) + 1;
  const sum = state ? state.sum.slice() : new Float32Array(n).fill(o.initialAccumulatorValue);
  const out = new Float32Array(n);
  const negClr = f(-(o.lr / (1 + (step - 1) * o.lrDecay)));
  const eps = f(o.eps);
  const wd = f(o.weightDecay);
  for (let i = 0; i < n; i++) {
    const p = param[i];
    let g = o.maximize ? -grad[i] : grad[i];
    if (o.weightDecay !== 0) g = f(g + wd * p);
    const s = f(sum[i] + f(g * g));
    sum[i] = s;
    const std = f(f(Math.sqrt(s)) + eps);
    out[i] = p + f(f(negClr * g) / std);
  }
  return { param: out, state: { step, sum } };
}

function validate(o: AdagradOptions): void {
  nonNegative('Adagrad', 'lr', o.lr);
  nonNegative('Adagrad', 'lrDecay', o.lrDecay);
  nonNegative('Adagrad', 'weightDecay', o.weightDecay);
  nonNegative('Adagrad', 'initialAccumulatorValue', o.initialAccumulatorValue);
  nonNegative('Adagrad', 'eps', o.eps);
  bool('Adagrad', 'maximize', o.maximize);
}

/** Adagrad — `torch.optim.Adagrad`. The accumulator starts on a parameter's first update. */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState> {
  constructor(params: ParamsInput<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super(
      'Adagrad',
      params,
      {
        lr: 1e-2,
        lrDecay: 0,
        weightDecay: 0,
        initialAccumulatorValue: 0,
        eps: 1e-10,
        maximize: false,
        ...options,
      },
      validate,
    );
  }

  protected update(
    param: Float32Array,
    grad: Float32Array,
    state: AdagradState | undefined,
    group: ParamGroup<AdagradOptions>,
  ): UpdateResult<AdagradState> {
    return adagradUpdate(param, grad, state, group);
  }
}
