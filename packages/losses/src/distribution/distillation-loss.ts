import { add, div, logSoftmax, mul, ShapeError, sub, sum, type Tensor, where } from '@llm/tensor';
import { crossEntropyFor } from '../classification/cross-entropy';
import { xlogy } from '../internal/numerics';
import { checkReduction } from '../internal/reduction';
import {
  checkFloat,
  checkIgnoreIndex,
  checkLike,
  checkNumber,
  checkOptions,
  checkTensor,
  fmt,
  sameShape,
} from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface DistillationLossOptions extends ReductionOptions {
  /** Softens both distributions; the soft term is scaled by `temperature^2` so its gradients keep their size. Default 1. */
  temperature?: number;
  /** Weight of the soft (teacher) term; the hard-label term gets `1 - alpha`. Used only with `labels`. Default 0.5. */
  alpha?: number;
  /** Int32 hard labels (the logits' shape without the last dim) for the cross-entropy term. */
  labels?: Tensor;
  /** Labels equal to this value are skipped in both terms. Default -100. */
  ignoreIndex?: number;
}

/**
 * Knowledge distillation (Hinton, Vinyals & Dean 2015, https://arxiv.org/abs/1503.02531):
 * `alpha * T^2 * KL(softmax(t / T) || softmax(s / T)) + (1 - alpha) * CE(s, labels)`, with the classes in
 * the last dim of `student` and `teacher` logits (`[N, C]` or `[B, T, C]`). Without `labels` only the
 * soft term is returned. `'mean'` averages the per-position losses (the `batchmean` KL).
 */
export function distillationLoss(
  student: Tensor,
  teacher: Tensor,
  options: DistillationLossOptions = {},
): Tensor {
  const op = 'distillationLoss';
  checkOptions(op, options, ['reduction', 'temperature', 'alpha', 'labels', 'ignoreIndex']);
  checkFloat(op, 'student', student);
  checkLike(op, 'teacher', teacher, 'student', student);
  if (student.ndim < 1) throw new ShapeError(`${op}: 'student' must have at least 1 dim, got [].`);
  const reduction = checkReduction(op, options.reduction);
  const temperature = checkNumber(
    op,
    'temperature',
    options.temperature,
    1,
    (v) => v > 0 && v < Infinity,
    'a positive number',
  );
  const alpha = checkNumber(op, 'alpha', options.alpha, 0.5, (v) => v >= 0 && v <= 1, 'a number in [0, 1]');
  const ignoreIndex = checkIgnoreIndex(op, options.ignoreIndex);
  const logStudent = logSoftmax(div(student, temperature), -1);
  const logTeacher = logSoftmax(div(teacher, temperature), -1);
  const pTeacher = logTeacher.exp();
  // KL per position, summed over classes, scaled by T^2 (Hinton et al. section 2).
  let soft = mul(
    sum(sub(xlogy(pTeacher, pTeacher), mul(pTeacher, logStudent)), -1),
    temperature * temperature,
  );
  if (options.labels === undefined) return reduce(soft, reduction, null);
  const labels = checkTensor(op, 'labels', options.labels);
  const lead = student.shape.slice(0, -1);
  if (!sameShape(labels.shape, lead)) {
    throw new ShapeError(
      `${op}: 'labels' must have shape ${fmt(lead)} to match 'student' ${fmt(student.shape)}, got ${fmt(labels.shape)}.`,
    );
  }
  const hard = crossEntropyFor(op, 'labels', student, labels, {
    reduction: 'none',
    ignoreIndex,
    classDim: -1,
  });
  const valid = labels.ne(ignoreIndex);
  soft = where(valid, soft, 0);
  return reduce(add(mul(soft, alpha), mul(hard, 1 - alpha)), reduction, valid);
}

function reduce(loss: Tensor, reduction: string, valid: Tensor | null): Tensor {
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return sum(loss);
  return sum(loss).div(valid ? sum(valid.to(loss.dtype)) : loss.numel);
}
