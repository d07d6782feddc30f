import { tensor, ValueError } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { Adafactor } from './adafactor';
import { Adagrad } from './adagrad';
import { Adam, adamUpdate } from './adam';
import { AdamW } from './adamw';
import { Lion } from './lion';
import { RMSprop } from './rmsprop';
import { SGD } from './sgd';

const param = () => tensor([1, 2, 3], { requiresGrad: true });

describe('options are validated in the constructor', () => {
  it.each([
    [() => new AdamW([param()], { lr: -1 }), "AdamW: 'lr' must be a non-negative number, got -1."],
    [() => new Adam([param()], { betas: [1, 0.999] }), "Adam: 'betas[0]' must be a number in [0, 1), got 1."],
    [() => new Adam([param()], { eps: Number.NaN }), "Adam: 'eps' must be a non-negative number, got NaN."],
    [() => new SGD([param()], { lr: 0.1, nesterov: true }), /SGD: 'nesterov' requires 'momentum' > 0/],
    [() => new SGD([param()], {} as { lr: number }), "SGD: 'lr' is required."],
    [
      () => new RMSprop([param()], { momentum: -0.5 }),
      "RMSprop: 'momentum' must be a non-negative number, got -0.5.",
    ],
    [
      () => new Adagrad([param()], { lrDecay: -1 }),
      "Adagrad: 'lrDecay' must be a non-negative number, got -1.",
    ],
    [
      () => new Lion([param()], { betas: [0.9, 1.5] }),
      "Lion: 'betas[1]' must be a number in [0, 1), got 1.5.",
    ],
    [() => new Adafactor([param()], { lr: 1e-3 }), /Adafactor: 'lr' must be null with 'relativeStep'/],
    [
      () => new Adafactor([param()], { warmupInit: true, relativeStep: false, lr: 1 }),
      /'warmupInit' requires/,
    ],
    [() => new Adam([{ params: [param()], lr: -3 }]), "Adam: 'lr' must be a non-negative number, got -3."],
    [() => new Adam([]), "Adam: 'params' must be a non-empty list of tensors or parameter groups."],
  ])('%#', (make, message) => {
    expect(make).toThrow(ValueError);
    expect(make).toThrow(message);
  });

  it('rejects a parameter in two groups and non-float32 parameters', () => {
    const p = param();
    expect(() => new Adam([{ params: [p] }, { params: [p] }])).toThrow(/more than one parameter group/);
    expect(() => new Adam([tensor([1, 2], { dtype: 'float64' })])).toThrow(/must be float32, got float64/);
  });
});

describe('Optimizer', () => {
  it('fills group options from the defaults and lets groups override them', () => {
    const a = param();
    const b = param();
    const opt = new AdamW([{ params: [a] }, { params: [b], weightDecay: 0 }], { lr: 0.01 });
    expect(opt.paramGroups[0]).toMatchObject({ lr: 0.01, weightDecay: 0.01, betas: [0.9, 0.999] });
    expect(opt.paramGroups[1]).toMatchObject({ lr: 0.01, weightDecay: 0 });
  });

  it('skips parameters whose grad is null and keeps their state untouched', () => {
    const a = param();
    const b = param();
    const opt = new Adam([a, b], { lr: 0.1 });
    a.grad = tensor([1, 1, 1]);
    opt.step();
    expect(b.toArray()).toEqual([1, 2, 3]);
    expect(opt.state.has(b)).toBe(false);
    expect(a.toArray()).not.toEqual([1, 2, 3]);
  });

  it('zeroGrad zero-fills by default (PyTorch 1.13) or sets null', () => {
    const a = param();
    const opt = new SGD([a], { lr: 0.1 });
    a.grad = tensor([1, 2, 3]);
    opt.zeroGrad();
    expect(a.grad.toArray()).toEqual([0, 0, 0]);
    opt.zeroGrad(true);
    expect(a.grad).toBeNull();
  });

  it('step(closure) returns the loss; updates are graph-free', () => {
    const a = param();
    const opt = new SGD([a], { lr: 0.5 });
    const loss = opt.step(() => {
      const l = a.square().sum();
      l.backward();
      return l.item();
    });
    expect(loss).toBe(14);
    expect(a.toArray()).toEqual([0, 0, 0]);
    expect(a.isLeaf).toBe(true);
    expect(a.version).toBe(1);
  });

  it('the update functions are pure', () => {
    const p = Float32Array.from([1, 2]);
    const g = Float32Array.from([0.5, -0.5]);
    const first = adamUpdate(p, g, undefined, {
      lr: 0.1,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    });
    const again = adamUpdate(p, g, first.state, {
      lr: 0.1,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    });
    expect(Array.from(p)).toEqual([1, 2]);
    expect(first.state.step).toBe(1);
    expect(again.state.step).toBe(2);
    expect(Array.from(first.param)).toEqual([expect.closeTo(0.9, 6), expect.closeTo(2.1, 6)]);
  });

  it('loadStateDict rejects a different layout', () => {
    const opt = new Adam([param()]);
    const other = new Adam([{ params: [param()] }, { params: [param()] }]);
    expect(() => opt.loadStateDict(other.stateDict())).toThrow(
      'Adam: loadStateDict: the state dict has 2 parameter groups, the optimizer has 1.',
    );
  });
});
