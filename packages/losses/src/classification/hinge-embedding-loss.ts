import { add, clamp, sub, type Tensor, where } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLabels, checkLike, checkNumber, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface HingeEmbeddingLossOptions extends ReductionOptions {
  /** Distances of dissimilar pairs below this margin are penalised. Default 1. */
  margin?: number;
}

/**
 * Hinge embedding loss for distances `x` and labels `y` in {-1, +1}: `x` if `y = 1`, `max(0, margin - x)`
 * if `y = -1`. `target` has the input's shape. Matches `torch.nn.functional.hinge_embedding_loss`.
 */
export function hingeEmbeddingLoss(
  input: Tensor,
  target: Tensor,
  options: HingeEmbeddingLossOptions = {},
): Tensor {
  const op = 'hingeEmbeddingLoss';
  checkOptions(op, options, ['reduction', 'margin']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  checkLabels(op, 'target', target, [-1, 1]);
  const margin = checkNumber(op, 'margin', options.margin, 1);
  const negative = where(target.eq(1), 0, clamp(sub(margin, input), 0));
  const positive = where(target.eq(-1), 0, input);
  return applyReduction(add(negative, positive), options.reduction, op);
}
