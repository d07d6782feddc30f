import { ValueError } from '@llm/tensor';
import { bool, nonNegative } from './internal/validate';
import { Optimizer, type ParamGroup, type ParamsInput, type UpdateResult } from './optimizer';

export interface SGDOptions {
  /** Learning rate (required, as in PyTorch). */
  lr: number;
  /** Momentum factor; 0 disables the buffer. */
  momentum: number;
  /** Dampening for momentum: the new gradient enters the buffer with weight `1 - dampening`. */
  dampening: number;
  /** L2 penalty added to the gradient: `g + weightDecay * p`. */
  weightDecay: number;
  /** Nesterov momentum (needs `momentum > 0` and `dampening = 0`). */
  nesterov: boolean;
  /** Ascend the objective instead of descending it. */
  maximize: boolean;
}

/** SGD state: the momentum buffer, present once `momentum > 0` has been used. */
export type SGDState = { momentumBuffer?: Float32Array };

const f = Math.fround;

/**
 * One SGD step on flat float32 arrays (pure: returns new arrays), matching
 * `torch.optim._functional.sgd`: `g ← g + λp`; `b ← μb + (1 − τ)g` (b = g on the first step);
 * `g ← g + μb` (Nesterov) or `g ← b`; `p ← p − ηg`. Nesterov momentum:
 * http://www.cs.toronto.edu/~hinton/absps/momentum.pdf
 */
export function sgdUpdate(
  param: Float32Array,
  grad: Float32Array,
  state: SGDState | undefined,
  options: SGDOptions,
): UpdateResult<SGDState> {
  const out = param.slice();
  const copy = state?.momentumBuffer ? { momentumBuffer: state.momentumBuffer.slice() } : undefined;
  return { param: out, state: sgdUpdateInPlace(out, grad, copy, options) };
}

/** `sgdUpdate` writing into `param` and the state's momentum buffer (created on first use); returns the state. */
function sgdUpdateInPlace(
  param: Float32Array,
  grad: Float32Array,
  state: SGDState | undefined,
  options: SGDOptions,
): SGDState {
  const { momentum, dampening, nesterov, maximize } = options;
  const n = param.length;
  const prev = state?.momentumBuffer;
  const buf = momentum !== 0 ? (prev ?? new Float32Array(n)) : undefined;
  // PyTorch casts scalar operands to float32 before a float32 kernel uses them.
  const wd = f(options.weightDecay);
  const mu = f(momentum);
  const keep = f(1 - dampening);
  const negLr = f(-options.lr);
  for (let i = 0; i < n; i++) {
    const p = param[i];
    let d = maximize ? -grad[i] : grad[i];
    if (options.weightDecay !== 0) d = f(d + wd * p);
    if (buf) {
      const b = prev ? f(f(prev[i] * mu) + keep * d) : d;
      buf[i] = b;
      d = nesterov ? f(d + mu * b) : b;
    }
    param[i] = p + negLr * d;
  }
  return buf ? { momentumBuffer: buf } : prev ? { momentumBuffer: prev } : {};
}

function validate(o: SGDOptions): void {
  if (o.lr === undefined) throw new ValueError("SGD: 'lr' is required.");
  nonNegative('SGD', 'lr', o.lr);
  nonNegative('SGD', 'momentum', o.momentum);
  nonNegative('SGD', 'dampening', o.dampening);
  nonNegative('SGD', 'weightDecay', o.weightDecay);
  bool('SGD', 'nesterov', o.nesterov);
  bool('SGD', 'maximize', o.maximize);
  if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
    throw new ValueError(
      `SGD: 'nesterov' requires 'momentum' > 0 and 'dampening' = 0, got momentum ${o.momentum} and dampening ${o.dampening}.`,
    );
  }
}

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, dampening, L2 weight decay and
 * maximize — `torch.optim.SGD`. `new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 })`.
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  constructor(params: ParamsInput<SGDOptions>, options: Partial<SGDOptions> & { lr: number }) {
    super(
      'SGD',
      params,
      { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...options },
      validate,
    );
  }

  protected update(
    param: Float32Array,
    grad: Float32Array,
    state: SGDState | undefined,
    group: ParamGroup<SGDOptions>,
  ): UpdateResult<SGDState> {
    return sgdUpdate(param, grad, state, group);
  }

  protected updateInPlace(
    param: Float32Array,
    grad: Float32Array,
    state: SGDState | undefined,
    group: ParamGroup<SGDOptions>,
  ): SGDState {
    return sgdUpdateInPlace(param, grad, state, group);
  }
}
