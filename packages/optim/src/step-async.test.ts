import { Generator, randn, type Tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { Adafactor, Adagrad, Adam, AdamW, Lion, RMSprop, SGD } from './index';

/** Two identical parameter sets with identical gradients, so two optimizers can be stepped side by side. */
function twins(seed: number): [Tensor[], Tensor[]] {
  const make = () => {
    const g = new Generator(seed);
    return [randn([3, 5], { generator: g }), randn([4], { generator: g })].map((p) => p.requiresGrad_());
  };
  return [make(), make()];
}

function setGrads(params: Tensor[], step: number): void {
  const g = new Generator(100 + step);
  for (const p of params) p.grad = randn([...p.shape], { generator: g });
}

describe('stepAsync', () => {
  const cases = [
    ['SGD', (ps: Tensor[]) => new SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
    ['Adam', (ps: Tensor[]) => new Adam(ps, { lr: 0.01, amsgrad: true })],
    ['AdamW', (ps: Tensor[]) => new AdamW(ps, { lr: 0.01, weightDecay: 0.1 })],
    ['RMSprop', (ps: Tensor[]) => new RMSprop(ps, { lr: 0.01, momentum: 0.5, centered: true })],
    ['Adagrad', (ps: Tensor[]) => new Adagrad(ps, { lr: 0.1 })],
    ['Adafactor', (ps: Tensor[]) => new Adafactor(ps, { lr: 0.01, relativeStep: false })],
    ['Lion', (ps: Tensor[]) => new Lion(ps, { lr: 0.001 })],
  ] as const;

  for (const [name, create] of cases) {
    it(`${name}: equals step() bit for bit over 5 steps, state included`, async () => {
      const [a, b] = twins(7);
      const sync = create(a);
      const async_ = create(b);
      for (let step = 0; step < 5; step++) {
        setGrads(a, step);
        setGrads(b, step);
        sync.step();
        expect(await async_.stepAsync()).toBeUndefined();
        for (const [i, p] of a.entries()) expect(Array.from(b[i].data)).toEqual(Array.from(p.data));
      }
      expect(JSON.stringify(async_.stateDict())).toBe(JSON.stringify(sync.stateDict()));
    });
  }

  it('returns the closure loss and skips parameters without a gradient', async () => {
    const [a] = twins(1);
    const before = Array.from(a[1].data);
    a[0].grad = randn([3, 5], { generator: new Generator(2) });
    const opt = new SGD(a, { lr: 0.5 });
    expect(await opt.stepAsync(async () => 1.25)).toBe(1.25);
    expect(Array.from(a[1].data)).toEqual(before);
    expect(opt.state.has(a[1])).toBe(false);
  });

  it('rejects a gradient whose shape differs from its parameter', async () => {
    const [a] = twins(1);
    a[0].grad = randn([5, 3], { generator: new Generator(2) });
    await expect(new SGD(a, { lr: 0.5 }).stepAsync()).rejects.toThrow(
      'SGD: a gradient has shape [5, 3], its parameter [3, 5].',
    );
  });
});
