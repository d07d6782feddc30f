import { add, clamp, div, log, mul, ShapeError, square, sub, type Tensor } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import {
  checkBoolean,
  checkFloat,
  checkLike,
  checkNumber,
  checkOptions,
  checkRange,
  fmt,
  sameShape,
} from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface GaussianNllLossOptions extends ReductionOptions {
  /** Adds the constant `0.5 log(2 pi)`. Default false. */
  full?: boolean;
  /** Variances are clamped up to `eps` for the value, while the gradient passes unchanged (as PyTorch does). Default 1e-6. */
  eps?: number;
}

/**
 * Gaussian negative log-likelihood, `0.5 (log(max(var, eps)) + (x - y)^2 / max(var, eps))`, with
 * `input` the predicted mean, `target` any shape equal to it, and `variance` the input's shape, its
 * shape with the last dim 1 or dropped (one variance per sample). Matches
 * `torch.nn.functional.gaussian_nll_loss`.
 */
export function gaussianNllLoss(
  input: Tensor,
  target: Tensor,
  variance: Tensor,
  options: GaussianNllLossOptions = {},
): Tensor {
  const op = 'gaussianNllLoss';
  checkOptions(op, options, ['reduction', 'full', 'eps']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  let v = checkFloat(op, 'variance', variance);
  const full = checkBoolean(op, 'full', options.full, false);
  const eps = checkNumber(op, 'eps', options.eps, 1e-6, (e) => e >= 0, 'a non-negative number');
  if (!sameShape(v.shape, input.shape)) {
    const lead = input.shape.slice(0, -1);
    if (sameShape(v.shape, lead)) v = v.unsqueeze(-1);
    else if (!(sameShape(v.shape.slice(0, -1), lead) && v.shape[v.ndim - 1] === 1 && v.ndim === input.ndim)) {
      throw new ShapeError(
        `${op}: 'variance' must have shape ${fmt(input.shape)}, ${fmt([...lead, 1])} or ${fmt(lead)} to match 'input' ${fmt(input.shape)}, got ${fmt(v.shape)}.`,
      );
    }
  }
  checkRange(op, 'variance', v, 0, Number.POSITIVE_INFINITY);
  // PyTorch clamps under no_grad: the value is clamped but the gradient flows as if it were not.
  v = add(v, sub(clamp(v, eps), v).detach());
  let loss = mul(add(log(v), div(square(sub(input, target)), v)), 0.5);
  if (full) loss = add(loss, 0.5 * Math.log(2 * Math.PI));
  return applyReduction(loss, options.reduction, op);
}
