import { exp, mean, type Tensor } from '@llm/tensor';
import { checkFloat } from '../internal/validate';

/**
 * Perplexity `exp(mean NLL)` from a cross-entropy in nats: the mean loss of a batch (a scalar) or
 * per-token losses (averaged first; drop ignored positions before passing them).
 */
export function perplexity(loss: Tensor): Tensor {
  checkFloat('perplexity', 'loss', loss);
  return exp(loss.ndim === 0 ? loss : mean(loss));
}
