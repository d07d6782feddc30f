import { add, mul, relu, ShapeError, square, sub, type Tensor } from '@llm/tensor';
import { pairwiseDistance } from '../internal/distance';
import { applyReduction } from '../internal/reduction';
import {
  checkFloat,
  checkLabels,
  checkLike,
  checkNumber,
  checkOptions,
  fmt,
  sameShape,
} from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface ContrastiveLossOptions extends ReductionOptions {
  /** Dissimilar pairs farther apart than this add nothing. Default 1. */
  margin?: number;
  /** Added to the difference before the norm, so identical points have a gradient. Default 1e-6. */
  eps?: number;
}

/**
 * Contrastive loss for pairs (Hadsell, Chopra & LeCun 2006), with `d` the Euclidean distance:
 * `0.5 d^2` for similar pairs (`target` 1) and `0.5 max(0, margin - d)^2` for dissimilar ones (`target` 0).
 * Embeddings are `[N, D]` (or `[D]`), `target` is `[N]` (or []). PyTorch has no direct equivalent.
 */
export function contrastiveLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  options: ContrastiveLossOptions = {},
): Tensor {
  const op = 'contrastiveLoss';
  checkOptions(op, options, ['reduction', 'margin', 'eps']);
  checkFloat(op, 'input1', input1);
  if (input1.ndim < 1 || input1.ndim > 2) {
    throw new ShapeError(`${op}: 'input1' must have shape [N, D] or [D], got ${fmt(input1.shape)}.`);
  }
  checkLike(op, 'input2', input2, 'input1', input1);
  checkFloat(op, 'target', target);
  const expected = input1.shape.slice(0, -1);
  if (!sameShape(target.shape, expected)) {
    throw new ShapeError(
      `${op}: 'target' must have shape ${fmt(expected)} to match 'input1' ${fmt(input1.shape)}, got ${fmt(target.shape)}.`,
    );
  }
  checkLabels(op, 'target', target, [0, 1]);
  const margin = checkNumber(
    op,
    'margin',
    options.margin,
    1,
    (v) => v > 0 && v < Infinity,
    'a positive number',
  );
  const eps = checkNumber(op, 'eps', options.eps, 1e-6, (v) => v >= 0, 'a non-negative number');
  const d = pairwiseDistance(input1, input2, 2, eps);
  const similar = mul(target, square(d));
  const dissimilar = mul(sub(1, target), square(relu(sub(margin, d))));
  return applyReduction(mul(add(similar, dissimilar), 0.5), options.reduction, op);
}
