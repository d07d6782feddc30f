import { add, clamp, minimum, ShapeError, sub, type Tensor } from '@llm/tensor';
import { pairwiseDistance } from '../internal/distance';
import { applyReduction } from '../internal/reduction';
import { checkBoolean, checkFloat, checkLike, checkNumber, checkOptions, fmt } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface TripletMarginLossOptions extends ReductionOptions {
  /** Default 1. */
  margin?: number;
  /** The norm of the distance. Default 2. */
  p?: number;
  /** Added to the difference before the norm, so equal points have a gradient. Default 1e-6. */
  eps?: number;
  /** Uses the positive-negative distance when it is smaller (Balntas et al. 2016). Default false. */
  swap?: boolean;
}

/**
 * Triplet loss (Schroff et al. 2015, FaceNet), `max(0, d(a, p) - d(a, n) + margin)` with the p-norm
 * distance, for `anchor`, `positive` and `negative` embeddings of shape `[N, D]` or `[D]`. Matches
 * `torch.nn.functional.triplet_margin_loss`.
 */
export function tripletMarginLoss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  options: TripletMarginLossOptions = {},
): Tensor {
  const op = 'tripletMarginLoss';
  checkOptions(op, options, ['reduction', 'margin', 'p', 'eps', 'swap']);
  checkFloat(op, 'anchor', anchor);
  if (anchor.ndim < 1 || anchor.ndim > 2) {
    throw new ShapeError(`${op}: 'anchor' must have shape [N, D] or [D], got ${fmt(anchor.shape)}.`);
  }
  checkLike(op, 'positive', positive, 'anchor', anchor);
  checkLike(op, 'negative', negative, 'anchor', anchor);
  const margin = checkNumber(
    op,
    'margin',
    options.margin,
    1,
    (v) => v > 0 && v < Infinity,
    'a positive number',
  );
  const p = checkNumber(op, 'p', options.p, 2, (v) => v > 0 && v < Infinity, 'a positive number');
  const eps = checkNumber(op, 'eps', options.eps, 1e-6, (v) => v >= 0, 'a non-negative number');
  const swap = checkBoolean(op, 'swap', options.swap, false);
  const dPos = pairwiseDistance(anchor, positive, p, eps);
  let dNeg = pairwiseDistance(anchor, negative, p, eps);
  if (swap) dNeg = minimum(dNeg, pairwiseDistance(positive, negative, p, eps));
  return applyReduction(clamp(add(sub(dPos, dNeg), margin), 0), options.reduction, op);
}
