import { abs, div, mul, square, sub, type Tensor, where } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkNumber, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface SmoothL1LossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear; 0 gives the L1 loss. Default 1. */
  beta?: number;
}

/**
 * Smooth L1 loss (Girshick 2015, Fast R-CNN), with `z = |x - y|`: `0.5 z^2 / beta` if `z < beta`, else
 * `z - 0.5 beta`. `input` and `target` share any shape. Matches `torch.nn.functional.smooth_l1_loss`.
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options: SmoothL1LossOptions = {}): Tensor {
  const op = 'smoothL1Loss';
  checkOptions(op, options, ['reduction', 'beta']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  const beta = checkNumber(
    op,
    'beta',
    options.beta,
    1,
    (v) => v >= 0 && v < Infinity,
    'a non-negative number',
  );
  const z = abs(sub(input, target));
  const loss = beta === 0 ? z : where(z.lt(beta), div(mul(square(z), 0.5), beta), sub(z, 0.5 * beta));
  return applyReduction(loss, options.reduction, op);
}
