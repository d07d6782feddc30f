import { ValueError } from '@llm/tensor';
import {
  bisectRight,
  LRScheduler,
  type SchedulableOptimizer,
  type Scheduler,
  type SchedulerStateDict,
} from './lr-scheduler';

export interface SequentialLROptions {
  /** The schedulers to run one after another, all over `optimizer`. */
  schedulers: readonly LRScheduler[];
  /** Steps at which to switch to the next scheduler (one fewer than `schedulers`). */
  milestones: readonly number[];
}

/**
 * Runs schedulers one after another, switching at `milestones` (each restarts at its step 0) —
 * `torch.optim.lr_scheduler.SequentialLR`, e.g. `LinearLR` warm-up then `CosineAnnealingLR`.
 */
export class SequentialLR implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  readonly schedulers: readonly LRScheduler[];
  milestones: number[];
  lastEpoch: number;
  #lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: SequentialLROptions) {
    const { schedulers, milestones } = options;
    if (!Array.isArray(schedulers) || schedulers.length === 0) {
      throw new ValueError("SequentialLR: 'schedulers' must be a non-empty list of schedulers.");
    }
    schedulers.forEach((s, i) => {
      if (!(s instanceof LRScheduler) || s.optimizer !== optimizer) {
        throw new ValueError(`SequentialLR: 'schedulers[${i}]' must be a scheduler over the same optimizer.`);
      }
    });
    if (!Array.isArray(milestones) || milestones.length !== schedulers.length - 1) {
      throw new ValueError(
        `SequentialLR: 'milestones' must have ${schedulers.length - 1} entries (one fewer than 'schedulers'), got ${milestones?.length}.`,
      );
    }
    this.optimizer = optimizer;
    this.schedulers = [...schedulers];
    this.milestones = [...milestones];
    this.lastEpoch = 0;
    // Undo the step 0 every child applied on construction, then apply the first child's.
    for (const g of optimizer.paramGroups) g.lr = g.initialLr!;
    for (const s of this.schedulers) s.lastEpoch -= 1;
    this.schedulers[0].initialStep();
    this.#lastLr = this.schedulers[0].getLastLr();
  }

  step(): void {
    this.lastEpoch += 1;
    const idx = bisectRight(this.milestones, this.lastEpoch);
    const scheduler = this.schedulers[idx];
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
    this.#lastLr = scheduler.getLastLr();
  }

  getLastLr(): number[] {
    return this.#lastLr.slice();
  }

  /** The closed-form rates after `step` steps: the active child's `lrAt` from its own start. */
  lrAt(step: number): number[] {
    const idx = bisectRight(this.milestones, step);
    return this.schedulers[idx].lrAt(idx > 0 ? step - this.milestones[idx - 1] : step);
  }

  stateDict(): SchedulerStateDict {
    return {
      milestones: this.milestones.slice(),
      lastEpoch: this.lastEpoch,
      lastLr: this.#lastLr.slice(),
      schedulers: this.schedulers.map((s) => s.stateDict()),
    };
  }

  loadStateDict(state: SchedulerStateDict): void {
    this.milestones = [...(state.milestones as number[])];
    this.lastEpoch = state.lastEpoch as number;
    this.#lastLr = [...(state.lastLr as number[])];
    (state.schedulers as SchedulerStateDict[]).forEach((s, i) => {
      this.schedulers[i].loadStateDict(s);
    });
  }
}
