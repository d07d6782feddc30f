import {
  add,
  expm1,
  logSoftmax,
  mul,
  neg,
  pow,
  sigmoid,
  sub,
  sum,
  type Tensor,
  ValueError,
} from '@llm/tensor';
import type { ClassDim } from '../class-dim';
import { checkClassWeight, classesLast, indexClassDim, pickNll } from '../internal/class-targets';
import { applyReduction, checkReduction } from '../internal/reduction';
import {
  checkFloat,
  checkIgnoreIndex,
  checkLike,
  checkNumber,
  checkOptions,
  checkTensor,
} from '../internal/validate';
import type { ReductionOptions } from '../reduction';
import { bceWithLogitsLoss } from './bce-with-logits-loss';

export interface FocalLossOptions extends ReductionOptions {
  /** Focusing parameter: `(1 - p_t)^gamma` down-weights easy examples. Default 2. */
  gamma?: number;
  /**
   * Binary targets: weight of the positives, `alpha` for y = 1 and `1 - alpha` for y = 0 (default 0.25;
   * `null` turns it off). Class-index targets: a per-class weight tensor [C] or one number (default none).
   */
  alpha?: number | Tensor | null;
  /** Class-index targets equal to this value are skipped. Default -100. */
  ignoreIndex?: number;
  /** Force the class dim for class-index targets: 1 or -1. */
  classDim?: ClassDim;
}

/**
 * Focal loss (Lin et al. 2017, https://arxiv.org/abs/1708.02002). Float targets of the input's shape give
 * the binary form on logits, `alpha_t (1 - p_t)^gamma * bce(x, y)` exactly as torchvision's
 * `sigmoid_focal_loss`; int32 class-index targets give the softmax form
 * `-alpha_y (1 - p_y)^gamma log p_y`, with the same layouts as `crossEntropy`. `'mean'` averages over the
 * counted elements.
 */
export function focalLoss(input: Tensor, target: Tensor, options: FocalLossOptions = {}): Tensor {
  const op = 'focalLoss';
  checkOptions(op, options, ['reduction', 'gamma', 'alpha', 'ignoreIndex', 'classDim']);
  checkFloat(op, 'input', input);
  checkTensor(op, 'target', target);
  const reduction = checkReduction(op, options.reduction);
  const gamma = checkNumber(
    op,
    'gamma',
    options.gamma,
    2,
    (v) => v >= 0 && v < Infinity,
    'a non-negative number',
  );
  if (target.dtype === 'float32' || target.dtype === 'float64') {
    checkLike(op, 'target', target, 'input', input);
    if (options.alpha !== undefined && options.alpha !== null && typeof options.alpha !== 'number') {
      throw new ValueError(`${op}: 'alpha' must be a number or null for binary targets, got a Tensor.`);
    }
    const alpha = options.alpha === null ? null : checkNumber(op, 'alpha', options.alpha, 0.25);
    const p = sigmoid(input);
    const ce = bceWithLogitsLoss(input, target, { reduction: 'none' });
    // 1 - p_t = p (1 - y) + (1 - p) y
    const miss = add(mul(p, sub(1, target)), mul(sub(1, p), target));
    let loss = mul(ce, pow(miss, gamma));
    if (alpha !== null && alpha >= 0)
      loss = mul(loss, add(mul(target, alpha), mul(sub(1, target), 1 - alpha)));
    return applyReduction(loss, reduction, op);
  }
  const ignoreIndex = checkIgnoreIndex(op, options.ignoreIndex);
  const dim = indexClassDim(op, input, target, options.classDim);
  const classes = input.shape[dim];
  const alpha =
    typeof options.alpha === 'number' || options.alpha == null
      ? checkNumber(op, 'alpha', options.alpha ?? 1, 1)
      : checkClassWeight(op, options.alpha, classes, input);
  const logp = classesLast(logSoftmax(input, dim), dim);
  // Pick log p_y with unit weights, then (1 - p_y)^gamma = (-expm1(log p_y))^gamma, accurate near p_y = 1.
  const picked = pickNll(op, logp, target, typeof alpha === 'number' ? undefined : alpha, ignoreIndex);
  const logPy = neg(pickNll(op, logp, target, undefined, ignoreIndex).loss);
  let loss = mul(picked.loss, pow(neg(expm1(logPy)), gamma));
  if (typeof alpha === 'number') loss = mul(loss, alpha);
  if (reduction === 'none') return loss;
  return reduction === 'sum' ? sum(loss) : sum(loss).div(sum(picked.valid.to(loss.dtype)));
}
