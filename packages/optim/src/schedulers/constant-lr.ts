import { inRange, positiveInt } from '../internal/validate';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

export interface ConstantLROptions {
  /** Factor applied until `totalIters`, in [0, 1] (default 1/3). */
  factor?: number;
  /** Steps at the reduced rate (default 5). */
  totalIters?: number;
}

/** `lr = baseLr · factor` for `t < totalIters`, then `baseLr` — `torch.optim.lr_scheduler.ConstantLR`. */
export class ConstantLR extends LRScheduler {
  factor: number;
  totalIters: number;

  constructor(optimizer: SchedulableOptimizer, options: ConstantLROptions = {}) {
    super('ConstantLR', optimizer);
    this.factor = inRange('ConstantLR', 'factor', options.factor ?? 1 / 3, 0, 1, true);
    this.totalIters = positiveInt('ConstantLR', 'totalIters', options.totalIters ?? 5);
    this.initialStep();
  }

  protected computeLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((g) => (g.lr as number) * this.factor);
    if (this.lastEpoch !== this.totalIters) return this.groups.map((g) => g.lr as number);
    return this.groups.map((g) => (g.lr as number) * (1 / this.factor));
  }

  lrAt(step: number): number[] {
    return this.baseLrs.map((b) => b * (this.factor + (step >= this.totalIters ? 1 : 0) * (1 - this.factor)));
  }
}
