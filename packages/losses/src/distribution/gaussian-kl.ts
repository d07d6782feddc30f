import { add, exp, mul, ShapeError, square, sub, sum, type Tensor } from '@llm/tensor';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkOptions, fmt } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

/**
 * KL divergence of a diagonal Gaussian posterior from the standard normal prior, as in a VAE
 * (Kingma & Welling 2014, appendix B): `-0.5 sum_j (1 + logVar_j - mu_j^2 - exp(logVar_j))`, summed
 * over the last (latent) dim of `mu` and `logVar` [N, D]; the reduction then runs over the N samples.
 */
export function gaussianKl(mu: Tensor, logVar: Tensor, options: ReductionOptions = {}): Tensor {
  const op = 'gaussianKl';
  checkOptions(op, options, ['reduction']);
  checkFloat(op, 'mu', mu);
  if (mu.ndim < 1) throw new ShapeError(`${op}: 'mu' must have at least 1 dim, got ${fmt(mu.shape)}.`);
  checkLike(op, 'logVar', logVar, 'mu', mu);
  const perSample = mul(sum(sub(add(logVar, 1), add(square(mu), exp(logVar))), -1), -0.5);
  return applyReduction(perSample, options.reduction, op);
}
