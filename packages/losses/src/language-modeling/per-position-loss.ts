import { div, sum, type Tensor } from '@llm/tensor';
import { checkOptions } from '../internal/validate';
import { type PerTokenLossOptions, perTokenLoss } from './per-token-loss';
import { checkSequence, shiftForNextToken } from './shift';

/**
 * The mean cross-entropy at each position over the batch, [T] (or [T - 1] with `shift`), counting
 * only tokens that are not ignored (NaN where a position has none): how loss falls with context
 * length. `logits` [B, T, V], int32 `tokens` [B, T].
 */
export function perPositionLoss(logits: Tensor, tokens: Tensor, options: PerTokenLossOptions = {}): Tensor {
  const op = 'perPositionLoss';
  checkOptions(op, options, ['ignoreIndex', 'shift']);
  checkSequence(op, logits, tokens);
  const losses = perTokenLoss(logits, tokens, options); // (B, T)
  const counted = (options.shift ? shiftForNextToken(logits, tokens)[1] : tokens).ne(
    options.ignoreIndex ?? -100,
  );
  return div(sum(losses, 0), sum(counted.to(losses.dtype), 0));
}
