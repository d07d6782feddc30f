import { add, clamp, mul, neg, sub, type Tensor } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkNumber, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface MarginRankingLossOptions extends ReductionOptions {
  /** Default 0. */
  margin?: number;
}

/**
 * Pairwise ranking loss `max(0, -y (x1 - x2) + margin)`, where `y = 1` means `input1` should rank
 * higher and `y = -1` lower; all three tensors share one shape. Matches
 * `torch.nn.functional.margin_ranking_loss`.
 */
export function marginRankingLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  options: MarginRankingLossOptions = {},
): Tensor {
  const op = 'marginRankingLoss';
  checkOptions(op, options, ['reduction', 'margin']);
  checkFloat(op, 'input1', input1);
  checkLike(op, 'input2', input2, 'input1', input1);
  checkLike(op, 'target', target, 'input1', input1);
  const margin = checkNumber(op, 'margin', options.margin, 0);
  const loss = clamp(add(mul(neg(target), sub(input1, input2)), margin), 0);
  return applyReduction(loss, options.reduction, op);
}
