import { ValueError } from '@llm/tensor';
import { type BaseGroupOptions, Optimizer, type ParamGroup, type ParamState } from '../optimizer';

/** Any optimizer a scheduler can drive. */
export type SchedulableOptimizer = Optimizer<BaseGroupOptions, ParamState>;

/** A scheduler's JSON-serialisable state. */
export type SchedulerStateDict = Record<string, unknown>;

/** What every scheduler offers: advance one step, report the learning rates, save and restore. */
export interface Scheduler {
  step(): void;
  /** The learning rate of each parameter group after the last `step()`. */
  getLastLr(): number[];
  stateDict(): SchedulerStateDict;
  loadStateDict(state: SchedulerStateDict): void;
}

/** Keys never saved: the optimizer, functions, and (for composites) the child schedulers. */
const NOT_STATE = new Set(['optimizer', 'name', 'lrLambdas', 'schedulers']);

/**
 * Base of the epoch-indexed schedulers, mirroring torch 1.13's `_LRScheduler`: on construction every
 * group gets `initialLr` (unless a scheduler already set it) and step 0 is applied; each `step()`
 * advances `lastEpoch` and writes the new rates into the optimizer's groups. Subclasses give the
 * chainable (recursive) rule PyTorch uses in `computeLr` — the recursion is reproduced exactly, so the
 * float64 rates match PyTorch's bit for bit — and the closed form in `lrAt`, a pure function of the
 * step for plotting.
 */
export abstract class LRScheduler implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  /** The rates the schedule is relative to: each group's `initialLr`. */
  baseLrs: number[];
  /** Steps taken; 0 after construction. */
  lastEpoch = -1;
  protected stepCount = 0;
  protected lastLr: number[] = [];
  protected readonly name: string;
  /** Whether `step(epoch)` uses the closed form, as PyTorch does where `_get_closed_form_lr` exists. */
  protected readonly hasClosedForm: boolean = true;

  constructor(name: string, optimizer: SchedulableOptimizer) {
    this.name = name;
    if (!(optimizer instanceof Optimizer)) throw new ValueError(`${name}: 'optimizer' must be an Optimizer.`);
    this.optimizer = optimizer;
    optimizer.paramGroups.forEach((group, i) => {
      if (group.initialLr === undefined) {
        if (typeof group.lr !== 'number') {
          throw new ValueError(
            `${name}: parameter group ${i} has no numeric 'lr' to schedule, got ${group.lr}.`,
          );
        }
        group.initialLr = group.lr;
      }
    });
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr!);
  }

  protected get groups(): ParamGroup<BaseGroupOptions>[] {
    return this.optimizer.paramGroups;
  }

  /** The chainable rule: the rates for `lastEpoch`, usually from the groups' current rates. */
  protected abstract computeLr(): number[];

  /** The closed-form rate of every group after `step` steps, computed from `baseLrs` (pure). */
  abstract lrAt(step: number): number[];

  /** Resets the counters and applies step 0 (done on construction, and by `SequentialLR`). */
  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /**
   * Advances one step. With `epoch`, jumps to that step using the closed form where PyTorch has one
   * (PyTorch's deprecated `step(epoch)`; `SequentialLR` uses it at milestones).
   */
  step(epoch?: number): void {
    this.stepCount++;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch++;
      values = this.computeLr();
    } else {
      this.lastEpoch = epoch;
      values = this.hasClosedForm ? this.lrAt(epoch) : this.computeLr();
    }
    this.groups.forEach((g, i) => {
      g.lr = values[i];
    });
    this.lastLr = this.groups.map((g) => g.lr as number);
  }

  getLastLr(): number[] {
    return this.lastLr.slice();
  }

  /** Every field except the optimizer and functions, like PyTorch's `state_dict()`. */
  stateDict(): SchedulerStateDict {
    const out: SchedulerStateDict = {};
    for (const [key, value] of Object.entries(this)) {
      if (NOT_STATE.has(key) || typeof value === 'function') continue;
      out[key] = structuredClone(value);
    }
    return out;
  }

  loadStateDict(state: SchedulerStateDict): void {
    for (const [key, value] of Object.entries(state)) {
      if (NOT_STATE.has(key) || !(key in this)) continue;
      (this as Record<string, unknown>)[key] = structuredClone(value);
    }
  }
}

/** Index of the first milestone greater than `x` (Python's `bisect_right`). */
export function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < sorted[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
