import { mul, neg, type Tensor } from '@llm/tensor';
import { logSigmoid } from '../internal/numerics';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

/**
 * Two-class logistic loss `log(1 + exp(-y x))` for labels `y` (usually ±1), computed as
 * `-log sigmoid(y x)` so large scores stay finite. `target` has the input's shape. Matches
 * `torch.nn.functional.soft_margin_loss`.
 */
export function softMarginLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const op = 'softMarginLoss';
  checkOptions(op, options, ['reduction']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  return applyReduction(neg(logSigmoid(mul(target, input))), options.reduction, op);
}
