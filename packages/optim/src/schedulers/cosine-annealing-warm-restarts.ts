import { ValueError } from '@llm/tensor';
import { finite, positiveInt } from '../internal/validate';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler';

export interface CosineAnnealingWarmRestartsOptions {
  /** Length of the first cycle in steps. */
  t0: number;
  /** Each cycle is `tMult` times longer than the last (integer ≥ 1, default 1). */
  tMult?: number;
  /** The lowest rate (default 0). */
  etaMin?: number;
}

/**
 * SGDR: `lr = ηmin + (baseLr − ηmin)(1 + cos(π Tcur / Ti)) / 2`, restarting at the end of each cycle —
 * `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts` (Loshchilov & Hutter 2016,
 * https://arxiv.org/abs/1608.03983).
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  t0: number;
  tMult: number;
  etaMin: number;
  /** Length of the current cycle. */
  tI: number;
  /** Steps since the last restart. */
  tCur = -1;

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingWarmRestartsOptions) {
    super('CosineAnnealingWarmRestarts', optimizer);
    this.t0 = positiveInt('CosineAnnealingWarmRestarts', 't0', options.t0);
    this.tMult = positiveInt('CosineAnnealingWarmRestarts', 'tMult', options.tMult ?? 1);
    this.etaMin = finite('CosineAnnealingWarmRestarts', 'etaMin', options.etaMin ?? 0);
    this.tI = this.t0;
    this.initialStep();
  }

  /** Cycle position and length after `epoch` steps (the closed form PyTorch's `step(epoch)` uses). */
  #cycle(epoch: number): [tCur: number, tI: number] {
    const { t0, tMult } = this;
    if (epoch < t0) return [epoch, t0];
    if (tMult === 1) return [epoch % t0, t0];
    const n = Math.trunc(Math.log((epoch / t0) * (tMult - 1) + 1) / Math.log(tMult));
    return [epoch - (t0 * (tMult ** n - 1)) / (tMult - 1), t0 * tMult ** n];
  }

  protected computeLr(): number[] {
    return this.baseLrs.map(
      (b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2,
    );
  }

  override step(epoch?: number): void {
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.tCur += 1;
      if (this.tCur >= this.tI) {
        this.tCur -= this.tI;
        this.tI *= this.tMult;
      }
    } else {
      if (epoch < 0)
        throw new ValueError(`CosineAnnealingWarmRestarts: 'epoch' must be non-negative, got ${epoch}.`);
      [this.tCur, this.tI] = this.#cycle(epoch);
    }
    this.lastEpoch = Math.floor(epoch);
    this.stepCount++;
    const values = this.computeLr();
    this.groups.forEach((g, i) => {
      g.lr = values[i];
    });
    this.lastLr = values.slice();
  }

  lrAt(step: number): number[] {
    const [tCur, tI] = this.#cycle(step);
    return this.baseLrs.map(
      (b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2,
    );
  }
}
