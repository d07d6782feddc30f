import { clamp, mul, sub, type Tensor } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLabels, checkLike, checkNumber, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface HingeLossOptions extends ReductionOptions {
  /** Scores with `y x` below the margin are penalised. Default 1. */
  margin?: number;
}

/**
 * The SVM hinge loss (Cortes & Vapnik 1995) for scores `x` and labels `y` in {-1, +1}:
 * `max(0, margin - y x)`. `target` has the input's shape. PyTorch has no direct equivalent.
 */
export function hingeLoss(input: Tensor, target: Tensor, options: HingeLossOptions = {}): Tensor {
  const op = 'hingeLoss';
  checkOptions(op, options, ['reduction', 'margin']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  checkLabels(op, 'target', target, [-1, 1]);
  const margin = checkNumber(op, 'margin', options.margin, 1);
  return applyReduction(clamp(sub(margin, mul(target, input)), 0), options.reduction, op);
}
