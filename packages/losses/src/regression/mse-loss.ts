import { square, sub, type Tensor } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

/**
 * Mean squared error, `l = (x - y)^2` per element; `input` and `target` share any shape.
 * Matches `torch.nn.functional.mse_loss`.
 */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const op = 'mseLoss';
  checkOptions(op, options, ['reduction']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  return applyReduction(square(sub(input, target)), options.reduction, op);
}
