import { Generator, randn, type Tensor, tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import {
  Adagrad,
  Adam,
  AdamW,
  adagradUpdate,
  adamUpdate,
  adamwUpdate,
  Lion,
  lionUpdate,
  type Optimizer,
  type ParamState,
  SGD,
  sgdUpdate,
  type UpdateResult,
} from './index';

type Pure = (p: Float32Array, g: Float32Array, s: never, o: never) => UpdateResult<ParamState>;

const cases: [string, (ps: Tensor[]) => Optimizer<never, ParamState>, Pure][] = [
  ['AdamW', (ps) => new AdamW(ps, opts.AdamW) as never, adamwUpdate as Pure],
  ['Adam amsgrad', (ps) => new Adam(ps, opts.Adam) as never, adamUpdate as Pure],
  ['SGD nesterov', (ps) => new SGD(ps, opts.SGD) as never, sgdUpdate as Pure],
  ['Lion', (ps) => new Lion(ps, opts.Lion) as never, lionUpdate as Pure],
  // No in-place twin: the default copies the pure result into the parameter's storage.
  ['Adagrad', (ps) => new Adagrad(ps, opts.Adagrad) as never, adagradUpdate as Pure],
];
const opts = {
  AdamW: { lr: 0.01, betas: [0.8, 0.9] as [number, number], weightDecay: 0.1 },
  Adam: { lr: 0.01, amsgrad: true, weightDecay: 0.01 },
  SGD: { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
  Lion: { lr: 0.01, weightDecay: 0.1 },
  Adagrad: { lr: 0.1, lrDecay: 0.01 },
};

const bits = (x: Float32Array) => Array.from(new Uint32Array(Float32Array.from(x).buffer));

describe('step() updates parameters and state in place with the bits of the pure update', () => {
  for (const [name, make, pure] of cases) {
    it(name, () => {
      const generator = new Generator(3);
      const shapes = [[7, 5], [5], [2, 3, 4]];
      const params = shapes.map((s) => randn(s, { generator }).requiresGrad_());
      const opt = make(params);
      const group = opt.paramGroups[0];
      // The reference: the exported pure function over copies.
      let ref: { param: Float32Array; state: unknown }[] = params.map((p) => ({
        param: Float32Array.from(p.data),
        state: undefined,
      }));
      const storage: Float32Array[] = [];
      for (let step = 0; step < 6; step++) {
        for (const p of params) p.grad = randn([...p.shape], { generator });
        ref = ref.map((r, i) =>
          pure(r.param, params[i].grad!.peekData() as Float32Array, r.state as never, group as never),
        );
        opt.step();
        params.forEach((p, i) => {
          expect(bits(p.peekData() as Float32Array)).toEqual(bits(ref[i].param));
          // From the second step on (the first copies the array `randn` made), the same storage.
          if (step === 1) storage[i] = p.peekData() as Float32Array;
          if (step > 1) expect(p.peekData()).toBe(storage[i]);
        });
      }
      const state = opt.stateDict().state;
      ref.forEach((r, i) => {
        for (const [key, value] of Object.entries(r.state as ParamState)) {
          const got = state[String(i)][key];
          expect(typeof value === 'number' ? got : bits(Float32Array.from(got as number[]))).toEqual(
            typeof value === 'number' ? value : bits(value as Float32Array),
          );
        }
      });
    });
  }

  it('leaves an array handed out by data before the step untouched', () => {
    const p = tensor([1, 2, 3], { requiresGrad: true });
    const opt = new SGD([p], { lr: 1 });
    for (let i = 0; i < 3; i++) {
      p.grad = tensor([1, 1, 1]);
      opt.step();
    }
    const before = p.data;
    p.grad = tensor([1, 1, 1]);
    opt.step();
    expect(Array.from(before)).toEqual([-2, -1, 0]);
    expect(p.toArray()).toEqual([-3, -2, -1]);
  });
});
