import { manualSeed, randn, tensor } from '@llm/tensor';
import { expect, it } from 'vitest';
import { AdamW, clipGradNorm, EMA, getCosineScheduleWithWarmup } from '../src/index';

it('the README loop fits a linear regression', () => {
  manualSeed(0);
  const x = randn([64, 3]);
  const y = x.matmul(tensor([[2], [-1], [0.5]])).add(0.3);
  const w = tensor([[0], [0], [0]], { requiresGrad: true });
  const b = tensor([0], { requiresGrad: true });
  const opt = new AdamW([{ params: [w] }, { params: [b], weightDecay: 0 }], { lr: 0.1, weightDecay: 0.01 });
  const sched = getCosineScheduleWithWarmup(opt, { numWarmupSteps: 10, numTrainingSteps: 200 });
  const ema = new EMA([w, b], { decay: 0.9 });
  let first = 0;
  let last = 0;
  for (let step = 0; step < 200; step++) {
    const loss = x.matmul(w).add(b).sub(y).square().mean();
    if (step === 0) first = loss.item();
    last = loss.item();
    opt.zeroGrad(true);
    loss.backward();
    clipGradNorm([w, b], 1.0);
    opt.step();
    sched.step();
    ema.update();
  }
  expect(last).toBeLessThan(first / 100);
  expect(w.toArray()).toEqual([[expect.closeTo(2, 1)], [expect.closeTo(-1, 1)], [expect.closeTo(0.5, 1)]]);
});
