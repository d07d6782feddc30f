import { ValueError } from '@llm/tensor';
import { finite } from '../internal/validate';
import { bisectRight, LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

export interface MultiStepLROptions {
  /** Steps at which to decay (a repeated milestone decays once per repeat). */
  milestones: readonly number[];
  /** Multiplicative decay (default 0.1). */
  gamma?: number;
}

/** `lr = baseLr · γ^(milestones ≤ t)` — `torch.optim.lr_scheduler.MultiStepLR`. */
export class MultiStepLR extends LRScheduler {
  milestones: number[];
  gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: MultiStepLROptions) {
    super('MultiStepLR', optimizer);
    if (!Array.isArray(options.milestones) || options.milestones.some((m) => !Number.isInteger(m))) {
      throw new ValueError(
        `MultiStepLR: 'milestones' must be a list of integers, got ${String(options.milestones)}.`,
      );
    }
    this.milestones = [...options.milestones].sort((a, b) => a - b);
    this.gamma = finite('MultiStepLR', 'gamma', options.gamma ?? 0.1);
    this.initialStep();
  }

  protected computeLr(): number[] {
    const count = this.milestones.filter((m) => m === this.lastEpoch).length;
    if (count === 0) return this.groups.map((g) => g.lr as number);
    return this.groups.map((g) => (g.lr as number) * this.gamma ** count);
  }

  lrAt(step: number): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** bisectRight(this.milestones, step));
  }
}
