import { inRange, positiveInt } from '../internal/validate';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

export interface LinearLROptions {
  /** Factor at step 0, in [0, 1] (default 1/3). */
  startFactor?: number;
  /** Factor from `totalIters` on, in [0, 1] (default 1). */
  endFactor?: number;
  /** Steps of the linear ramp (default 5). */
  totalIters?: number;
}

/**
 * `lr = baseLr · (s + (e − s) · min(t, T) / T)` — `torch.optim.lr_scheduler.LinearLR`, a linear warm-up
 * (or decay) of the factor from `startFactor` to `endFactor` over `totalIters` steps.
 */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;

  constructor(optimizer: SchedulableOptimizer, options: LinearLROptions = {}) {
    super('LinearLR', optimizer);
    this.startFactor = inRange('LinearLR', 'startFactor', options.startFactor ?? 1 / 3, 0, 1, true);
    this.endFactor = inRange('LinearLR', 'endFactor', options.endFactor ?? 1, 0, 1, true);
    this.totalIters = positiveInt('LinearLR', 'totalIters', options.totalIters ?? 5);
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: t, startFactor: s, endFactor: e, totalIters: T } = this;
    if (t === 0) return this.groups.map((g) => (g.lr as number) * s);
    if (t > T) return this.groups.map((g) => g.lr as number);
    return this.groups.map((g) => (g.lr as number) * (1 + (e - s) / (T * s + (t - 1) * (e - s))));
  }

  lrAt(step: number): number[] {
    const { startFactor: s, endFactor: e, totalIters: T } = this;
    return this.baseLrs.map((b) => b * (s + ((e - s) * Math.min(T, step)) / T));
  }
}
