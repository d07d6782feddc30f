import type { Tensor } from '@llm/tensor';
import { crossEntropyFor } from '../classification/cross-entropy';
import { checkBoolean, checkOptions } from '../internal/validate';
import { checkSequence, shiftForNextToken } from './shift';

export interface PerTokenLossOptions {
  /** Tokens equal to this value get loss 0 (and are skipped by `perPositionLoss`). Default -100. */
  ignoreIndex?: number;
  /** Score logits t against token t + 1, as `causalLmLoss` does (default false: already aligned). */
  shift?: boolean;
}

/**
 * The unreduced cross-entropy of every token, [B, T] (or [B, T - 1] with `shift`), 0 at ignored
 * tokens: for finding the tokens a model finds hard. `logits` [B, T, V], int32 `tokens` [B, T].
 */
export function perTokenLoss(logits: Tensor, tokens: Tensor, options: PerTokenLossOptions = {}): Tensor {
  const op = 'perTokenLoss';
  checkOptions(op, options, ['ignoreIndex', 'shift']);
  checkSequence(op, logits, tokens);
  const [input, target] = checkBoolean(op, 'shift', options.shift, false)
    ? shiftForNextToken(logits, tokens)
    : [logits, tokens];
  return crossEntropyFor(op, 'tokens', input, target, {
    reduction: 'none',
    ignoreIndex: options.ignoreIndex,
    classDim: -1,
  });
}
