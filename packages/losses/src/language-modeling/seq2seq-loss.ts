import type { Tensor } from '@llm/tensor';
import { crossEntropyFor } from '../classification/cross-entropy';
import { checkNumber, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';
import { checkSequence } from './shift';

export interface Seq2seqLossOptions extends ReductionOptions {
  /** The padding id in `targets`; padded positions add nothing. Default -100. */
  padIndex?: number;
  /** Default 0; 0.1 is the Transformer's choice (Vaswani et al. 2017). */
  labelSmoothing?: number;
}

/**
 * Decoder cross-entropy for an encoder-decoder model: `logits` [B, T, V] already aligned with the
 * int32 `targets` [B, T] (the decoder input is the targets shifted right), padding ignored. `'mean'`
 * averages over the real tokens; `'none'` gives [B, T] with 0 at padding.
 */
export function seq2seqLoss(logits: Tensor, targets: Tensor, options: Seq2seqLossOptions = {}): Tensor {
  const op = 'seq2seqLoss';
  checkOptions(op, options, ['reduction', 'padIndex', 'labelSmoothing']);
  checkSequence(op, logits, targets, 'targets');
  const padIndex = checkNumber(op, 'padIndex', options.padIndex, -100, Number.isInteger, 'an integer');
  return crossEntropyFor(op, 'targets', logits, targets, {
    reduction: options.reduction,
    ignoreIndex: padIndex,
    labelSmoothing: options.labelSmoothing,
    classDim: -1,
  });
}
