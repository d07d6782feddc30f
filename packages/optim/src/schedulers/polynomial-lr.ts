import { finite, positiveInt } from '../internal/validate';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

export interface PolynomialLROptions {
  /** Steps until the rate reaches 0 (default 5). */
  totalIters?: number;
  /** Power of the polynomial (default 1: linear decay). */
  power?: number;
}

/** `lr = baseLr · (1 − min(t, T) / T)^power` — `torch.optim.lr_scheduler.PolynomialLR`. */
export class PolynomialLR extends LRScheduler {
  totalIters: number;
  power: number;

  constructor(optimizer: SchedulableOptimizer, options: PolynomialLROptions = {}) {
    super('PolynomialLR', optimizer);
    this.totalIters = positiveInt('PolynomialLR', 'totalIters', options.totalIters ?? 5);
    this.power = finite('PolynomialLR', 'power', options.power ?? 1);
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: t, totalIters: T } = this;
    if (t === 0 || t > T) return this.groups.map((g) => g.lr as number);
    const decay = ((1 - t / T) / (1 - (t - 1) / T)) ** this.power;
    return this.groups.map((g) => (g.lr as number) * decay);
  }

  lrAt(step: number): number[] {
    return this.baseLrs.map((b) => b * (1 - Math.min(this.totalIters, step) / this.totalIters) ** this.power);
  }
}
