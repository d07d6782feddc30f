import { add, div, mul, neg, ShapeError, sub, sum, type Tensor } from '@llm/tensor';
import { checkClassWeight } from '../internal/class-targets';
import { logSigmoid } from '../internal/numerics';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkOptions, fmt } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface MultilabelSoftMarginLossOptions extends ReductionOptions {
  /** Per-class weights, shape [C]. */
  weight?: Tensor;
}

/**
 * Multi-label one-versus-all logistic loss: `-(1/C) sum_c w_c (y_c log sigmoid(x_c) + (1 - y_c) log sigmoid(-x_c))`
 * per sample, for `input` [N, C] (or [C]) and 0/1 `target` of the same shape. Matches
 * `torch.nn.functional.multilabel_soft_margin_loss`.
 */
export function multilabelSoftMarginLoss(
  input: Tensor,
  target: Tensor,
  options: MultilabelSoftMarginLossOptions = {},
): Tensor {
  const op = 'multilabelSoftMarginLoss';
  checkOptions(op, options, ['reduction', 'weight']);
  checkFloat(op, 'input', input);
  if (input.ndim < 1 || input.ndim > 2) {
    throw new ShapeError(`${op}: 'input' must have shape [N, C] or [C], got ${fmt(input.shape)}.`);
  }
  checkLike(op, 'target', target, 'input', input);
  const classes = input.shape[input.ndim - 1];
  const weight = checkClassWeight(op, options.weight, classes, input);
  const logPos = logSigmoid(input);
  // log sigmoid(-x) = log sigmoid(x) - x
  let loss = neg(add(mul(target, logPos), mul(sub(1, target), sub(logPos, input))));
  if (weight) loss = mul(loss, weight);
  return applyReduction(div(sum(loss, -1), classes), options.reduction, op);
}
