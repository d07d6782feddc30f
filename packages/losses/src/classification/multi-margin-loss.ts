import {
  add,
  arange,
  div,
  gather,
  mul,
  relu,
  ShapeError,
  square,
  sub,
  sum,
  type Tensor,
  unsqueeze,
  ValueError,
  where,
} from '@llm/tensor';
import { checkClassWeight } from '../internal/class-targets';
import { applyReduction } from '../internal/reduction';
import { checkClassIds, checkFloat, checkNumber, checkOptions, checkTensor, fmt } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface MultiMarginLossOptions extends ReductionOptions {
  /** 1 (hinge, default) or 2 (squared hinge). */
  p?: 1 | 2;
  /** Default 1. */
  margin?: number;
  /** Per-class weights [C], applied by the target class. */
  weight?: Tensor;
}

/**
 * Multi-class hinge loss (Weston & Watkins 1999; Crammer & Singer 2001 style margins):
 * `l_n = (1/C) sum_{j != y} w_y max(0, margin - x_y + x_j)^p` for `input` [N, C] (or [C]) and int32
 * `target` [N] (or []). Matches `torch.nn.functional.multi_margin_loss`.
 */
export function multiMarginLoss(input: Tensor, target: Tensor, options: MultiMarginLossOptions = {}): Tensor {
  const op = 'multiMarginLoss';
  checkOptions(op, options, ['reduction', 'p', 'margin', 'weight']);
  checkFloat(op, 'input', input);
  checkTensor(op, 'target', target);
  const p = options.p ?? 1;
  if (p !== 1 && p !== 2) throw new ValueError(`${op}: 'p' must be 1 or 2, got ${String(options.p)}.`);
  const margin = checkNumber(op, 'margin', options.margin, 1);
  if (input.ndim < 1 || input.ndim > 2) {
    throw new ShapeError(`${op}: 'input' must have shape [N, C] or [C], got ${fmt(input.shape)}.`);
  }
  const expected = input.shape.slice(0, -1);
  if (target.ndim !== expected.length || target.shape.some((d, i) => d !== expected[i])) {
    throw new ShapeError(
      `${op}: 'target' must have shape ${fmt(expected)} to match 'input' ${fmt(input.shape)}, got ${fmt(target.shape)}.`,
    );
  }
  const classes = input.shape[input.ndim - 1];
  checkClassIds(op, 'target', target, classes);
  const weight = checkClassWeight(op, options.weight, classes, input);
  const index = unsqueeze(target, -1);
  const xy = gather(input, -1, index); // (N, 1)
  const z = relu(add(sub(margin, xy), input)); // (N, C)
  let terms = p === 2 ? square(z) : z;
  // The j = y term always equals margin^p; it is excluded from the sum.
  terms = where(arange(0, classes, 1, { dtype: 'int32' }).eq(index), 0, terms);
  if (weight) terms = mul(terms, gather(weight, 0, target.reshape([target.numel])).reshape(index.shape));
  return applyReduction(div(sum(terms, -1), classes), options.reduction, op);
}
