import type { Tensor } from '@llm/tensor';
import {
  Adafactor,
  Adagrad,
  Adam,
  AdamW,
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  constantWithWarmup,
  cosineWithWarmup,
  ExponentialLR,
  getConstantScheduleWithWarmup,
  getCosineScheduleWithWarmup,
  getLinearScheduleWithWarmup,
  LambdaLR,
  LinearLR,
  Lion,
  type LRScheduler,
  linearWithWarmup,
  MultiStepLR,
  OneCycleLR,
  PolynomialLR,
  ReduceLROnPlateau,
  RMSprop,
  type SchedulableOptimizer,
  type Scheduler,
  SequentialLR,
  SGD,
  StepLR,
} from '../src/index';

// biome-ignore lint/suspicious/noExplicitAny: fixture options are untyped JSON
type Options = any;

export interface ScheduleSpec {
  type: string;
  options?: Options;
  lambda?: string;
  schedulers?: ScheduleSpec[];
}

export interface GroupSpec {
  params: number[];
  options?: Options;
}

export function makeOptimizer(
  name: string,
  params: Tensor[],
  options: Options,
  groups?: GroupSpec[],
): SchedulableOptimizer {
  const input = groups
    ? groups.map((g) => ({ params: g.params.map((i) => params[i]), ...g.options }))
    : params;
  switch (name) {
    case 'SGD':
      return new SGD(input, options) as unknown as SchedulableOptimizer;
    case 'Adam':
      return new Adam(input, options) as unknown as SchedulableOptimizer;
    case 'AdamW':
      return new AdamW(input, options) as unknown as SchedulableOptimizer;
    case 'RMSprop':
      return new RMSprop(input, options) as unknown as SchedulableOptimizer;
    case 'Adagrad':
      return new Adagrad(input, options) as unknown as SchedulableOptimizer;
    case 'Lion':
      return new Lion(input, options) as unknown as SchedulableOptimizer;
    case 'Adafactor':
      return new Adafactor(input, options) as unknown as SchedulableOptimizer;
  }
  throw new Error(`unknown optimizer ${name}`);
}

const LAMBDAS: Record<string, () => (step: number) => number> = {
  exp095: () => (e) => 0.95 ** e,
  cosineWarmup: () => cosineWithWarmup({ numWarmupSteps: 10, numTrainingSteps: 50 }),
};

/** The HF recipe's pure multiplier, for a plain `LambdaLR`. */
export function recipeLambda(recipe: { recipe: string; options: Options }): (step: number) => number {
  if (recipe.recipe === 'cosine') return cosineWithWarmup(recipe.options);
  if (recipe.recipe === 'linear') return linearWithWarmup(recipe.options);
  return constantWithWarmup(recipe.options);
}

/** Builds the HF recipe through its `get*ScheduleWithWarmup` entry point. */
export function makeRecipe(
  opt: SchedulableOptimizer,
  recipe: { recipe: string; options: Options },
): LRScheduler {
  if (recipe.recipe === 'cosine') return getCosineScheduleWithWarmup(opt, recipe.options);
  if (recipe.recipe === 'linear') return getLinearScheduleWithWarmup(opt, recipe.options);
  return getConstantScheduleWithWarmup(opt, recipe.options);
}

export function makeScheduler(
  opt: SchedulableOptimizer,
  spec: ScheduleSpec,
): Scheduler & { lrAt?: (t: number) => number[] } {
  const o = spec.options ?? {};
  switch (spec.type) {
    case 'StepLR':
      return new StepLR(opt, o);
    case 'MultiStepLR':
      return new MultiStepLR(opt, o);
    case 'ExponentialLR':
      return new ExponentialLR(opt, o);
    case 'CosineAnnealingLR':
      return new CosineAnnealingLR(opt, o);
    case 'CosineAnnealingWarmRestarts':
      return new CosineAnnealingWarmRestarts(opt, o);
    case 'LinearLR':
      return new LinearLR(opt, o);
    case 'ConstantLR':
      return new ConstantLR(opt, o);
    case 'PolynomialLR':
      return new PolynomialLR(opt, o);
    case 'OneCycleLR':
      return new OneCycleLR(opt, o);
    case 'LambdaLR':
      return new LambdaLR(opt, { lrLambda: LAMBDAS[spec.lambda!]() });
    case 'SequentialLR':
      return new SequentialLR(opt, {
        schedulers: spec.schedulers!.map((s) => makeScheduler(opt, s) as LRScheduler),
        milestones: o.milestones,
      });
    case 'ChainedScheduler':
      return new ChainedScheduler(spec.schedulers!.map((s) => makeScheduler(opt, s) as LRScheduler));
  }
  throw new Error(`unknown scheduler ${spec.type}`);
}

export function makePlateau(opt: SchedulableOptimizer, o: Options): ReduceLROnPlateau {
  return new ReduceLROnPlateau(opt, o);
}
