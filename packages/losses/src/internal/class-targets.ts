import {
  gather,
  indexSelect,
  mul,
  neg,
  permute,
  reshape,
  ShapeError,
  squeeze,
  sum,
  type Tensor,
  unsqueeze,
  ValueError,
  where,
  zerosLike,
} from '@llm/tensor';
import type { ClassDim } from '../class-dim';
import { checkClassIds, checkFloat, fmt, sameShape } from './validate';

/**
 * The dim that holds the classes for class-index targets. PyTorch's layout (`[N, C, d1, ...]` with
 * `[N, d1, ...]` targets) wins; otherwise `[..., C]` with `[...]` targets puts the classes last.
 */
export function indexClassDim(op: string, input: Tensor, target: Tensor, classDim?: ClassDim): number {
  if (input.ndim === 0) throw new ShapeError(`${op}: 'input' must have at least 1 dim, got [].`);
  if (input.ndim === 1) {
    if (target.ndim !== 0) {
      throw new ShapeError(
        `${op}: 'target' must have shape [] to match unbatched 'input' ${fmt(input.shape)}, got ${fmt(target.shape)}.`,
      );
    }
    return 0;
  }
  const torchShape = input.shape.filter((_, i) => i !== 1);
  const lastShape = input.shape.slice(0, -1);
  if (classDim !== undefined && classDim !== 1 && classDim !== -1) {
    throw new ValueError(`${op}: 'classDim' must be 1 or -1, got ${String(classDim)}.`);
  }
  // With two dims, dim 1 is the last dim: both layouts agree.
  const wantsTorch = classDim !== -1 || input.ndim === 2;
  const wantsLast = classDim !== 1 && input.ndim >= 3;
  if (wantsTorch && sameShape(target.shape, torchShape)) return 1;
  if (wantsLast && sameShape(target.shape, lastShape)) return input.ndim - 1;
  const expected =
    wantsTorch && wantsLast
      ? `${fmt(torchShape)} (classes in dim 1) or ${fmt(lastShape)} (classes in the last dim)`
      : fmt(wantsTorch ? torchShape : lastShape);
  throw new ShapeError(
    `${op}: 'target' must have shape ${expected} to match 'input' ${fmt(input.shape)}, got ${fmt(target.shape)}.`,
  );
}

/** The class dim for probability targets (same shape as the input): dim 1, or the last with `classDim: -1`. */
export function probabilityClassDim(op: string, input: Tensor, classDim?: ClassDim): number {
  if (input.ndim === 0) throw new ShapeError(`${op}: 'input' must have at least 1 dim, got [].`);
  if (classDim !== undefined && classDim !== 1 && classDim !== -1) {
    throw new ValueError(`${op}: 'classDim' must be 1 or -1, got ${String(classDim)}.`);
  }
  if (input.ndim === 1) return 0;
  return classDim === -1 ? input.ndim - 1 : 1;
}

/** Moves `dim` to the end, so the classes sit in the last dim. */
export function classesLast(x: Tensor, dim: number): Tensor {
  if (dim === x.ndim - 1) return x;
  const order = x.shape.map((_, i) => i).filter((i) => i !== dim);
  return permute(x, [...order, dim]);
}

/** Per-class weights: a float tensor of shape [C], cast to the input's dtype. */
export function checkClassWeight(
  op: string,
  weight: unknown,
  classes: number,
  like: Tensor,
): Tensor | undefined {
  if (weight === undefined || weight === null) return undefined;
  const w = checkFloat(op, 'weight', weight);
  if (w.ndim !== 1 || w.shape[0] !== classes) {
    throw new ShapeError(
      `${op}: 'weight' must have shape [${classes}] to match the ${classes} classes of 'input' ${fmt(like.shape)}, got ${fmt(w.shape)}.`,
    );
  }
  return w.to(like.dtype);
}

export interface PickedNll {
  /** -w[t] * logp[t] per target element, 0 where the target is ignored; the target's shape. */
  loss: Tensor;
  /** w[t] per target element (1 without weights), 0 where ignored. */
  weights: Tensor;
  /** Where the target is not `ignoreIndex`. */
  valid: Tensor;
}

/**
 * The negative log-likelihood of each target class, given log-probabilities with the classes last
 * (`[..., C]`) and int32 targets (`[...]`). Ignored targets are remapped to class 0 before `gather`,
 * then masked, so they contribute neither loss nor gradient.
 */
export function pickNll(
  op: string,
  logp: Tensor,
  target: Tensor,
  weight: Tensor | undefined,
  ignoreIndex: number,
  targetName = 'target',
): PickedNll {
  const classes = logp.shape[logp.ndim - 1];
  checkClassIds(op, targetName, target, classes, ignoreIndex);
  const valid = target.ne(ignoreIndex);
  const safe = where(valid, target, 0);
  const picked = squeeze(gather(logp, -1, unsqueeze(safe, -1)), -1);
  let weights = where(valid, 1, zerosLike(picked));
  if (weight) {
    const w = reshape(indexSelect(weight, 0, reshape(safe, [safe.numel])), safe.shape);
    weights = where(valid, w, 0);
  }
  return { loss: neg(mul(picked, weights)), weights, valid };
}

/** `-sum_c w_c * logp_c` per position (the label-smoothing term), 0 where ignored. */
export function uniformNll(logp: Tensor, weight: Tensor | undefined, valid: Tensor): Tensor {
  const total = neg(sum(weight ? mul(logp, weight) : logp, -1));
  return where(valid, total, 0);
}
