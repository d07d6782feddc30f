import { ValueError } from '@llm/tensor';
import { bool, inRange, positiveInt } from '../internal/validate';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

export interface OneCycleLROptions {
  /** Peak rate, one for all groups or one per group. */
  maxLr: number | readonly number[];
  /** Length of the cycle; or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the rate (default 0.3). */
  pctStart?: number;
  /** 'cos' (default) or 'linear' annealing. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (or Adam's β1) inversely to the rate (default true). */
  cycleMomentum?: boolean;
  /** Lowest momentum, reached at the peak rate (default 0.85). */
  baseMomentum?: number | readonly number[];
  /** Highest momentum, at the start and end (default 0.95). */
  maxMomentum?: number | readonly number[];
  /** Initial rate = maxLr / divFactor (default 25). */
  divFactor?: number;
  /** Final rate = initial rate / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Use a third phase that anneals to the final rate after returning to the initial one (default false). */
  threePhase?: boolean;
}

interface Phase {
  endStep: number;
  startLr: 'initial' | 'max' | 'min';
  endLr: 'initial' | 'max' | 'min';
  startMomentum: 'max' | 'base';
  endMomentum: 'max' | 'base';
}

/**
 * The 1cycle policy — `torch.optim.lr_scheduler.OneCycleLR`: the rate rises from `maxLr / divFactor` to
 * `maxLr` over `pctStart` of the cycle, then anneals to `maxLr / divFactor / finalDivFactor`, while the
 * momentum moves the opposite way. Smith & Topin 2017, https://arxiv.org/abs/1708.07120
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1: boolean;
  phases: Phase[];
  initialLrs: number[];
  maxLrs: number[];
  minLrs: number[];
  maxMomentums: number[];
  baseMomentums: number[];

  constructor(optimizer: SchedulableOptimizer, options: OneCycleLROptions) {
    const op = 'OneCycleLR';
    const n = optimizer.paramGroups.length;
    const perGroup = (name: string, v: number | readonly number[]): number[] => {
      if (typeof v === 'number') return Array(n).fill(v);
      if (!Array.isArray(v) || v.length !== n) {
        throw new ValueError(
          `${op}: '${name}' must be a number or ${n} numbers (one per group), got ${String(v)}.`,
        );
      }
      return [...v];
    };
    const maxLrs = perGroup('maxLr', options.maxLr);
    const divFactor = options.divFactor ?? 25;
    const finalDivFactor = options.finalDivFactor ?? 1e4;
    // PyTorch overwrites 'initial_lr' before the base class reads it.
    optimizer.paramGroups.forEach((g, i) => {
      g.initialLr = maxLrs[i] / divFactor;
    });
    super(op, optimizer);
    let total: number;
    if (options.totalSteps !== undefined) total = positiveInt(op, 'totalSteps', options.totalSteps);
    else if (options.epochs !== undefined && options.stepsPerEpoch !== undefined) {
      total =
        positiveInt(op, 'epochs', options.epochs) * positiveInt(op, 'stepsPerEpoch', options.stepsPerEpoch);
    } else throw new ValueError(`${op}: give 'totalSteps', or 'epochs' and 'stepsPerEpoch'.`);
    this.totalSteps = total;
    const pct = inRange(op, 'pctStart', options.pctStart ?? 0.3, 0, 1, true);
    const strategy = options.annealStrategy ?? 'cos';
    if (strategy !== 'cos' && strategy !== 'linear') {
      throw new ValueError(`${op}: 'annealStrategy' must be 'cos' or 'linear', got ${String(strategy)}.`);
    }
    this.annealStrategy = strategy;
    this.phases = options.threePhase
      ? [
          {
            endStep: pct * total - 1,
            startLr: 'initial',
            endLr: 'max',
            startMomentum: 'max',
            endMomentum: 'base',
          },
          {
            endStep: 2 * pct * total - 2,
            startLr: 'max',
            endLr: 'initial',
            startMomentum: 'base',
            endMomentum: 'max',
          },
          { endStep: total - 1, startLr: 'initial', endLr: 'min', startMomentum: 'max', endMomentum: 'max' },
        ]
      : [
          {
            endStep: pct * total - 1,
            startLr: 'initial',
            endLr: 'max',
            startMomentum: 'max',
            endMomentum: 'base',
          },
          { endStep: total - 1, startLr: 'max', endLr: 'min', startMomentum: 'base', endMomentum: 'max' },
        ];
    this.initialLrs = this.baseLrs.slice();
    this.maxLrs = maxLrs;
    this.minLrs = this.initialLrs.map((lr) => lr / finalDivFactor);
    this.cycleMomentum = bool(op, 'cycleMomentum', options.cycleMomentum ?? true);
    this.useBeta1 = 'betas' in optimizer.defaults;
    this.maxMomentums = perGroup('maxMomentum', options.maxMomentum ?? 0.95);
    this.baseMomentums = perGroup('baseMomentum', options.baseMomentum ?? 0.85);
    if (this.cycleMomentum) {
      if (!('momentum' in optimizer.defaults) && !this.useBeta1) {
        throw new ValueError(`${op}: 'cycleMomentum' needs an optimizer with 'momentum' or 'betas'.`);
      }
      this.#setMomentum(this.maxMomentums);
    }
    this.initialStep();
  }

  #setMomentum(values: readonly number[]): void {
    this.groups.forEach((g, i) => {
      const group = g as unknown as { betas?: readonly number[]; momentum?: number };
      if (this.useBeta1) group.betas = [values[i], ...(group.betas ?? []).slice(1)];
      else group.momentum = values[i];
    });
  }

  #anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === 'cos') return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }

  /** Rate and momentum of group `i` after `step` steps. */
  #at(step: number, i: number): [lr: number, momentum: number] {
    const lrs = { initial: this.initialLrs[i], max: this.maxLrs[i], min: this.minLrs[i] };
    const moms = { max: this.maxMomentums[i], base: this.baseMomentums[i] };
    let start = 0;
    for (let k = 0; k < this.phases.length; k++) {
      const phase = this.phases[k];
      if (step <= phase.endStep || k === this.phases.length - 1) {
        const pct = (step - start) / (phase.endStep - start);
        return [
          this.#anneal(lrs[phase.startLr], lrs[phase.endLr], pct),
          this.#anneal(moms[phase.startMomentum], moms[phase.endMomentum], pct),
        ];
      }
      start = phase.endStep;
    }
    throw new Error('unreachable');
  }

  protected computeLr(): number[] {
    const step = this.lastEpoch;
    if (step > this.totalSteps) {
      throw new ValueError(
        `OneCycleLR: tried to step ${step + 1} times; 'totalSteps' is ${this.totalSteps}.`,
      );
    }
    const out = this.groups.map((_, i) => this.#at(step, i));
    if (this.cycleMomentum) this.#setMomentum(out.map((o) => o[1]));
    return out.map((o) => o[0]);
  }

  lrAt(step: number): number[] {
    return this.groups.map((_, i) => this.#at(step, i)[0]);
  }
}
