import { add, flatten, mul, ShapeError, sum, type Tensor, ValueError } from '@llm/tensor';
import { bceLoss } from '../classification/bce-loss';
import { bceWithLogitsLoss } from '../classification/bce-with-logits-loss';
import { applyReduction } from '../internal/reduction';
import {
  checkFloat,
  checkLike,
  checkNumber,
  checkOptions,
  checkTensor,
  fmt,
  sameShape,
} from '../internal/validate';
import type { ReductionOptions } from '../reduction';
import { mseLoss } from '../regression/mse-loss';
import { gaussianKl } from './gaussian-kl';

export interface ElboLossOptions extends ReductionOptions {
  /** Posterior means [N, D]. Required. */
  mu: Tensor;
  /** Posterior log-variances [N, D]. Required. */
  logVar: Tensor;
  /** How the decoder output is scored: `'bce'` on probabilities, `'bceWithLogits'` on logits (default) or `'mse'`. */
  reconstruction?: 'bce' | 'bceWithLogits' | 'mse';
  /** Weight of the KL term (beta-VAE, Higgins et al. 2017). Default 1. */
  beta?: number;
}

/**
 * The negative evidence lower bound of a VAE (Kingma & Welling 2014) to minimise:
 * `recon(input, target) + beta * KL(q(z|x) || N(0, I))`, with the reconstruction loss summed over every
 * dim but the first of `input` and `target` [N, ...] and the KL from `gaussianKl`. The reduction runs
 * over the N samples.
 */
export function elboLoss(input: Tensor, target: Tensor, options: ElboLossOptions): Tensor {
  const op = 'elboLoss';
  if (options === undefined) throw new ValueError(`${op}: 'options' with 'mu' and 'logVar' is required.`);
  checkOptions(op, options, ['reduction', 'mu', 'logVar', 'reconstruction', 'beta']);
  checkFloat(op, 'input', input);
  checkLike(op, 'target', target, 'input', input);
  const mu = checkFloat(op, 'mu', options.mu);
  checkTensor(op, 'logVar', options.logVar);
  const samples = input.ndim <= 1 ? [] : [input.shape[0]];
  if (!sameShape(mu.shape.slice(0, -1), samples)) {
    throw new ShapeError(
      `${op}: 'mu' must have shape ${fmt([...samples, mu.shape[mu.ndim - 1] ?? 1])} to match the samples of 'input' ${fmt(input.shape)}, got ${fmt(mu.shape)}.`,
    );
  }
  const beta = checkNumber(
    op,
    'beta',
    options.beta,
    1,
    (v) => v >= 0 && v < Infinity,
    'a non-negative number',
  );
  const kind = options.reconstruction ?? 'bceWithLogits';
  const score = { bce: bceLoss, bceWithLogits: bceWithLogitsLoss, mse: mseLoss }[kind];
  if (!score) {
    throw new ValueError(
      `${op}: 'reconstruction' must be one of 'bce', 'bceWithLogits', 'mse', got ${String(options.reconstruction)}.`,
    );
  }
  const perElement = score(input, target, { reduction: 'none' });
  const recon = input.ndim <= 1 ? sum(perElement) : sum(flatten(perElement, 1), -1);
  const kl = gaussianKl(mu, options.logVar, { reduction: 'none' });
  return applyReduction(add(recon, mul(kl, beta)), options.reduction, op);
}
