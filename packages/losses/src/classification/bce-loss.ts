import { add, clamp, log, mul, neg, sub, type Tensor, where } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkBroadcastable, checkFloat, checkLike, checkOptions, checkRange } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface BceLossOptions extends ReductionOptions {
  /** Rescales each element; broadcasts to the input's shape. */
  weight?: Tensor;
}

/** log(p) clamped at -100, with no NaN gradient at p = 0. */
function clampedLog(p: Tensor): Tensor {
  const positive = p.gt(0);
  return where(positive, clamp(log(where(positive, p, 1)), -100), -100);
}

/**
 * Binary cross-entropy of probabilities, `l = -w (y log x + (1 - y) log(1 - x))`, with each log clamped
 * at -100 as PyTorch does so `x = 0` or `1` stays finite. `input` holds probabilities in [0, 1],
 * `target` has its shape. Matches `torch.nn.functional.binary_cross_entropy`; prefer
 * `bceWithLogitsLoss` on logits.
 */
export function bceLoss(input: Tensor, target: Tensor, options: BceLossOptions = {}): Tensor {
  const op = 'bceLoss';
  checkOptions(op, options, ['reduction', 'weight']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  checkRange(op, 'input', input, 0, 1);
  let loss = neg(add(mul(target, clampedLog(input)), mul(sub(1, target), clampedLog(sub(1, input)))));
  if (options.weight !== undefined) {
    loss = mul(loss, checkBroadcastable(op, 'weight', options.weight, 'input', input).to(input.dtype));
  }
  return applyReduction(loss, options.reduction, op);
}
