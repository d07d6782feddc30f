import { tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, LambdaLR, type SchedulableOptimizer, type Scheduler, SGD } from '../src/index';
import { makePlateau, makeRecipe, makeScheduler, recipeLambda, type ScheduleSpec } from './factories';
import { loadFixture } from './fixtures';

interface SchedulerCase {
  name: string;
  optimizer: 'SGD' | 'Adam';
  spec: ScheduleSpec;
  lrs: number[][];
  momentum: number[][];
  metrics?: number[];
  // biome-ignore lint/suspicious/noExplicitAny: untyped JSON options
  recipe?: { recipe: string; options: any };
}

const { cases } = loadFixture<{ cases: SchedulerCase[] }>('schedulers');

function makeOptimizer(kind: 'SGD' | 'Adam'): SchedulableOptimizer {
  const groups = [
    { params: [tensor([0, 0], { requiresGrad: true })], lr: 0.1 },
    { params: [tensor([0, 0, 0], { requiresGrad: true })], lr: 0.05 },
  ];
  const opt = kind === 'SGD' ? new SGD(groups, { lr: 0.1, momentum: 0.9 }) : new Adam(groups);
  return opt as unknown as SchedulableOptimizer;
}

function momentumOf(opt: SchedulableOptimizer): number[] {
  return opt.paramGroups.map((g) => {
    const group = g as unknown as { momentum?: number; betas?: number[] };
    return group.momentum ?? group.betas![0];
  });
}

function build(c: SchedulerCase, opt: SchedulableOptimizer): Scheduler & { lrAt?: (t: number) => number[] } {
  if (c.spec.type === 'ReduceLROnPlateau') return makePlateau(opt, c.spec.options) as unknown as Scheduler;
  if (c.recipe) return makeRecipe(opt, c.recipe);
  return makeScheduler(opt, c.spec);
}

function run(c: SchedulerCase, s: Scheduler, t: number): void {
  if (c.metrics) (s as unknown as { step(m: number): void }).step(c.metrics[t]);
  else s.step();
}

/** Largest relative difference between two rate lists. */
function relErr(a: number[], b: number[]): number {
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]) / Math.max(Math.abs(b[i]), 1e-300)));
}

describe('schedulers match torch.optim.lr_scheduler 1.13 (and HF warm-up formulas)', () => {
  for (const c of cases) {
    it(`${c.name} (${c.lrs.length - 1} steps)`, () => {
      const opt = makeOptimizer(c.optimizer);
      const s = build(c, opt);
      let worst = relErr(s.getLastLr(), c.lrs[0]);
      for (let t = 0; t < c.lrs.length - 1; t++) {
        opt.step();
        run(c, s, t);
        worst = Math.max(worst, relErr(s.getLastLr(), c.lrs[t + 1]));
        expect(opt.paramGroups.map((g) => g.lr)).toEqual(s.getLastLr());
        expect(relErr(momentumOf(opt), c.momentum[t + 1])).toBeLessThanOrEqual(1e-15);
      }
      // The chainable recursion is reproduced in float64, so the rates agree to the last bits.
      expect(worst).toBeLessThanOrEqual(1e-14);
    });
  }
});

describe('the warm-up multipliers under a plain LambdaLR match HF', () => {
  for (const c of cases) {
    if (!c.recipe) continue;
    it(c.name, () => {
      const opt = makeOptimizer(c.optimizer);
      const s = new LambdaLR(opt, { lrLambda: recipeLambda(c.recipe!) });
      let worst = relErr(s.getLastLr(), c.lrs[0]);
      for (let t = 0; t < c.lrs.length - 1; t++) {
        s.step();
        worst = Math.max(worst, relErr(s.getLastLr(), c.lrs[t + 1]));
      }
      expect(worst).toBeLessThanOrEqual(1e-14);
    });
  }
});

describe('lrAt: the closed form agrees with the stepped schedule', () => {
  for (const c of cases) {
    if (c.spec.type === 'ReduceLROnPlateau' || c.spec.type === 'ChainedScheduler') continue;
    it(c.name, () => {
      const s = build(c, makeOptimizer(c.optimizer));
      const lrAt = s.lrAt!.bind(s);
      c.lrs.forEach((lrs, t) => {
        lrAt(t).forEach((lr, i) => {
          expect(Math.abs(lr - lrs[i])).toBeLessThanOrEqual(1e-12 * Math.max(lrs[i], 1e-3));
        });
      });
    });
  }
});

describe('scheduler stateDict round trip', () => {
  for (const c of cases) {
    it(c.name, () => {
      const optA = makeOptimizer(c.optimizer);
      const a = build(c, optA);
      for (let t = 0; t < 20; t++) run(c, a, t);
      const saved = JSON.parse(JSON.stringify({ opt: optA.stateDict(), sched: a.stateDict() }));
      const optB = makeOptimizer(c.optimizer);
      const b = build(c, optB);
      optB.loadStateDict(saved.opt);
      b.loadStateDict(saved.sched);
      expect(b.getLastLr()).toEqual(a.getLastLr());
      for (let t = 20; t < c.lrs.length - 1; t++) {
        run(c, a, t);
        run(c, b, t);
        expect(b.getLastLr()).toEqual(a.getLastLr());
        expect(momentumOf(optB)).toEqual(momentumOf(optA));
      }
    });
  }
});
