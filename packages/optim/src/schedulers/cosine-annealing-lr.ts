import { finite, positiveInt } from '../internal/validate';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

export interface CosineAnnealingLROptions {
  /** Half-period in steps: the rate reaches `etaMin` at `tMax`, then rises again. */
  tMax: number;
  /** The lowest rate (default 0). */
  etaMin?: number;
}

/**
 * `lr = ηmin + (baseLr − ηmin)(1 + cos(π t / tMax)) / 2` — `torch.optim.lr_scheduler.CosineAnnealingLR`
 * (SGDR without restarts, Loshchilov & Hutter 2016, https://arxiv.org/abs/1608.03983).
 */
export class CosineAnnealingLR extends LRScheduler {
  tMax: number;
  etaMin: number;

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer);
    this.tMax = positiveInt('CosineAnnealingLR', 'tMax', options.tMax);
    this.etaMin = finite('CosineAnnealingLR', 'etaMin', options.etaMin ?? 0);
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: t, tMax, etaMin } = this;
    if (t === 0) return this.groups.map((g) => g.lr as number);
    if (this.stepCount === 1 && t > 0) return this.lrAt(t);
    if ((t - 1 - tMax) % (2 * tMax) === 0) {
      return this.groups.map(
        (g, i) => (g.lr as number) + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2,
      );
    }
    return this.groups.map(
      (g) =>
        ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) *
          ((g.lr as number) - etaMin) +
        etaMin,
    );
  }

  lrAt(step: number): number[] {
    return this.baseLrs.map(
      (b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * step) / this.tMax))) / 2,
    );
  }
}
