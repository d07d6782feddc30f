import { ValueError } from '@llm/tensor';
import { nonNegative } from '../internal/validate';
import { Optimizer } from '../optimizer';
import type { SchedulableOptimizer, SchedulerStateDict } from './lr-scheduler';

export interface ReduceLROnPlateauOptions {
  /** 'min' (default): lower is better, e.g. a loss; 'max': higher is better, e.g. accuracy. */
  mode?: 'min' | 'max';
  /** Multiply the rate by this when the metric plateaus (< 1, default 0.1). */
  factor?: number;
  /** Bad steps tolerated before reducing (default 10). */
  patience?: number;
  /** How much better counts as better (default 1e-4). */
  threshold?: number;
  /** 'rel' (default): relative to the best; 'abs': absolute. */
  thresholdMode?: 'rel' | 'abs';
  /** Steps to wait after a reduction before counting bad steps again (default 0). */
  cooldown?: number;
  /** Lower bound on the rate, one for all groups or one per group (default 0). */
  minLr?: number | readonly number[];
  /** Reductions smaller than this are skipped (default 1e-8). */
  eps?: number;
}

/**
 * Cuts the rate by `factor` once a metric has not improved for `patience` steps —
 * `torch.optim.lr_scheduler.ReduceLROnPlateau`. Call `step(metric)` after each evaluation.
 */
export class ReduceLROnPlateau {
  readonly optimizer: SchedulableOptimizer;
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  cooldown: number;
  minLrs: number[];
  eps: number;
  /** Best metric so far (±Infinity before the first step). */
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  lastEpoch = 0;
  #lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const op = 'ReduceLROnPlateau';
    if (!(optimizer instanceof Optimizer)) throw new ValueError(`${op}: 'optimizer' must be an Optimizer.`);
    this.optimizer = optimizer;
    this.factor = options.factor ?? 0.1;
    if (!(this.factor < 1) || !(this.factor >= 0)) {
      throw new ValueError(`${op}: 'factor' must be a number in [0, 1), got ${this.factor}.`);
    }
    this.mode = options.mode ?? 'min';
    if (this.mode !== 'min' && this.mode !== 'max') {
      throw new ValueError(`${op}: 'mode' must be 'min' or 'max', got ${String(this.mode)}.`);
    }
    this.thresholdMode = options.thresholdMode ?? 'rel';
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs') {
      throw new ValueError(
        `${op}: 'thresholdMode' must be 'rel' or 'abs', got ${String(this.thresholdMode)}.`,
      );
    }
    this.patience = nonNegative(op, 'patience', options.patience ?? 10);
    this.threshold = nonNegative(op, 'threshold', options.threshold ?? 1e-4);
    this.cooldown = nonNegative(op, 'cooldown', options.cooldown ?? 0);
    this.eps = nonNegative(op, 'eps', options.eps ?? 1e-8);
    const n = optimizer.paramGroups.length;
    const minLr = options.minLr ?? 0;
    if (typeof minLr !== 'number' && (!Array.isArray(minLr) || minLr.length !== n)) {
      throw new ValueError(`${op}: 'minLr' must be a number or ${n} numbers (one per group).`);
    }
    this.minLrs = typeof minLr === 'number' ? Array(n).fill(minLr) : [...minLr];
    this.best = this.#worst();
    this.#lastLr = optimizer.paramGroups.map((g) => g.lr as number);
  }

  #worst(): number {
    return this.mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  #isBetter(a: number, best: number): boolean {
    if (this.mode === 'min')
      return this.thresholdMode === 'rel' ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return this.thresholdMode === 'rel' ? a > best * (this.threshold + 1) : a > best + this.threshold;
  }

  /** Records one evaluation of the metric and reduces the rate if it has plateaued. */
  step(metric: number): void {
    const current = Number(metric);
    this.lastEpoch += 1;
    if (this.#isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const old = g.lr as number;
        const next = Math.max(old * this.factor, this.minLrs[i]);
        if (old - next > this.eps) g.lr = next;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.#lastLr = this.optimizer.paramGroups.map((g) => g.lr as number);
  }

  getLastLr(): number[] {
    return this.#lastLr.slice();
  }

  /** JSON-safe: an infinite `best` (no step yet) is saved as `null`. */
  stateDict(): SchedulerStateDict {
    const { mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, eps, best } = this;
    return {
      mode,
      factor,
      patience,
      threshold,
      thresholdMode,
      cooldown,
      minLrs: minLrs.slice(),
      eps,
      best: Number.isFinite(best) ? best : null,
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastEpoch: this.lastEpoch,
      lastLr: this.#lastLr.slice(),
    };
  }

  loadStateDict(state: SchedulerStateDict): void {
    const s = state as Record<string, unknown>;
    Object.assign(this, {
      mode: s.mode,
      factor: s.factor,
      patience: s.patience,
      threshold: s.threshold,
      thresholdMode: s.thresholdMode,
      cooldown: s.cooldown,
      minLrs: [...(s.minLrs as number[])],
      eps: s.eps,
      numBadEpochs: s.numBadEpochs,
      cooldownCounter: s.cooldownCounter,
      lastEpoch: s.lastEpoch,
    });
    this.best = s.best === null ? this.#worst() : (s.best as number);
    this.#lastLr = [...(s.lastLr as number[])];
  }
}
