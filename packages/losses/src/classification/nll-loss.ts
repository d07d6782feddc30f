import { sum, type Tensor } from '@llm/tensor';
import type { ClassDim } from '../class-dim';
import { checkClassWeight, classesLast, indexClassDim, pickNll } from '../internal/class-targets';
import { checkReduction } from '../internal/reduction';
import { checkFloat, checkIgnoreIndex, checkOptions, checkTensor } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface NllLossOptions extends ReductionOptions {
  /** Per-class weights, shape [C]; `'mean'` divides by the summed weights of the counted targets. */
  weight?: Tensor;
  /** Targets equal to this value are skipped. Default -100. */
  ignoreIndex?: number;
  /** Force the class dim: 1 (PyTorch's layout) or -1 (`[B, T, C]`); by default the target's shape decides. */
  classDim?: ClassDim;
}

/**
 * Negative log-likelihood of int32 class targets given log-probabilities, `l_n = -w_{y_n} * x_{n, y_n}`.
 * `input` is `[C]`, `[N, C]`, `[N, C, d1, ...]` or `[B, T, C]`; `target` is the input's shape without the
 * class dim. Matches `torch.nn.functional.nll_loss`; pair it with `logSoftmax`.
 */
export function nllLoss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  const op = 'nllLoss';
  checkOptions(op, options, ['reduction', 'weight', 'ignoreIndex', 'classDim']);
  checkFloat(op, 'input', input);
  checkTensor(op, 'target', target);
  const reduction = checkReduction(op, options.reduction);
  const ignoreIndex = checkIgnoreIndex(op, options.ignoreIndex);
  const dim = indexClassDim(op, input, target, options.classDim);
  const weight = checkClassWeight(op, options.weight, input.shape[dim], input);
  const nll = pickNll(op, classesLast(input, dim), target, weight, ignoreIndex);
  if (reduction === 'none') return nll.loss;
  return reduction === 'sum' ? sum(nll.loss) : sum(nll.loss).div(sum(nll.weights));
}
