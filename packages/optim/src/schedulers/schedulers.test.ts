import { tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { Adafactor } from '../adafactor';
import { SGD } from '../sgd';
import { CosineAnnealingLR } from './cosine-annealing-lr';
import { OneCycleLR } from './one-cycle-lr';
import { SequentialLR } from './sequential-lr';
import { StepLR } from './step-lr';
import { getCosineScheduleWithWarmup } from './warmup';

const sgd = () => new SGD([tensor([1], { requiresGrad: true })], { lr: 0.1 });

describe('schedulers', () => {
  it('validate their options', () => {
    expect(() => new StepLR(sgd(), { stepSize: 0 })).toThrow(
      "StepLR: 'stepSize' must be a positive integer, got 0.",
    );
    expect(() => new CosineAnnealingLR(sgd(), { tMax: 1.5 })).toThrow(/'tMax' must be a positive integer/);
    expect(() => new OneCycleLR(sgd(), { maxLr: 1 })).toThrow(/give 'totalSteps'/);
    expect(
      () => new StepLR(new Adafactor([tensor([1], { requiresGrad: true })]) as never, { stepSize: 1 }),
    ).toThrow(/has no numeric 'lr'/);
    const opt = sgd();
    expect(
      () => new SequentialLR(opt, { schedulers: [new StepLR(opt, { stepSize: 2 })], milestones: [3] }),
    ).toThrow(/'milestones' must have 0 entries/);
  });

  it('OneCycleLR refuses to run past totalSteps', () => {
    const s = new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 3, cycleMomentum: false });
    s.step();
    s.step();
    s.step();
    expect(() => s.step()).toThrow("OneCycleLR: tried to step 5 times; 'totalSteps' is 3.");
  });

  it('lrAt is pure: plotting does not move the optimizer', () => {
    const opt = sgd();
    const s = getCosineScheduleWithWarmup(opt, { numWarmupSteps: 10, numTrainingSteps: 100, minLrRate: 0.1 });
    const curve = Array.from({ length: 101 }, (_, t) => s.lrAt(t)[0]);
    expect(curve[0]).toBe(0);
    expect(curve[10]).toBeCloseTo(0.1, 15);
    expect(curve[100]).toBeCloseTo(0.01, 15);
    expect(opt.paramGroups[0].lr).toBe(0);
    expect(s.getLastLr()).toEqual([0]);
  });
});
