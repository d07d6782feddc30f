import { neg, sub, type Tensor } from '@llm/tensor';
import { logSigmoid } from '../internal/numerics';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkNumber, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface BradleyTerryLossOptions extends ReductionOptions {
  /** Required gap between the rewards (Llama 2's margin by preference strength). Default 0. */
  margin?: number | Tensor;
}

/**
 * Reward-model loss for preference pairs under the Bradley-Terry model (Bradley & Terry 1952; Ouyang et
 * al. 2022, InstructGPT): `-log sigmoid(r_chosen - r_rejected - margin)`, for rewards of any shared shape.
 */
export function bradleyTerryLoss(
  chosen: Tensor,
  rejected: Tensor,
  options: BradleyTerryLossOptions = {},
): Tensor {
  const op = 'bradleyTerryLoss';
  checkOptions(op, options, ['reduction', 'margin']);
  checkFloat(op, 'chosen', chosen);
  checkLike(op, 'rejected', rejected, 'chosen', chosen);
  const margin =
    typeof options.margin === 'object' && options.margin !== null
      ? checkLike(op, 'margin', options.margin, 'chosen', chosen)
      : checkNumber(op, 'margin', options.margin, 0);
  return applyReduction(neg(logSigmoid(sub(sub(chosen, rejected), margin))), options.reduction, op);
}
