import { abs, sub, type Tensor } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

/**
 * Mean absolute error, `l = |x - y|` per element (gradient 0 at a tie, as in PyTorch); `input` and
 * `target` share any shape. Matches `torch.nn.functional.l1_loss`.
 */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const op = 'l1Loss';
  checkOptions(op, options, ['reduction']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  return applyReduction(abs(sub(input, target)), options.reduction, op);
}
