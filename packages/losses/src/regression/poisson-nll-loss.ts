import { add, exp, log, mul, sub, type Tensor, where } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkBoolean, checkFloat, checkLike, checkNumber, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface PoissonNllLossOptions extends ReductionOptions {
  /** `input` is the log of the rate (default true); otherwise the rate itself. */
  logInput?: boolean;
  /** Adds Stirling's approximation of `log(y!)`, `y log y - y + 0.5 log(2 pi y)`, for targets above 1. Default false. */
  full?: boolean;
  /** Keeps `log(x + eps)` finite when `logInput` is false. Default 1e-8. */
  eps?: number;
}

/**
 * Poisson negative log-likelihood: `exp(x) - y x` for log-rates, or `x - y log(x + eps)` for rates.
 * `input` and `target` share any shape. Matches `torch.nn.functional.poisson_nll_loss`.
 */
export function poissonNllLoss(input: Tensor, target: Tensor, options: PoissonNllLossOptions = {}): Tensor {
  const op = 'poissonNllLoss';
  checkOptions(op, options, ['reduction', 'logInput', 'full', 'eps']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  const logInput = checkBoolean(op, 'logInput', options.logInput, true);
  const full = checkBoolean(op, 'full', options.full, false);
  const eps = checkNumber(op, 'eps', options.eps, 1e-8, (v) => v >= 0, 'a non-negative number');
  let loss = logInput ? sub(exp(input), mul(target, input)) : sub(input, mul(target, log(add(input, eps))));
  if (full) {
    // Guard both branches of the mask so targets <= 1 (where log is skipped) get no NaN gradient.
    const counted = target.gt(1);
    const y = where(counted, target, 2);
    const stirling = add(sub(mul(y, log(y)), y), mul(log(mul(y, 2 * Math.PI)), 0.5));
    loss = add(loss, where(counted, stirling, 0));
  }
  return applyReduction(loss, options.reduction, op);
}
