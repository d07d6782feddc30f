import { exp, mul, neg, type Tensor } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLabels, checkLike, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

/**
 * The exponential loss AdaBoost minimises (Freund & Schapire 1997; Friedman et al. 2000), `exp(-y x)`
 * for scores `x` and labels `y` in {-1, +1}. It grows without bound, so a confidently wrong score of
 * 1e3 already overflows to Infinity. PyTorch has no direct equivalent.
 */
export function exponentialLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const op = 'exponentialLoss';
  checkOptions(op, options, ['reduction']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  checkLabels(op, 'target', target, [-1, 1]);
  return applyReduction(exp(neg(mul(target, input))), options.reduction, op);
}
