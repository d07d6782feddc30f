import { abs, mul, square, sub, type Tensor, where } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkNumber, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface HuberLossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear; positive. Default 1. */
  delta?: number;
}

/**
 * Huber loss (Huber 1964), with `z = |x - y|`: `0.5 z^2` if `z < delta`, else `delta (z - 0.5 delta)`.
 * `input` and `target` share any shape. Matches `torch.nn.functional.huber_loss`.
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  const op = 'huberLoss';
  checkOptions(op, options, ['reduction', 'delta']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  const delta = checkNumber(op, 'delta', options.delta, 1, (v) => v > 0 && v < Infinity, 'a positive number');
  const z = abs(sub(input, target));
  const loss = where(z.lt(delta), mul(square(z), 0.5), mul(sub(z, 0.5 * delta), delta));
  return applyReduction(loss, options.reduction, op);
}
