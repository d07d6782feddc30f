import {
  type AdamCoreOptions,
  type AdamState,
  adamCore,
  adamCoreInPlace,
  validateAdamOptions,
} from './internal/adam-core';
import { Optimizer, type ParamGroup, type ParamsInput, type UpdateResult } from './optimizer';

export interface AdamWOptions extends AdamCoreOptions {
  /** Learning rate η (default 1e-3). */
  lr: number;
  /** Decay rates [β1, β2] of the first and second moment (default [0.9, 0.999]). */
  betas: readonly [number, number];
  /** Added to the denominator for stability (default 1e-8). */
  eps: number;
  /** Decoupled weight decay λ: `p ← p(1 − ηλ)` before the Adam step (default 1e-2). */
  weightDecay: number;
  /** Use the running maximum of the second moment (AMSGrad). */
  amsgrad: boolean;
  /** Ascend the objective instead of descending it. */
  maximize: boolean;
}

/**
 * One AdamW step (pure), matching torch 1.13: `p ← p(1 − ηλ)`; `m ← β1 m + (1 − β1)g`;
 * `v ← β2 v + (1 − β2)g²`; `p ← p − η/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)`.
 * Loshchilov & Hutter 2019, https://arxiv.org/abs/1711.05101
 */
export function adamwUpdate(
  param: Float32Array,
  grad: Float32Array,
  state: AdamState | undefined,
  options: AdamWOptions,
): UpdateResult<AdamState> {
  return adamCore(param, grad, state, options, true);
}

/** Adam with decoupled weight decay — `torch.optim.AdamW`, the default optimizer for transformers. */
export class AdamW extends Optimizer<AdamWOptions, AdamState> {
  constructor(params: ParamsInput<AdamWOptions>, options: Partial<AdamWOptions> = {}) {
    super(
      'AdamW',
      params,
      {
        lr: 1e-3,
        betas: [0.9, 0.999],
        eps: 1e-8,
        weightDecay: 1e-2,
        amsgrad: false,
        maximize: false,
        ...options,
      },
      (o) => validateAdamOptions('AdamW', o),
    );
  }

  protected update(
    param: Float32Array,
    grad: Float32Array,
    state: AdamState | undefined,
    group: ParamGroup<AdamWOptions>,
  ): UpdateResult<AdamState> {
    return adamwUpdate(param, grad, state, group);
  }

  protected updateInPlace(
    param: Float32Array,
    grad: Float32Array,
    state: AdamState | undefined,
    group: ParamGroup<AdamWOptions>,
  ): AdamState {
    return adamCoreInPlace(param, grad, state, group, true);
  }
}
