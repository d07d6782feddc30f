// Behaviour beyond parity: layouts agree, wrappers match functions, the README's training loop learns.
import * as L from '@llm/losses';
import { noGrad, tensor, zeros } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { int32, makeData } from './helpers';

const d = makeData(21);

describe('layouts and helpers', () => {
  it('[B, T, C] logits with [B, T] targets equal the flattened [B*T, C] loss', () => {
    const logits = d.randn([2, 3, 5]);
    const targets = d.classes(5, [2, 3]);
    const a = L.crossEntropy(logits, targets, { labelSmoothing: 0.1 }).item();
    const b = L.crossEntropy(logits.reshape([6, 5]), targets.reshape([6]), { labelSmoothing: 0.1 }).item();
    expect(a).toBeCloseTo(b, 12);
    expect(L.crossEntropy(logits, targets, { reduction: 'none' }).shape).toEqual([2, 3]);
  });

  it('causalLmLoss shifts by one token itself', () => {
    const logits = d.randn([2, 4, 6]);
    const tokens = d.classes(6, [2, 4]);
    const manual = L.crossEntropy(logits.slice(1, 0, 3), tokens.slice(1, 1));
    expect(L.causalLmLoss(logits, tokens).item()).toBeCloseTo(manual.item(), 12);
    expect(L.causalLmLoss(logits, tokens, { reduction: 'none' }).shape).toEqual([2, 3]);
  });

  it('perplexity of a uniform model is the vocabulary size', () => {
    const loss = L.causalLmLoss(zeros([2, 5, 7], { dtype: 'float64' }), d.classes(7, [2, 5]));
    expect(L.perplexity(loss).item()).toBeCloseTo(7, 10);
  });

  it('perPositionLoss is NaN where every token is ignored', () => {
    const out = L.perPositionLoss(
      d.randn([2, 3, 4]),
      int32([
        [1, -100, 2],
        [0, -100, 3],
      ]),
    );
    expect(Number.isNaN((out.toArray() as number[])[1])).toBe(true);
  });

  it('crossEntropy with every target ignored gives NaN under mean, like PyTorch', () => {
    expect(Number.isNaN(L.crossEntropy(d.randn([2, 3]), int32([-100, -100])).item())).toBe(true);
  });
});

describe('class wrappers', () => {
  it('store their options and call the function', () => {
    const x = d.randn([4, 3]);
    const t = d.classes(3, [4]);
    const module = new L.CrossEntropyLoss({ labelSmoothing: 0.2, reduction: 'sum' });
    expect(module.forward(x, t).item()).toBe(
      L.crossEntropy(x, t, { labelSmoothing: 0.2, reduction: 'sum' }).item(),
    );
    expect(Object.isFrozen(module.options)).toBe(true);
    const s = d.randn([4, 3]);
    expect(new L.DistillationLoss({ temperature: 2 }).forward(x, s, t).item()).toBe(
      L.distillationLoss(x, s, { temperature: 2, labels: t }).item(),
    );
    expect(new L.MseLoss().forward(x, s).item()).toBe(L.mseLoss(x, s).item());
  });
});

describe('README training loop', () => {
  it('fits a linear classifier with crossEntropy', () => {
    // Three separable blobs; a linear model trained by plain gradient descent.
    const x = tensor([
      [2, 0],
      [2.2, 0.3],
      [0, 2],
      [0.2, 2.1],
      [-2, -2],
      [-2.2, -1.9],
    ]);
    const y = tensor([0, 0, 1, 1, 2, 2], { dtype: 'int32' });
    const w = zeros([2, 3]).requiresGrad_();
    const b = zeros([3]).requiresGrad_();
    const first = L.crossEntropy(x.matmul(w).add(b), y).item();
    let last = first;
    for (let step = 0; step < 50; step++) {
      const loss = L.crossEntropy(x.matmul(w).add(b), y, { labelSmoothing: 0.05 });
      w.grad = null;
      b.grad = null;
      loss.backward();
      noGrad(() => {
        w.assign(w.sub(w.grad!.mul(0.5)));
        b.assign(b.sub(b.grad!.mul(0.5)));
      });
      last = loss.item();
    }
    expect(first).toBeCloseTo(Math.log(3), 5);
    expect(last).toBeLessThan(0.3);
  });
});
