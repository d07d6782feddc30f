import { finite, positiveInt } from '../internal/validate';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

export interface StepLROptions {
  /** Decay every `stepSize` steps. */
  stepSize: number;
  /** Multiplicative decay (default 0.1). */
  gamma?: number;
}

/** `lr = baseLr · γ^⌊t / stepSize⌋` — `torch.optim.lr_scheduler.StepLR`. */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    super('StepLR', optimizer);
    this.stepSize = positiveInt('StepLR', 'stepSize', options.stepSize);
    this.gamma = finite('StepLR', 'gamma', options.gamma ?? 0.1);
    this.initialStep();
  }

  protected computeLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0)
      return this.groups.map((g) => g.lr as number);
    return this.groups.map((g) => (g.lr as number) * this.gamma);
  }

  lrAt(step: number): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(step / this.stepSize));
  }
}
