import type { Tensor } from '@llm/tensor';
import { crossEntropyFor } from '../classification/cross-entropy';
import { checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';
import { checkSequence, shiftForNextToken } from './shift';

export interface CausalLmLossOptions extends ReductionOptions {
  /** Tokens equal to this value (padding, prompt tokens) are not predicted. Default -100. */
  ignoreIndex?: number;
  /** Default 0. */
  labelSmoothing?: number;
}

/**
 * Next-token cross-entropy for a decoder-only language model (GPT): the logits at position t are
 * scored against token t + 1, so pass the same `tokens` [B, T] the model read and its `logits`
 * [B, T, V]; the shift happens here. `'mean'` averages over the counted tokens; `'none'` gives [B, T - 1].
 */
export function causalLmLoss(logits: Tensor, tokens: Tensor, options: CausalLmLossOptions = {}): Tensor {
  const op = 'causalLmLoss';
  checkOptions(op, options, ['reduction', 'ignoreIndex', 'labelSmoothing']);
  checkSequence(op, logits, tokens);
  const [input, target] = shiftForNextToken(logits, tokens);
  return crossEntropyFor(op, 'tokens', input, target, { ...options, classDim: -1 });
}
