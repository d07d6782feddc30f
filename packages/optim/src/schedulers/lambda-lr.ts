import { ValueError } from '@llm/tensor';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

/** A learning-rate multiplier as a function of the step. */
export type LrLambda = (step: number) => number;

export interface LambdaLROptions {
  /** One multiplier function for all groups, or one per group. */
  lrLambda: LrLambda | readonly LrLambda[];
}

/** `lr = baseLr · λ(t)` — `torch.optim.lr_scheduler.LambdaLR`; the functions are not saved in `stateDict()`. */
export class LambdaLR extends LRScheduler {
  readonly lrLambdas: LrLambda[];
  protected override readonly hasClosedForm = false;

  constructor(optimizer: SchedulableOptimizer, options: LambdaLROptions) {
    super('LambdaLR', optimizer);
    const n = optimizer.paramGroups.length;
    const fns =
      typeof options.lrLambda === 'function' ? Array(n).fill(options.lrLambda) : [...options.lrLambda];
    if (fns.length !== n || fns.some((fn) => typeof fn !== 'function')) {
      throw new ValueError(`LambdaLR: 'lrLambda' must be a function or ${n} functions (one per group).`);
    }
    this.lrLambdas = fns;
    this.initialStep();
  }

  protected computeLr(): number[] {
    return this.lrAt(this.lastEpoch);
  }

  lrAt(step: number): number[] {
    return this.baseLrs.map((b, i) => b * this.lrLambdas[i](step));
  }
}
