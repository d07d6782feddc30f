import { add, mul, neg, sub, type Tensor } from '@llm/tensor';
import { logSigmoid } from '../internal/numerics';
import { applyReduction } from '../internal/reduction';
import { checkFloat, checkLike, checkNumber, checkOptions } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface DpoLossOptions extends ReductionOptions {
  /** Strength of the implicit KL penalty to the reference model. Default 0.1. */
  beta?: number;
  /** Assumed probability that a preference label is flipped (conservative DPO); 0 gives plain DPO. Default 0. */
  labelSmoothing?: number;
}

/**
 * Direct Preference Optimization (Rafailov et al. 2023, https://arxiv.org/abs/2305.18290):
 * `-log sigmoid(beta * ((pi_c - pi_r) - (ref_c - ref_r)))`, from the summed log-probabilities of the
 * chosen and rejected completions under the policy and the frozen reference, each [N]. With
 * `labelSmoothing` e it is `-(1 - e) log sigmoid(beta h) - e log sigmoid(-beta h)`, as in TRL.
 */
export function dpoLoss(
  policyChosen: Tensor,
  policyRejected: Tensor,
  referenceChosen: Tensor,
  referenceRejected: Tensor,
  options: DpoLossOptions = {},
): Tensor {
  const op = 'dpoLoss';
  checkOptions(op, options, ['reduction', 'beta', 'labelSmoothing']);
  checkFloat(op, 'policyChosen', policyChosen);
  checkLike(op, 'policyRejected', policyRejected, 'policyChosen', policyChosen);
  checkLike(op, 'referenceChosen', referenceChosen, 'policyChosen', policyChosen);
  checkLike(op, 'referenceRejected', referenceRejected, 'policyChosen', policyChosen);
  const beta = checkNumber(op, 'beta', options.beta, 0.1, (v) => v > 0 && v < Infinity, 'a positive number');
  const smoothing = checkNumber(
    op,
    'labelSmoothing',
    options.labelSmoothing,
    0,
    (v) => v >= 0 && v <= 0.5,
    'a number in [0, 0.5]',
  );
  const h = mul(sub(sub(policyChosen, policyRejected), sub(referenceChosen, referenceRejected)), beta);
  let loss = neg(logSigmoid(h));
  if (smoothing > 0) loss = add(mul(loss, 1 - smoothing), mul(neg(logSigmoid(neg(h))), smoothing));
  return applyReduction(loss, options.reduction, op);
}
