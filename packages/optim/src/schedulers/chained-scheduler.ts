import { ValueError } from '@llm/tensor';
import { LRScheduler, type Scheduler, type SchedulerStateDict } from './lr-scheduler';

/**
 * Steps several schedulers together so their effects multiply — `torch.optim.lr_scheduler.ChainedScheduler`,
 * e.g. a `ConstantLR` warm-up on top of an `ExponentialLR` decay.
 */
export class ChainedScheduler implements Scheduler {
  readonly schedulers: readonly LRScheduler[];
  #lastLr: number[];

  constructor(schedulers: readonly LRScheduler[]) {
    if (!Array.isArray(schedulers) || schedulers.length === 0) {
      throw new ValueError("ChainedScheduler: 'schedulers' must be a non-empty list of schedulers.");
    }
    schedulers.forEach((s, i) => {
      if (!(s instanceof LRScheduler) || s.optimizer !== schedulers[0].optimizer) {
        throw new ValueError(
          `ChainedScheduler: 'schedulers[${i}]' must be a scheduler over the same optimizer as the first.`,
        );
      }
    });
    this.schedulers = [...schedulers];
    this.#lastLr = this.#groupLrs();
  }

  #groupLrs(): number[] {
    return this.schedulers[this.schedulers.length - 1].optimizer.paramGroups.map((g) => g.lr as number);
  }

  step(): void {
    for (const s of this.schedulers) s.step();
    this.#lastLr = this.#groupLrs();
  }

  getLastLr(): number[] {
    return this.#lastLr.slice();
  }

  stateDict(): SchedulerStateDict {
    return { lastLr: this.#lastLr.slice(), schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  loadStateDict(state: SchedulerStateDict): void {
    this.#lastLr = [...(state.lastLr as number[])];
    (state.schedulers as SchedulerStateDict[]).forEach((s, i) => {
      this.schedulers[i].loadStateDict(s);
    });
  }
}
