import { tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { GradScaler } from './grad-scaler';

function setup() {
  const w = tensor([1, -2, 3], { requiresGrad: true });
  const opt = new Adam([w], { lr: 0.1 });
  const scaler = new GradScaler({ initScale: 1024, growthInterval: 3 });
  const backward = (x: number[]) => {
    // loss = Σ x·w, so d loss / dw = x, scaled by S.
    scaler.scale(w.mul(tensor(x)).sum()).backward();
  };
  return { w, opt, scaler, backward };
}

describe('GradScaler', () => {
  it('unscales the gradients exactly before stepping', () => {
    const { w, opt, scaler, backward } = setup();
    backward([0.5, 0.25, -1]);
    expect(w.grad!.toArray()).toEqual([512, 256, -1024]);
    expect(scaler.step(opt)).toBe(true);
    expect(w.grad!.toArray()).toEqual([0.5, 0.25, -1]);
    scaler.update();
    expect(scaler.getScale()).toBe(1024);
    expect(scaler.getGrowthTracker()).toBe(1);
  });

  it('skips the step on an injected overflow, corrupts nothing, and backs off', () => {
    const { w, opt, scaler, backward } = setup();
    backward([0.5, 0.25, -1]);
    scaler.step(opt);
    scaler.update();
    opt.zeroGrad();
    const before = { w: w.toArray(), state: JSON.stringify(opt.stateDict()) };
    backward([0.5, Number.POSITIVE_INFINITY, -1]); // an fp16-style overflow in one gradient
    expect(scaler.step(opt)).toBe(false);
    expect(w.toArray()).toEqual(before.w);
    expect(JSON.stringify(opt.stateDict())).toEqual(before.state);
    scaler.update();
    expect(scaler.getScale()).toBe(512);
    expect(scaler.getGrowthTracker()).toBe(0);
    // NaN is caught the same way.
    opt.zeroGrad();
    backward([Number.NaN, 0, 0]);
    expect(scaler.step(opt)).toBe(false);
    scaler.update();
    expect(scaler.getScale()).toBe(256);
    expect(w.toArray()).toEqual(before.w);
    // The next clean step goes through with the halved scale.
    opt.zeroGrad();
    backward([1, 1, 1]);
    expect(scaler.step(opt)).toBe(true);
    expect(w.toArray()).not.toEqual(before.w);
  });

  it('grows the scale after growthInterval clean steps', () => {
    const { opt, scaler, backward } = setup();
    for (let i = 0; i < 3; i++) {
      opt.zeroGrad();
      backward([1, 2, 3]);
      scaler.step(opt);
      scaler.update();
    }
    expect(scaler.getScale()).toBe(2048);
    expect(scaler.getGrowthTracker()).toBe(0);
  });

  it('allows clipping between unscale and step, and guards the call order', () => {
    const { w, opt, scaler, backward } = setup();
    backward([4, 0, 0]);
    scaler.unscale(opt);
    expect(w.grad!.toArray()).toEqual([4, 0, 0]);
    expect(() => scaler.unscale(opt)).toThrow(/already been called/);
    scaler.step(opt);
    expect(() => scaler.step(opt)).toThrow(/already been called/);
    scaler.update();
    const saved = JSON.parse(JSON.stringify(scaler.stateDict()));
    const other = new GradScaler();
    other.loadStateDict(saved);
    expect(other.getScale()).toBe(1024);
    expect(() => new GradScaler({ backoffFactor: 2 })).toThrow(
      "GradScaler: 'backoffFactor' must be a number in (0, 1), got 2.",
    );
  });

  it('is a pass-through when disabled', () => {
    const { w, opt } = setup();
    const scaler = new GradScaler({ enabled: false });
    scaler.scale(w.sum()).backward();
    expect(w.grad!.toArray()).toEqual([1, 1, 1]);
    expect(scaler.step(opt)).toBe(true);
    expect(scaler.getScale()).toBe(1);
  });
});
