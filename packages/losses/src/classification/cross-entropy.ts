import { add, logSoftmax, mul, neg, sum, type Tensor, ValueError } from '@llm/tensor';
import type { ClassDim } from '../class-dim';
import {
  checkClassWeight,
  classesLast,
  indexClassDim,
  pickNll,
  probabilityClassDim,
  uniformNll,
} from '../internal/class-targets';
import { checkReduction } from '../internal/reduction';
import {
  checkFloat,
  checkIgnoreIndex,
  checkNumber,
  checkOptions,
  checkTensor,
  fmt,
  sameShape,
} from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface CrossEntropyOptions extends ReductionOptions {
  /** Per-class rescaling weights, shape [C]. The `'mean'` reduction divides by the summed weights of the counted targets. */
  weight?: Tensor;
  /** Class-index targets equal to this value add nothing to the loss or its gradient. Default -100. */
  ignoreIndex?: number;
  /** Mixes the targets with the uniform distribution: `(1 - e) * onehot + e / C` (Szegedy et al. 2016). Default 0. */
  labelSmoothing?: number;
  /** Force the class dim: 1 (PyTorch's `[N, C, d1, ...]`) or -1 (`[B, T, C]`). By default class-index targets pick the layout their shape fits, dim 1 first. */
  classDim?: ClassDim;
}

const CROSS_ENTROPY_OPTIONS = ['reduction', 'weight', 'ignoreIndex', 'labelSmoothing', 'classDim'];

/**
 * Cross-entropy between logits and targets, `l = -sum_c w_c * y_c * log_softmax(x)_c`, computed with
 * log-sum-exp so any finite logit is safe. `input` is `[C]`, `[N, C]`, `[N, C, d1, ...]` or `[B, T, C]`;
 * `target` holds int32 class indices (the input's shape without the class dim) or float probabilities
 * (the input's shape). Matches `torch.nn.functional.cross_entropy`.
 *
 * @example crossEntropy(logits, tensor([2, 0], { dtype: 'int32' }), { labelSmoothing: 0.1 })
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  return crossEntropyFor('crossEntropy', 'target', input, target, options);
}

/** `crossEntropy` for the losses built on it, so their errors name them and their own target argument. */
export function crossEntropyFor(
  op: string,
  targetName: string,
  input: Tensor,
  target: Tensor,
  options: CrossEntropyOptions,
): Tensor {
  checkOptions(op, options, CROSS_ENTROPY_OPTIONS);
  checkFloat(op, 'input', input);
  checkTensor(op, targetName, target);
  const reduction = checkReduction(op, options.reduction);
  const ignoreIndex = checkIgnoreIndex(op, options.ignoreIndex);
  const smoothing = checkNumber(
    op,
    'labelSmoothing',
    options.labelSmoothing,
    0,
    (v) => v >= 0 && v <= 1,
    'a number in [0, 1]',
  );
  const probabilities = target.dtype === 'float32' || target.dtype === 'float64';
  if (probabilities) {
    if (!sameShape(target.shape, input.shape)) {
      throw new ValueError(
        `${op}: 'target' must hold int32 class indices, or float probabilities of shape ${fmt(input.shape)} to match 'input' ${fmt(input.shape)}, got dtype ${target.dtype} with shape ${fmt(target.shape)}.`,
      );
    }
    const dim = probabilityClassDim(op, input, options.classDim);
    const classes = input.shape[dim];
    const weight = checkClassWeight(op, options.weight, classes, input);
    const logp = classesLast(logSoftmax(input, dim), dim);
    let probs = classesLast(target.to(input.dtype), dim);
    if (smoothing > 0) probs = add(mul(probs, 1 - smoothing), smoothing / classes);
    const perClass = mul(logp, probs);
    const loss = neg(sum(weight ? mul(perClass, weight) : perClass, -1));
    if (reduction === 'none') return loss;
    return reduction === 'sum' ? sum(loss) : sum(loss).div(loss.numel);
  }
  const dim = indexClassDim(op, input, target, options.classDim);
  const classes = input.shape[dim];
  const weight = checkClassWeight(op, options.weight, classes, input);
  const logp = classesLast(logSoftmax(input, dim), dim);
  const nll = pickNll(op, logp, target, weight, ignoreIndex, targetName);
  const reduce = (loss: Tensor): Tensor =>
    reduction === 'none' ? loss : reduction === 'sum' ? sum(loss) : sum(loss).div(sum(nll.weights));
  const hard = reduce(nll.loss);
  if (smoothing === 0) return hard;
  const smooth = reduce(uniformNll(logp, weight, nll.valid));
  return add(mul(hard, 1 - smoothing), mul(smooth, smoothing / classes));
}
