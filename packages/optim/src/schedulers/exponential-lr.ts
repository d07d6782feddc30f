import { finite } from '../internal/validate';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

export interface ExponentialLROptions {
  /** Multiplicative decay per step. */
  gamma: number;
}

/** `lr = baseLr · γ^t` — `torch.optim.lr_scheduler.ExponentialLR`. */
export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    super('ExponentialLR', optimizer);
    this.gamma = finite('ExponentialLR', 'gamma', options.gamma);
    this.initialStep();
  }

  protected computeLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => g.lr as number);
    return this.groups.map((g) => (g.lr as number) * this.gamma);
  }

  lrAt(step: number): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** step);
  }
}
