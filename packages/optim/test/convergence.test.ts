import { manualSeed, randn, softplus, type Tensor, tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import {
  Adafactor,
  Adagrad,
  Adam,
  AdamW,
  CosineAnnealingLR,
  Lion,
  RMSprop,
  type SchedulableOptimizer,
  SGD,
} from '../src/index';

// End-to-end checks that every update rule actually minimises something: the parity suite proves the
// arithmetic matches PyTorch for 25 steps, these prove thousands of steps go downhill. A flipped sign,
// a missing bias correction that blows up the step, or a wrong accumulator makes them fail.

/** Optimizer plus an optional schedule, stepped together. */
interface Run {
  step(): void;
  zeroGrad(setToNone?: boolean): void;
}

function withCosine(opt: SchedulableOptimizer, steps: number): Run {
  const sched = new CosineAnnealingLR(opt, { tMax: steps });
  return {
    step: () => {
      opt.step();
      sched.step();
    },
    zeroGrad: (setToNone) => opt.zeroGrad(setToNone),
  };
}

const asSchedulable = (opt: unknown) => opt as SchedulableOptimizer;

// ---------------------------------------------------------------- Rosenbrock

/**
 * f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1), started from (−1.5, 2): the iterate must
 * follow the curved valley (curvature ~1900 across it, ~0.4 along it) around to the minimum.
 * Success after `steps` steps: max(|x − 1|, |y − 1|) < ROSENBROCK_TOL and f < ROSENBROCK_MAX_F (from 12.5).
 */
const ROSENBROCK_TOL = 1e-2;
const ROSENBROCK_MAX_F = 1e-3;

interface RosenbrockCase {
  name: string;
  steps: number;
  /** Why these settings (tuned by sweeping lr; the first step inside the tolerance in brackets). */
  note: string;
  make(params: Tensor[], steps: number): Run;
}

const rosenbrockCases: RosenbrockCase[] = [
  {
    name: 'SGD momentum 0.9, lr 1e-3',
    steps: 2000,
    note: 'lr·λmax < 2(1 + momentum) bounds lr near 2e-3 (inside at ~1100)',
    make: (p) => new SGD(p, { lr: 1e-3, momentum: 0.9 }),
  },
  {
    name: 'SGD nesterov, momentum 0.9, lr 1e-3',
    steps: 2000,
    note: 'lr 1.2e-3 already diverges (inside at ~1000)',
    make: (p) => new SGD(p, { lr: 1e-3, momentum: 0.9, nesterov: true }),
  },
  {
    name: 'Adam lr 0.05',
    steps: 2000,
    note: 'default betas (inside at ~1200)',
    make: (p) => new Adam(p, { lr: 0.05 }),
  },
  {
    name: 'AdamW lr 0.05, weightDecay 1e-4',
    steps: 2000,
    note: 'decoupled decay moves the fixed point by ~4e-4 (inside at ~1200)',
    make: (p) => new AdamW(p, { lr: 0.05, weightDecay: 1e-4 }),
  },
  {
    name: 'RMSprop lr 2e-3, momentum 0.9',
    steps: 2000,
    note: 'without momentum RMSprop circles the minimum at ~5e-2 (inside at ~800)',
    make: (p) => new RMSprop(p, { lr: 2e-3, momentum: 0.9 }),
  },
  {
    name: 'Adagrad lr 1.5',
    steps: 10000,
    note: 'the accumulator keeps the first, steep gradients (|g| ~ 155), so steps stay small (inside at ~6300)',
    make: (p) => new Adagrad(p, { lr: 1.5 }),
  },
  {
    name: 'Adafactor lr 0.1 (fixed), beta1 0.9, cosine to 0',
    steps: 1000,
    note: 'RMS-clipped updates circle at a radius ~lr, annealing settles them; the relative step (0.01·RMS(p)) is too slow (inside at ~400)',
    make: (p, steps) =>
      withCosine(
        asSchedulable(new Adafactor(p, { lr: 0.1, relativeStep: false, scaleParameter: false, beta1: 0.9 })),
        steps,
      ),
  },
  {
    name: 'Lion lr 4e-3, cosine to 0',
    steps: 3000,
    note: 'sign updates circle at a radius ~lr, annealing settles them (inside at ~1000)',
    make: (p, steps) => withCosine(asSchedulable(new Lion(p, { lr: 4e-3 })), steps),
  },
];

function rosenbrock(p: Tensor): Tensor {
  const x = p.narrow(0, 0, 1);
  const y = p.narrow(0, 1, 1);
  return x.neg().add(1).square().add(y.sub(x.square()).square().mul(100)).sum();
}

describe(`Rosenbrock from (-1.5, 2) to within ${ROSENBROCK_TOL} of (1, 1), f < ${ROSENBROCK_MAX_F}`, () => {
  for (const c of rosenbrockCases) {
    it(`${c.name}, ${c.steps} steps`, () => {
      const p = tensor([-1.5, 2], { requiresGrad: true });
      const opt = c.make([p], c.steps);
      for (let t = 0; t < c.steps; t++) {
        const loss = rosenbrock(p);
        opt.zeroGrad(true);
        loss.backward();
        opt.step();
      }
      const [x, y] = p.data;
      expect(Math.max(Math.abs(x - 1), Math.abs(y - 1))).toBeLessThan(ROSENBROCK_TOL);
      expect(rosenbrock(p).item()).toBeLessThan(ROSENBROCK_MAX_F);
    });
  }
});

// ---------------------------------------------------------------- logistic regression

/**
 * 200 points x ~ N(0, I₂), label 1 where 2x₁ − 3x₂ + 0.5 + 0.25·ε > 0 (ε ~ N(0, 1)): nearly linearly
 * separable, the noise flips a few labels near the boundary (the noise-free rule scores 98%). Full-batch
 * training of w (2, 1) and b (1) from zero on the mean log-loss, which starts at ln 2 ≈ 0.693.
 * Success after `steps` steps: training accuracy ≥ 95% and log-loss < LOGREG_MAX_LOSS.
 */
const LOGREG_STEPS = 200;
const LOGREG_MIN_ACCURACY = 0.95;
const LOGREG_MAX_LOSS = 0.15;

function logisticData(): { x: Tensor; y: Tensor } {
  manualSeed(0);
  const x = randn([200, 2]); // (N, 2)
  const noise = randn([200, 1]); // (N, 1)
  const y = x
    .matmul(tensor([[2], [-3]]))
    .add(0.5)
    .add(noise.mul(0.25))
    .gt(0)
    .to('float32'); // (N, 1)
  return { x, y };
}

/** Mean binary cross-entropy on logits z: softplus(z) − y·z. */
function logLoss(z: Tensor, y: Tensor): Tensor {
  return softplus(z).sub(y.mul(z)).mean();
}

const logisticCases: { name: string; make(params: Tensor[]): Run }[] = [
  { name: 'SGD momentum 0.9, lr 0.5', make: (p) => new SGD(p, { lr: 0.5, momentum: 0.9 }) },
  {
    name: 'SGD nesterov, momentum 0.9, lr 0.5',
    make: (p) => new SGD(p, { lr: 0.5, momentum: 0.9, nesterov: true }),
  },
  { name: 'Adam lr 0.1', make: (p) => new Adam(p, { lr: 0.1 }) },
  { name: 'AdamW lr 0.1, weightDecay 0.01', make: (p) => new AdamW(p, { lr: 0.1, weightDecay: 0.01 }) },
  { name: 'RMSprop lr 0.03', make: (p) => new RMSprop(p, { lr: 0.03 }) },
  { name: 'Adagrad lr 0.5', make: (p) => new Adagrad(p, { lr: 0.5 }) },
  {
    // From zero weights the relative step scales by max(1e-3, RMS(p)) and barely moves: fixed lr.
    // w is (2, 1), so this exercises the factored second moment.
    name: 'Adafactor lr 0.1 (fixed), no first moment',
    make: (p) => new Adafactor(p, { lr: 0.1, relativeStep: false, scaleParameter: false }),
  },
  { name: 'Lion lr 0.03', make: (p) => new Lion(p, { lr: 0.03 }) },
];

describe(`logistic regression: >= ${LOGREG_MIN_ACCURACY * 100}% accuracy, log-loss < ${LOGREG_MAX_LOSS} in ${LOGREG_STEPS} steps`, () => {
  const { x, y } = logisticData();
  for (const c of logisticCases) {
    it(c.name, () => {
      const w = tensor([[0], [0]], { requiresGrad: true });
      const b = tensor([0], { requiresGrad: true });
      const opt = c.make([w, b]);
      for (let t = 0; t < LOGREG_STEPS; t++) {
        const loss = logLoss(x.matmul(w).add(b), y);
        opt.zeroGrad(true);
        loss.backward();
        opt.step();
      }
      const z = x.matmul(w).add(b); // (N, 1)
      const accuracy = z.gt(0).to('float32').eq(y).to('float32').mean().item();
      expect(accuracy).toBeGreaterThanOrEqual(LOGREG_MIN_ACCURACY);
      expect(logLoss(z, y).item()).toBeLessThan(LOGREG_MAX_LOSS);
    });
  }
});
