import { betas, nonNegative } from './internal/validate';
import { Optimizer, type ParamGroup, type ParamsInput, type UpdateResult } from './optimizer';

export interface LionOptions {
  /** Learning rate η (default 1e-4; typically 3–10× smaller than AdamW's). */
  lr: number;
  /** [β1, β2]: β1 interpolates the update direction, β2 tracks the momentum (default [0.9, 0.99]). */
  betas: readonly [number, number];
  /** Decoupled weight decay λ (default 0; typically 3–10× larger than AdamW's). */
  weightDecay: number;
}

/** Lion state: the momentum. */
export type LionState = { expAvg: Float32Array };

const f = Math.fround;

/**
 * One Lion step (pure): `c = β1 m + (1 − β1)g`; `p ← p(1 − ηλ) − η·sign(c)`; `m ← β2 m + (1 − β2)g`.
 * Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", https://arxiv.org/abs/2302.06675
 */
export function lionUpdate(
  param: Float32Array,
  grad: Float32Array,
  state: LionState | undefined,
  o: LionOptions,
): UpdateResult<LionState> {
  const out = param.slice();
  const copy = state && { expAvg: state.expAvg.slice() };
  return { param: out, state: lionUpdateInPlace(out, grad, copy, o) };
}

/** `lionUpdate` writing into `param` and the state's momentum (created on the first step); returns the state. */
function lionUpdateInPlace(
  param: Float32Array,
  grad: Float32Array,
  state: LionState | undefined,
  o: LionOptions,
): LionState {
  const n = param.length;
  const expAvg = state?.expAvg ?? new Float32Array(n);
  const [beta1, beta2] = o.betas;
  const shrink = f(1 - o.lr * o.weightDecay);
  const negLr = f(-o.lr);
  const b1 = f(beta1);
  const b2 = f(beta2);
  const oneMinusB1 = f(1 - beta1);
  const oneMinusB2 = f(1 - beta2);
  for (let i = 0; i < n; i++) {
    const g = grad[i];
    const m = expAvg[i];
    const c = f(f(m * b1) + oneMinusB1 * g);
    param[i] = f(param[i] * shrink) + negLr * Math.sign(c);
    expAvg[i] = f(m * b2) + oneMinusB2 * g;
  }
  return { expAvg };
}

function validate(o: LionOptions): void {
  nonNegative('Lion', 'lr', o.lr);
  betas('Lion', o.betas);
  nonNegative('Lion', 'weightDecay', o.weightDecay);
}

/** Lion (EvoLved Sign Momentum): a sign update with one momentum buffer; not in PyTorch 1.13. */
export class Lion extends Optimizer<LionOptions, LionState> {
  constructor(params: ParamsInput<LionOptions>, options: Partial<LionOptions> = {}) {
    super('Lion', params, { lr: 1e-4, betas: [0.9, 0.99], weightDecay: 0, ...options }, validate);
  }

  protected update(
    param: Float32Array,
    grad: Float32Array,
    state: LionState | undefined,
    group: ParamGroup<LionOptions>,
  ): UpdateResult<LionState> {
    return lionUpdate(param, grad, state, group);
  }

  protected updateInPlace(
    param: Float32Array,
    grad: Float32Array,
    state: LionState | undefined,
    group: ParamGroup<LionOptions>,
  ): LionState {
    return lionUpdateInPlace(param, grad, state, group);
  }
}
