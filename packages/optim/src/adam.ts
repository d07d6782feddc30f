import {
  type AdamCoreOptions,
  type AdamState,
  adamCore,
  adamCoreInPlace,
  validateAdamOptions,
} from './internal/adam-core';
import { Optimizer, type ParamGroup, type ParamsInput, type UpdateResult } from './optimizer';

export type { AdamState } from './internal/adam-core';

export interface AdamOptions extends AdamCoreOptions {
  /** Learning rate η (default 1e-3). */
  lr: number;
  /** Decay rates [β1, β2] of the first and second moment (default [0.9, 0.999]). */
  betas: readonly [number, number];
  /** Added to the denominator for stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient, `g + λp` (default 0); for decoupled decay use `AdamW`. */
  weightDecay: number;
  /** Use the running maximum of the second moment (AMSGrad, https://openreview.net/forum?id=ryQu7f-RZ). */
  amsgrad: boolean;
  /** Ascend the objective instead of descending it. */
  maximize: boolean;
}

/**
 * One Adam step (pure), matching torch 1.13: `g ← g + λp`; `m ← β1 m + (1 − β1)g`;
 * `v ← β2 v + (1 − β2)g²`; `p ← p − η/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)`.
 * Kingma & Ba 2014, https://arxiv.org/abs/1412.6980
 */
export function adamUpdate(
  param: Float32Array,
  grad: Float32Array,
  state: AdamState | undefined,
  options: AdamOptions,
): UpdateResult<AdamState> {
  return adamCore(param, grad, state, options, false);
}

/** Adam with bias correction, optional AMSGrad and L2 weight decay — `torch.optim.Adam`. */
export class Adam extends Optimizer<AdamOptions, AdamState> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(
      'Adam',
      params,
      {
        lr: 1e-3,
        betas: [0.9, 0.999],
        eps: 1e-8,
        weightDecay: 0,
        amsgrad: false,
        maximize: false,
        ...options,
      },
      (o) => validateAdamOptions('Adam', o),
    );
  }

  protected update(
    param: Float32Array,
    grad: Float32Array,
    state: AdamState | undefined,
    group: ParamGroup<AdamOptions>,
  ): UpdateResult<AdamState> {
    return adamUpdate(param, grad, state, group);
  }

  protected updateInPlace(
    param: Float32Array,
    grad: Float32Array,
    state: AdamState | undefined,
    group: ParamGroup<AdamOptions>,
  ): AdamState {
    return adamCoreInPlace(param, grad, state, group, false);
  }
}
