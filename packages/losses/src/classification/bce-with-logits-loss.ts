import { add, mul, sub, type Tensor } from '@llm/tensor';
import { logSigmoid } from '../internal/numerics';
import { applyReduction } from '../internal/reduction';
import { checkBroadcastable, checkFloat, checkLike, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface BceWithLogitsLossOptions extends ReductionOptions {
  /** Rescales each element; broadcasts to the input's shape. */
  weight?: Tensor;
  /** Weight of the positive term per class (broadcast along the last dim), e.g. `negatives / positives`. */
  posWeight?: Tensor;
}

/**
 * Binary cross-entropy on logits, `l = -w (p y log sigmoid(x) + (1 - y) log sigmoid(-x))` with `p` the
 * positive weight, computed through a stable log-sigmoid so logits of ±1e4 stay finite. `target` has
 * the input's shape and may hold soft labels. Matches `torch.nn.functional.binary_cross_entropy_with_logits`.
 */
export function bceWithLogitsLoss(
  input: Tensor,
  target: Tensor,
  options: BceWithLogitsLossOptions = {},
): Tensor {
  const op = 'bceWithLogitsLoss';
  checkOptions(op, options, ['reduction', 'weight', 'posWeight']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  // (1 - y) x - log sigmoid(x) * (1 + (p - 1) y) is the same loss, since log sigmoid(-x) = log sigmoid(x) - x.
  let logWeight: Tensor | number = 1;
  if (options.posWeight !== undefined) {
    const pw = checkBroadcastable(op, 'posWeight', options.posWeight, 'input', input).to(input.dtype);
    logWeight = add(mul(sub(pw, 1), target), 1);
  }
  let loss = sub(mul(sub(1, target), input), mul(logSigmoid(input), logWeight));
  if (options.weight !== undefined) {
    loss = mul(loss, checkBroadcastable(op, 'weight', options.weight, 'input', input).to(input.dtype));
  }
  return applyReduction(loss, options.reduction, op);
}
