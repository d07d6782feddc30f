import { exp, mean, mul, sub, sum, type Tensor } from '@llm/tensor';
import { xlogy } from '../internal/numerics';
import { checkReduction } from '../internal/reduction';
import { checkBoolean, checkFloat, checkLike, checkOptions } from '../internal/validate';
import type { Reduction } from '../reduction';

export interface KlDivOptions {
  /**
   * `'mean'` (default, over all elements, as PyTorch does), `'batchmean'` (sum / batch size: the true
   * KL divergence per sample, which is what you usually want), `'sum'` or `'none'`.
   */
  reduction?: Reduction | 'batchmean';
  /** `target` holds log-probabilities rather than probabilities. Default false. */
  logTarget?: boolean;
}

/**
 * Kullback-Leibler divergence `KL(target || exp(input)) = sum y (log y - x)` per element, with `input`
 * log-probabilities and `target` probabilities (or log-probabilities with `logTarget`) of the same
 * shape; `0 log 0` counts as 0. Matches `torch.nn.functional.kl_div`.
 */
export function klDiv(input: Tensor, target: Tensor, options: KlDivOptions = {}): Tensor {
  const op = 'klDiv';
  checkOptions(op, options, ['reduction', 'logTarget']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  const reduction = checkReduction<Reduction | 'batchmean'>(op, options.reduction, [
    'mean',
    'batchmean',
    'sum',
    'none',
  ]);
  const logTarget = checkBoolean(op, 'logTarget', options.logTarget, false);
  const loss = logTarget
    ? mul(exp(target), sub(target, input))
    : sub(xlogy(target, target), mul(target, input));
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return sum(loss);
  if (reduction === 'batchmean') return sum(loss).div(input.ndim === 0 ? 1 : input.shape[0]);
  return mean(loss);
}
