import { ValueError } from '@llm/tensor';
import { finite, inRange, nonNegative, positiveInt } from '../internal/validate';
import { LambdaLR, type LrLambda } from './lambda-lr';
import type { SchedulableOptimizer } from './lr-scheduler';

export interface WarmupDecayOptions {
  /** Steps of linear warm-up from 0 to the base rate. */
  numWarmupSteps: number;
  /** Total training steps; the decay ends here. */
  numTrainingSteps: number;
  /** Floor of the decay as a fraction of the base rate (default 0). */
  minLrRate?: number;
}

export interface WarmupCosineOptions extends WarmupDecayOptions {
  /** Number of cosine waves over the decay; 0.5 (the default) is one half-wave from the base rate down to the floor. */
  numCycles?: number;
}

function checkDecay(op: string, o: WarmupDecayOptions): void {
  nonNegative(op, 'numWarmupSteps', o.numWarmupSteps);
  positiveInt(op, 'numTrainingSteps', o.numTrainingSteps);
  if (o.numWarmupSteps > o.numTrainingSteps) {
    throw new ValueError(
      `${op}: 'numWarmupSteps' must not exceed 'numTrainingSteps' ${o.numTrainingSteps}, got ${o.numWarmupSteps}.`,
    );
  }
  inRange(op, 'minLrRate', o.minLrRate ?? 0, 0, 1, true);
}

/**
 * The multiplier of HF's `get_cosine_schedule_with_warmup` (pure): `t / w` during warm-up, then
 * `r + (1 − r) · ½(1 + cos(2π · numCycles · progress))` with the floor `r = minLrRate`
 * (`get_cosine_with_min_lr_schedule_with_warmup`).
 */
export function cosineWithWarmup(options: WarmupCosineOptions): LrLambda {
  checkDecay('cosineWithWarmup', options);
  const { numWarmupSteps: w, numTrainingSteps: total, numCycles = 0.5, minLrRate = 0 } = options;
  finite('cosineWithWarmup', 'numCycles', numCycles);
  return (step) => {
    if (step < w) return step / Math.max(1, w);
    const progress = (step - w) / Math.max(1, total - w);
    const factor = 0.5 * (1 + Math.cos(Math.PI * numCycles * 2 * progress));
    return Math.max(0, factor * (1 - minLrRate) + minLrRate);
  };
}

/**
 * The multiplier of HF's `get_linear_schedule_with_warmup` (pure): `t / w` during warm-up, then a linear
 * decay `max(0, (T − t) / (T − w))`, lifted to the floor `r` as `r + (1 − r) · decay`.
 */
export function linearWithWarmup(options: WarmupDecayOptions): LrLambda {
  checkDecay('linearWithWarmup', options);
  const { numWarmupSteps: w, numTrainingSteps: total, minLrRate = 0 } = options;
  return (step) => {
    if (step < w) return step / Math.max(1, w);
    const factor = Math.max(0, (total - step) / Math.max(1, total - w));
    return factor * (1 - minLrRate) + minLrRate;
  };
}

/** The multiplier of HF's `get_constant_schedule_with_warmup` (pure): `t / w` during warm-up, then 1. */
export function constantWithWarmup(options: { numWarmupSteps: number }): LrLambda {
  const w = nonNegative('constantWithWarmup', 'numWarmupSteps', options.numWarmupSteps);
  return (step) => (step < w ? step / Math.max(1, w) : 1);
}

/** Linear warm-up, then cosine decay (to `minLrRate · baseLr`): a `LambdaLR` over `cosineWithWarmup`. */
export function getCosineScheduleWithWarmup(
  optimizer: SchedulableOptimizer,
  options: WarmupCosineOptions,
): LambdaLR {
  return new LambdaLR(optimizer, { lrLambda: cosineWithWarmup(options) });
}

/** Linear warm-up, then linear decay (to `minLrRate · baseLr`): a `LambdaLR` over `linearWithWarmup`. */
export function getLinearScheduleWithWarmup(
  optimizer: SchedulableOptimizer,
  options: WarmupDecayOptions,
): LambdaLR {
  return new LambdaLR(optimizer, { lrLambda: linearWithWarmup(options) });
}

/** Linear warm-up, then the constant base rate: a `LambdaLR` over `constantWithWarmup`. */
export function getConstantScheduleWithWarmup(
  optimizer: SchedulableOptimizer,
  options: { numWarmupSteps: number },
): LambdaLR {
  return new LambdaLR(optimizer, { lrLambda: constantWithWarmup(options) });
}
