import { ShapeError, type Tensor, ValueError, where } from '@llm/tensor';
import { crossEntropyFor } from '../classification/cross-entropy';
import { checkIgnoreIndex, checkOptions, checkTensor, fmt, sameShape } from '../internal/validate';
import type { ReductionOptions } from '../reduction';
import { checkSequence } from './shift';

export interface MaskedLmLossOptions extends ReductionOptions {
  /** Bool [B, T], true at the masked positions the model must predict. Without it, `labels` mark them (others hold `ignoreIndex`). */
  mask?: Tensor;
  /** Labels equal to this value are not predicted. Default -100. */
  ignoreIndex?: number;
  /** Default 0. */
  labelSmoothing?: number;
}

/**
 * Masked language-model cross-entropy (BERT, Devlin et al. 2019): only the masked positions count.
 * `logits` [B, T, V] and int32 `labels` [B, T], with either a bool `mask` or `ignoreIndex` in the
 * labels (Hugging Face's -100) marking the positions to skip. `'mean'` averages over the counted tokens.
 */
export function maskedLmLoss(logits: Tensor, labels: Tensor, options: MaskedLmLossOptions = {}): Tensor {
  const op = 'maskedLmLoss';
  checkOptions(op, options, ['reduction', 'mask', 'ignoreIndex', 'labelSmoothing']);
  checkSequence(op, logits, labels, 'labels');
  const ignoreIndex = checkIgnoreIndex(op, options.ignoreIndex);
  let target = labels;
  if (options.mask !== undefined) {
    const mask = checkTensor(op, 'mask', options.mask);
    if (mask.dtype !== 'bool') throw new ValueError(`${op}: 'mask' must have dtype bool, got ${mask.dtype}.`);
    if (!sameShape(mask.shape, labels.shape)) {
      throw new ShapeError(
        `${op}: 'mask' must have shape ${fmt(labels.shape)} to match 'labels' ${fmt(labels.shape)}, got ${fmt(mask.shape)}.`,
      );
    }
    target = where(mask, labels, ignoreIndex);
  }
  return crossEntropyFor(op, 'labels', logits, target, {
    reduction: options.reduction,
    ignoreIndex,
    labelSmoothing: options.labelSmoothing,
    classDim: -1,
  });
}
