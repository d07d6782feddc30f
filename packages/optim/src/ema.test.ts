import { tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { EMA } from './ema';

describe('EMA', () => {
  it('tracks d·s + (1 − d)·p and swaps in and out for evaluation', () => {
    const p = tensor([1, 2], { requiresGrad: true });
    const ema = new EMA([p], { decay: 0.9 });
    let ref = [1, 2];
    for (let t = 0; t < 30; t++) {
      p.assign(tensor([Math.sin(t), t / 10]));
      ema.update();
      const x = p.toArray() as number[];
      ref = ref.map((s, i) => 0.9 * s + 0.1 * x[i]);
    }
    (ema.averaged(0).toArray() as number[]).forEach((v, i) => {
      expect(Math.abs(v - ref[i])).toBeLessThan(1e-6);
    });
    const live = p.toArray();
    ema.store();
    ema.copyTo();
    expect(p.toArray()).toEqual(ema.averaged(0).toArray());
    ema.restore();
    expect(p.toArray()).toEqual(live);
  });

  it('warms the decay up and round-trips its state', () => {
    const p = tensor([0], { requiresGrad: true });
    const ema = new EMA([p], { decay: 0.999, warmup: true });
    expect(ema.currentDecay()).toBeCloseTo(0.1, 12);
    p.assign(tensor([1]));
    ema.update();
    expect(ema.averaged(0).item()).toBeCloseTo(0.9, 6);
    const copy = new EMA([p], { decay: 0.5 });
    copy.loadStateDict(JSON.parse(JSON.stringify(ema.stateDict())));
    expect(copy.averaged(0).item()).toBe(ema.averaged(0).item());
    expect(copy.currentDecay()).toBe(ema.currentDecay());
    expect(() => new EMA([p], { decay: 2 })).toThrow("EMA: 'decay' must be a number in [0, 1], got 2.");
  });
});
