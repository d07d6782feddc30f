// @llm/optim: the public surface. Everything a user can import is listed here by name.

export { Adafactor, type AdafactorOptions, type AdafactorState, adafactorUpdate } from './adafactor';
export { Adagrad, type AdagradOptions, type AdagradState, adagradUpdate } from './adagrad';
export { Adam, type AdamOptions, type AdamState, adamUpdate } from './adam';
export { AdamW, type AdamWOptions, adamwUpdate } from './adamw';
export { type ClipGradNormOptions, clipGradNorm, clipGradValue } from './clip-grad';
export { EMA, type EMAOptions, type EMAStateDict } from './ema';
export { GradAccumulator, type GradAccumulatorOptions } from './grad-accumulator';
export { GradScaler, type GradScalerOptions, type GradScalerStateDict } from './grad-scaler';
export { Lion, type LionOptions, type LionState, lionUpdate } from './lion';
export {
  assertFiniteGrads,
  findNonFiniteGrads,
  type NamedParameters,
  type NonFiniteGrad,
  NonFiniteGradError,
} from './nan-guard';
export {
  type BaseGroupOptions,
  Optimizer,
  type OptimizerStateDict,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
  type UpdateResult,
} from './optimizer';
export { RMSprop, type RMSpropOptions, type RMSpropState, rmspropUpdate } from './rmsprop';
export { ChainedScheduler } from './schedulers/chained-scheduler';
export { ConstantLR, type ConstantLROptions } from './schedulers/constant-lr';
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './schedulers/cosine-annealing-lr';
export {
  CosineAnnealingWarmRestarts,
  type CosineAnnealingWarmRestartsOptions,
} from './schedulers/cosine-annealing-warm-restarts';
export { ExponentialLR, type ExponentialLROptions } from './schedulers/exponential-lr';
export { LambdaLR, type LambdaLROptions, type LrLambda } from './schedulers/lambda-lr';
export { LinearLR, type LinearLROptions } from './schedulers/linear-lr';
export {
  LRScheduler,
  type SchedulableOptimizer,
  type Scheduler,
  type SchedulerStateDict,
} from './schedulers/lr-scheduler';
export { MultiStepLR, type MultiStepLROptions } from './schedulers/multi-step-lr';
export { OneCycleLR, type OneCycleLROptions } from './schedulers/one-cycle-lr';
export { PolynomialLR, type PolynomialLROptions } from './schedulers/polynomial-lr';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './schedulers/reduce-lr-on-plateau';
export { SequentialLR, type SequentialLROptions } from './schedulers/sequential-lr';
export { StepLR, type StepLROptions } from './schedulers/step-lr';
export {
  constantWithWarmup,
  cosineWithWarmup,
  getConstantScheduleWithWarmup,
  getCosineScheduleWithWarmup,
  getLinearScheduleWithWarmup,
  linearWithWarmup,
  type WarmupCosineOptions,
  type WarmupDecayOptions,
} from './schedulers/warmup';
export { SGD, type SGDOptions, type SGDState, sgdUpdate } from './sgd';
