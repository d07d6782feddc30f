import { add, clamp, div, mul, ShapeError, sqrt, sub, sum, type Tensor, where } from '@llm/tensor';
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

export interface CosineEmbeddingLossOptions extends ReductionOptions {
  /** Dissimilar pairs are penalised above this cosine similarity, in [-1, 1]. Default 0. */
  margin?: number;
}

/**
 * Cosine embedding loss for pairs of embeddings `[N, D]` (or `[D]`) and labels `y` [N] in {-1, +1}:
 * `1 - cos(x1, x2)` if `y = 1`, `max(0, cos(x1, x2) - margin)` if `y = -1`. Matches
 * `torch.nn.functional.cosine_embedding_loss` (including its 1e-12 guard on the norms).
 */
export function cosineEmbeddingLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  options: CosineEmbeddingLossOptions = {},
): Tensor {
  const op = 'cosineEmbeddingLoss';
  checkOptions(op, options, ['reduction', 'margin']);
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
  checkLabels(op, 'target', target, [-1, 1]);
  const margin = checkNumber(
    op,
    'margin',
    options.margin,
    0,
    (v) => v >= -1 && v <= 1,
    'a number in [-1, 1]',
  );
  const dot = sum(mul(input1, input2), -1);
  const norm1 = add(sum(mul(input1, input1), -1), 1e-12);
  const norm2 = add(sum(mul(input2, input2), -1), 1e-12);
  const cos = div(dot, sqrt(mul(norm1, norm2)));
  const loss = add(where(target.eq(1), sub(1, cos), 0), where(target.eq(-1), clamp(sub(cos, margin), 0), 0));
  return applyReduction(loss, options.reduction, op);
}
