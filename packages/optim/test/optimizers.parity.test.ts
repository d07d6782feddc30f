import { type Tensor, tensor } from '@llm/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import type { SchedulableOptimizer, Scheduler } from '../src/index';
import { type GroupSpec, makeOptimizer, makeScheduler, type ScheduleSpec } from './factories';
import { compare, loadFixture } from './fixtures';

interface OptimizerCase {
  name: string;
  optimizer: string;
  // biome-ignore lint/suspicious/noExplicitAny: untyped JSON options
  options: any;
  groups?: GroupSpec[];
  params: { shape: number[]; data: number[] }[];
  grads: (number[] | null)[][];
  trajectory: number[][][];
  schedule?: ScheduleSpec;
  lrs?: number[][];
}

const { cases } = loadFixture<{ cases: OptimizerCase[] }>('optimizers');

/** Tolerance on the relative error (denominator floored at 1, see `compare`). */
const TOL = 1e-6;
const worst = new Map<string, { rel: number; strict: number; abs: number; caseName: string }>();

function setup(c: OptimizerCase): { params: Tensor[]; opt: SchedulableOptimizer; sched?: Scheduler } {
  const params = c.params.map((p) =>
    tensor(Float32Array.from(p.data), { shape: p.shape, requiresGrad: true }),
  );
  const opt = makeOptimizer(c.optimizer, params, c.options, c.groups);
  const sched = c.schedule ? makeScheduler(opt, c.schedule) : undefined;
  return { params, opt, sched };
}

function feed(c: OptimizerCase, params: Tensor[], t: number): void {
  c.grads[t].forEach((g, i) => {
    params[i].grad = g === null ? null : tensor(Float32Array.from(g), { shape: c.params[i].shape });
  });
}

describe('optimizers match torch 1.13 step by step', () => {
  for (const c of cases) {
    it(`${c.name} (${c.trajectory.length} steps)`, () => {
      const { params, opt, sched } = setup(c);
      let rel = 0;
      let strict = 0;
      let abs = 0;
      for (let t = 0; t < c.trajectory.length; t++) {
        feed(c, params, t);
        opt.step();
        if (sched) {
          sched.step();
          const lrs = sched.getLastLr();
          c.lrs![t].forEach((lr, i) => {
            expect(lrs[i]).toBeCloseTo(lr, 15);
          });
        }
        params.forEach((p, i) => {
          const e = compare(p.data, c.trajectory[t][i]);
          rel = Math.max(rel, e.maxRel);
          strict = Math.max(strict, e.maxRelStrict);
          abs = Math.max(abs, e.maxAbs);
        });
      }
      const prev = worst.get(c.optimizer) ?? { rel: 0, strict: 0, abs: 0, caseName: c.name };
      if (rel > prev.rel) prev.caseName = c.name;
      worst.set(c.optimizer, {
        rel: Math.max(rel, prev.rel),
        strict: Math.max(strict, prev.strict),
        abs: Math.max(abs, prev.abs),
        caseName: prev.caseName,
      });
      expect(rel).toBeLessThanOrEqual(TOL);
    });
  }

  afterAll(() => {
    const rows = [...worst].map(
      ([k, v]) =>
        `${k}: rel ${v.rel.toExponential(2)} strict ${v.strict.toExponential(2)} abs ${v.abs.toExponential(2)} (${v.caseName})`,
    );
    console.log(`worst error per optimizer:\n  ${rows.join('\n  ')}`);
  });
});

describe('stateDict round trip mid-training continues the same trajectory', () => {
  for (const c of cases) {
    it(c.name, () => {
      const a = setup(c);
      const half = 10;
      for (let t = 0; t < half; t++) {
        feed(c, a.params, t);
        a.opt.step();
        a.sched?.step();
      }
      const saved = JSON.parse(JSON.stringify({ opt: a.opt.stateDict(), sched: a.sched?.stateDict() }));
      // A fresh optimizer (and scheduler) over fresh tensors holding the same values.
      const b = setup(c);
      b.params.forEach((p, i) => {
        p.assign(a.params[i].detach().clone());
      });
      b.opt.loadStateDict(saved.opt);
      if (b.sched) b.sched.loadStateDict(saved.sched);
      for (let t = half; t < c.trajectory.length; t++) {
        feed(c, a.params, t);
        feed(c, b.params, t);
        a.opt.step();
        b.opt.step();
        a.sched?.step();
        b.sched?.step();
        a.params.forEach((p, i) => {
          expect(Array.from(b.params[i].data)).toEqual(Array.from(p.data));
        });
      }
      expect(JSON.stringify(b.opt.stateDict())).toEqual(JSON.stringify(a.opt.stateDict()));
    });
  }
});
