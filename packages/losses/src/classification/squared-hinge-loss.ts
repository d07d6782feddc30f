import { clamp, mul, square, sub, type Tensor } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLabels, checkLike, checkNumber, checkOptions } from '../internal/validate';
import type { HingeLossOptions } from './hinge-loss';

/**
 * The squared hinge loss of L2-SVMs, `max(0, margin - y x)^2` for labels `y` in {-1, +1}: smooth, so
 * its gradient is continuous. `target` has the input's shape. PyTorch has no direct equivalent.
 */
export function squaredHingeLoss(input: Tensor, target: Tensor, options: HingeLossOptions = {}): Tensor {
  const op = 'squaredHingeLoss';
  checkOptions(op, options, ['reduction', 'margin']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  checkLabels(op, 'target', target, [-1, 1]);
  const margin = checkNumber(op, 'margin', options.margin, 1);
  return applyReduction(square(clamp(sub(margin, mul(target, input)), 0)), options.reduction, op);
}
