// Finite-difference checks (float64, central differences via `gradcheck`) of every differentiable
// op, plus property-based tests of broadcasting and shape ops.
import {
  abs,
  add,
  cat,
  ceil,
  chunk,
  clamp,
  clone,
  cos,
  div,
  erf,
  exp,
  expand,
  expm1,
  flatten,
  floor,
  Generator,
  gather,
  gelu,
  gradcheck,
  indexSelect,
  log,
  log1p,
  logSoftmax,
  logsumexp,
  maskedFill,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  narrow,
  neg,
  pad,
  permute,
  pow,
  reciprocal,
  relu,
  reshape,
  round,
  rsqrt,
  ShapeError,
  scatterAdd,
  sigmoid,
  sign,
  silu,
  sin,
  slice,
  softmax,
  softplus,
  split,
  sqrt,
  square,
  squeeze,
  stack,
  std,
  sub,
  sum,
  type Tensor,
  t,
  tanh,
  tensor,
  transpose,
  tril,
  triu,
  unsqueeze,
  variance,
  view,
  where,
} from '@llm/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// ---- seeded float64 inputs ----

const gen = new Generator(20240601);

function make(shape: number[], draw: () => number, requiresGrad = true): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Float64Array.from({ length: n }, draw), { shape, requiresGrad });
}

/** Standard normal values times `scale`. */
const randn = (shape: number[], scale = 1) => make(shape, () => gen.nextNormal() * scale);
/** Uniform values in [lo, hi). */
const uniform = (shape: number[], lo: number, hi: number) =>
  make(shape, () => lo + (hi - lo) * gen.nextDouble());
/** Values with |x| in [0.3, 2): away from the kinks and poles at 0. */
const away = (shape: number[]) =>
  make(shape, () => (0.3 + 1.7 * gen.nextDouble()) * (gen.nextDouble() < 0.5 ? -1 : 1));
/** Distinct values (a unique max/min everywhere), spaced at least 0.1 apart. */
function distinct(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => (i - n / 2) * 0.37 + 0.1 * gen.nextDouble());
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(gen.nextDouble() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return tensor(Float64Array.from(values), { shape, requiresGrad: true });
}
/** Values off the integers and half-integers, where floor/ceil/round are locally constant. */
const offGrid = (shape: number[]) =>
  make(shape, () => Math.floor(gen.nextNormal() * 3) + 0.1 + 0.3 * gen.nextDouble());
const ints = (values: number[], shape?: number[]) => tensor(Int32Array.from(values), { shape });
const bools = (values: boolean[], shape: number[]) =>
  tensor(Uint8Array.from(values, Number), { shape, dtype: 'bool' });

type Fn = (...xs: Tensor[]) => Tensor;

/** Runs gradcheck (throws with a report on mismatch). */
function check(fn: Fn, inputs: Tensor[]): void {
  expect(gradcheck(fn, inputs)).toBe(true);
}

// ---- unary and activations ----

const UNARY: [string, Fn, () => Tensor][] = [
  ['neg', neg, () => randn([3, 4])],
  ['exp', exp, () => randn([3, 4])],
  ['expm1', expm1, () => randn([3, 4])],
  ['log', log, () => uniform([3, 4], 0.1, 5)],
  ['log1p', log1p, () => uniform([3, 4], -0.8, 4)],
  ['sqrt', sqrt, () => uniform([3, 4], 0.1, 5)],
  ['rsqrt', rsqrt, () => uniform([3, 4], 0.2, 5)],
  ['abs', abs, () => away([3, 4])],
  ['square', square, () => randn([3, 4])],
  ['sin', sin, () => randn([3, 4], 2)],
  ['cos', cos, () => randn([3, 4], 2)],
  ['reciprocal', reciprocal, () => away([3, 4])],
  ['erf', erf, () => randn([3, 4])],
  ['sign (zero gradient)', sign, () => away([3, 4])],
  ['floor (zero gradient)', floor, () => offGrid([3, 4])],
  ['ceil (zero gradient)', ceil, () => offGrid([3, 4])],
  ['round (zero gradient)', round, () => offGrid([3, 4])],
  ['sigmoid', sigmoid, () => randn([3, 4], 2)],
  ['tanh', tanh, () => randn([3, 4])],
  ['relu', relu, () => away([3, 4])],
  ['gelu', (x) => gelu(x), () => randn([3, 4], 2)],
  ["gelu approximate 'tanh'", (x) => gelu(x, { approximate: 'tanh' }), () => randn([3, 4], 2)],
  ['silu', silu, () => randn([3, 4], 2)],
  ['softplus', (x) => softplus(x), () => randn([3, 4], 3)],
  ['softplus linear regime', (x) => softplus(x), () => uniform([4], 21, 25)],
  ['softplus beta 2 threshold 5', (x) => softplus(x, { beta: 2, threshold: 5 }), () => away([3, 4])],
  [
    'softplus beta 0.5 above threshold',
    (x) => softplus(x, { beta: 0.5, threshold: 1 }),
    () => uniform([4], 2.5, 4),
  ],
  ['clamp', (x) => clamp(x, -0.5, 0.5), () => away([3, 4])],
  ['clamp min only', (x) => clamp(x, 0.1), () => away([3, 4])],
  ['clamp max only', (x) => clamp(x, null, -0.1), () => away([3, 4])],
  ['clone', clone, () => randn([2, 3])],
];

describe('gradcheck: unary ops and activations', () => {
  for (const [name, fn, input] of UNARY) it(name, () => check(fn, [input()]));
});

// ---- binary ops with broadcasting ----

const SHAPES: [string, number[], number[]][] = [
  ['same shape', [2, 3], [2, 3]],
  ['column x row', [3, 1], [1, 4]],
  ['rank broadcast', [2, 3, 4], [4]],
  ['0-d with vector', [], [3]],
];

describe('gradcheck: binary ops with broadcasting', () => {
  for (const [shapeName, sa, sb] of SHAPES) {
    it(`add ${shapeName}`, () => check(add, [randn(sa), randn(sb)]));
    it(`sub ${shapeName}`, () => check(sub, [randn(sa), randn(sb)]));
    it(`mul ${shapeName}`, () => check(mul, [randn(sa), randn(sb)]));
    it(`div ${shapeName}`, () => check(div, [randn(sa), away(sb)]));
    it(`pow ${shapeName}`, () => check(pow, [uniform(sa, 0.3, 2), randn(sb)]));
    it(`maximum ${shapeName}`, () => check(maximum, [distinct(sa), distinct(sb)]));
    it(`minimum ${shapeName}`, () => check(minimum, [distinct(sa), distinct(sb)]));
  }
  it('scalar operands', () => {
    check((x) => mul(x, 2.5), [randn([3])]);
    check((x) => sub(2.5, x), [randn([3])]);
    check((x) => div(3, x), [away([3])]);
    check((x) => pow(x, 3), [randn([3])]);
    check((x) => pow(2, x), [randn([3])]);
    check((x) => add(x, 1), [randn([3])]);
  });
  it('where with broadcast condition and operands', () => {
    const cond = bools([true, false, true], [3, 1]);
    check((a, b) => where(cond, a, b), [randn([3, 4]), randn([4])]);
    check((a) => where(cond, a, 0.5), [randn([1, 4])]);
  });
  it('the same tensor used twice (gradients accumulate)', () => {
    check((x) => mul(x, x), [randn([3])]);
    check((x) => add(mul(x, sin(x)), div(x, exp(x))), [randn([2, 2])]);
  });
});

// ---- reductions and softmax ----

describe('gradcheck: reductions', () => {
  it('sum over all, one dim, several dims, keepdim', () => {
    check((x) => sum(x), [randn([2, 3, 4])]);
    check((x) => sum(x, 1), [randn([2, 3, 4])]);
    check((x) => sum(x, [0, -1], true), [randn([2, 3, 4])]);
  });
  it('mean over all, one dim, several dims, keepdim', () => {
    check((x) => mean(x), [randn([2, 3, 4])]);
    check((x) => mean(x, -2), [randn([2, 3, 4])]);
    check((x) => mean(x, [0, 2], true), [randn([2, 3, 4])]);
  });
  it('max / min over all and along a dim', () => {
    check((x) => max(x), [distinct([3, 4])]);
    check((x) => min(x), [distinct([3, 4])]);
    check((x) => max(x, 1), [distinct([3, 4])]);
    check((x) => min(x, 0, true), [distinct([3, 4])]);
    check((x) => max(x, -1, true), [distinct([2, 3, 4])]);
  });
  it('variance and std with correction, dims, keepdim', () => {
    check((x) => variance(x), [randn([3, 4])]);
    check((x) => variance(x, 1, { correction: 0 }), [randn([3, 4])]);
    check((x) => variance(x, [0, 2], { correction: 2, keepdim: true }), [randn([3, 2, 4])]);
    check((x) => std(x), [randn([3, 4])]);
    check((x) => std(x, -1, { unbiased: false }), [randn([3, 4])]);
    check((x) => std(x, [0, 1], { keepdim: true }), [randn([2, 3, 2])]);
  });
  it('logsumexp over one and several dims', () => {
    check((x) => logsumexp(x, 1), [randn([3, 4], 2)]);
    check((x) => logsumexp(x, [0, 2], true), [randn([2, 3, 4])]);
    check(
      (x) => logsumexp(x, -1),
      [
        add(randn([2, 3]), 50)
          .detach()
          .requiresGrad_(),
      ],
    );
  });
  it('softmax and logSoftmax along each dim', () => {
    check((x) => softmax(x, -1), [randn([3, 4], 2)]);
    check((x) => softmax(x, 0), [randn([3, 4], 2)]);
    check((x) => logSoftmax(x, 1), [randn([2, 3, 4])]);
    check((x) => logSoftmax(x, -1), [randn([3, 4], 2)]);
  });
});

// ---- matmul ----

describe('gradcheck: matmul', () => {
  const CASES: [string, number[], number[]][] = [
    ['1-D . 1-D', [4], [4]],
    ['1-D . 2-D', [3], [3, 2]],
    ['2-D . 1-D', [2, 3], [3]],
    ['2-D . 2-D', [2, 3], [3, 4]],
    ['batched', [2, 2, 3], [2, 3, 2]],
    ['broadcast batch dims', [2, 1, 2, 3], [3, 3, 2]],
    ['batched . 1-D', [2, 2, 3], [3]],
    ['1-D . batched', [3], [2, 3, 2]],
  ];
  for (const [name, sa, sb] of CASES) it(name, () => check(matmul, [randn(sa), randn(sb)]));
});

// ---- shape and indexing ops ----

describe('gradcheck: shape ops', () => {
  it('reshape / view / flatten', () => {
    check((x) => reshape(x, [4, -1]), [randn([2, 3, 2])]);
    check((x) => view(x, [6]), [randn([2, 3])]);
    check((x) => flatten(x, 1), [randn([2, 3, 2])]);
  });
  it('squeeze / unsqueeze', () => {
    check((x) => squeeze(x), [randn([1, 3, 1])]);
    check((x) => squeeze(x, 0), [randn([1, 3, 1])]);
    check((x) => unsqueeze(x, -1), [randn([2, 3])]);
  });
  it('expand (size-1 and new leading dims)', () => {
    check((x) => expand(x, [2, 3, 4]), [randn([3, 1])]);
    check((x) => expand(x, [3, -1]), [randn([4])]);
  });
  it('permute / transpose / t', () => {
    check((x) => permute(x, [2, 0, 1]), [randn([2, 3, 4])]);
    check((x) => transpose(x, -1, 0), [randn([2, 3, 4])]);
    check((x) => t(x), [randn([2, 3])]);
  });
  it('cat / stack', () => {
    check((a, b, c) => cat([a, b, c], 1), [randn([2, 1]), randn([2, 3]), randn([2, 2])]);
    check((a, b) => stack([a, b], -1), [randn([2, 3]), randn([2, 3])]);
  });
  it('split / chunk (pieces weighted differently)', () => {
    check(
      (x) => {
        const [p, q, r] = split(x, [1, 2, 2], 1);
        return cat([mul(p, 2), mul(q, -1), r], 1);
      },
      [randn([2, 5])],
    );
    check(
      (x) => {
        const pieces = chunk(x, 3, 0);
        return cat(
          pieces.map((p, i) => mul(p, i + 1)),
          0,
        );
      },
      [randn([5, 2])],
    );
  });
  it('narrow / slice', () => {
    check((x) => narrow(x, 1, 1, 2), [randn([3, 4])]);
    check((x) => slice(x, 0, -2), [randn([3, 4])]);
  });
  it('pad (grow and crop)', () => {
    check((x) => pad(x, [1, 2], 0.5), [randn([2, 3])]);
    check((x) => pad(x, [-1, 1, 1, -1]), [randn([3, 4])]);
  });
});

describe('gradcheck: indexing ops', () => {
  it('gather (repeated indices)', () => {
    check((x) => gather(x, 1, ints([0, 0, 2, 1, 1, 1], [2, 3])), [randn([2, 3])]);
    check((x) => gather(x, 0, ints([2, 0, 2, 1], [2, 2])), [randn([3, 2])]);
  });
  it('scatterAdd (both input and src, repeated indices)', () => {
    const index = ints([0, 2, 0, 0, 1, 1], [2, 3]);
    check((x, src) => scatterAdd(x, 1, index, src), [randn([2, 3]), randn([2, 3])]);
  });
  it('indexSelect (repeated indices)', () => {
    check((x) => indexSelect(x, 0, ints([1, 1, 0, 2])), [randn([3, 2])]);
    check((x) => indexSelect(x, -1, ints([2, 0, 2])), [randn([2, 3])]);
  });
  it('maskedFill / tril / triu', () => {
    check((x) => maskedFill(x, bools([true, false, false], [3]), 2), [randn([2, 3])]);
    check((x) => tril(x, -1), [randn([3, 3])]);
    check((x) => triu(x, 1), [randn([2, 3, 4])]);
  });
});

// ---- compositions ----

describe('gradcheck: compositions', () => {
  it('2-layer MLP cross-entropy loss', () => {
    const target = ints([0, 2, 1, 1]);
    check(
      (x, w1, b1, w2, b2) => {
        const h = tanh(add(matmul(x, w1), b1)); // (4, 5)
        const logp = logSoftmax(add(matmul(h, w2), b2), -1); // (4, 3)
        return neg(mean(gather(logp, 1, unsqueeze(target, 1))));
      },
      [randn([4, 3]), randn([3, 5]), randn([5]), randn([5, 3]), randn([3])],
    );
  });
  it('causal attention softmax(QK^T / sqrt(d)) V', () => {
    const causal = bools([false, true, true, false, false, true, false, false, false], [3, 3]);
    check(
      (q, k, v) => {
        const scores = div(matmul(q, transpose(k, -2, -1)), Math.sqrt(2)); // (B, T, T)
        return matmul(softmax(maskedFill(scores, causal, Number.NEGATIVE_INFINITY), -1), v);
      },
      [randn([2, 3, 2]), randn([2, 3, 2]), randn([2, 3, 2])],
    );
  });
  it('layer norm', () => {
    check(
      (x, g, b) => {
        const mu = mean(x, -1, true);
        const v = variance(x, -1, { unbiased: false, keepdim: true });
        return add(mul(div(sub(x, mu), sqrt(add(v, 1e-5))), g), b);
      },
      [randn([3, 4]), randn([4]), randn([4])],
    );
  });
});

// ---- property-based tests ----

/** A shape of rank 0..4 with dims 1..4. */
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 });

/** Two shapes that broadcast to `out`: suffixes of it with some dims replaced by 1. */
const broadcastPairArb = shapeArb.chain((out) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: out.length }),
      fc.integer({ min: 0, max: out.length }),
      fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
      fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    )
    .map(([ra, rb, onesA, onesB]) => {
      const a = out.slice(out.length - ra).map((d, i) => (onesA[i] ? 1 : d));
      const b = out.slice(out.length - rb).map((d, i) => (onesB[i] ? 1 : d));
      return { a, b };
    }),
);

function broadcastRule(a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    return da === 1 ? db : da;
  });
}

const numel = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);
const seq = (shape: number[], requiresGrad = false) =>
  tensor(
    Float32Array.from({ length: numel(shape) }, (_, i) => ((i * 37) % 11) - 5 + i / 8),
    { shape, requiresGrad },
  );

describe('properties: broadcasting', () => {
  it('the result shape follows the NumPy rule, and incompatible shapes throw a ShapeError', () => {
    fc.assert(
      fc.property(broadcastPairArb, ({ a, b }) => {
        expect(add(seq(a), seq(b)).shape).toEqual(broadcastRule(a, b));
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 2, max: 4 }), (shape, n) => {
        // A trailing dim of n against n + 1 never broadcasts.
        expect(() => add(seq([...shape, n]), seq([n + 1]))).toThrow(ShapeError);
      }),
      { numRuns: 30 },
    );
  });
  it('add and mul commute exactly', () => {
    fc.assert(
      fc.property(broadcastPairArb, ({ a, b }) => {
        const x = seq(a);
        const y = seq(b);
        expect(Array.from(add(x, y).data)).toEqual(Array.from(add(y, x).data));
        expect(Array.from(mul(x, y).data)).toEqual(Array.from(mul(y, x).data));
      }),
      { numRuns: 100 },
    );
  });
  it('the gradient of a broadcast operand sums over the broadcast dims', () => {
    fc.assert(
      fc.property(broadcastPairArb, ({ a, b }) => {
        const x = seq(a, true);
        const y = seq(b, true);
        const out = add(x, y);
        sum(out).backward();
        // Each element of x is read numel(out) / numel(x) times, each time with gradient 1.
        expect(x.grad!.shape).toEqual(a);
        expect(y.grad!.shape).toEqual(b);
        for (const v of x.grad!.data) expect(v).toBe(numel(out.shape) / numel(a));
        for (const v of y.grad!.data) expect(v).toBe(numel(out.shape) / numel(b));
      }),
      { numRuns: 100 },
    );
  });
  it('mul gradients equal the other operand summed over the broadcast dims', () => {
    fc.assert(
      fc.property(broadcastPairArb, ({ a, b }) => {
        const x = seq(a, true);
        const y = seq(b);
        sum(mul(x, y)).backward();
        // Reference by loops: walk every output element and add y's value at x's position.
        const out = broadcastRule(a, b);
        const expected = new Float64Array(numel(a));
        const yData = y.data;
        for (let i = 0; i < numel(out); i++) {
          expected[flatIndexIn(a, out, i)] += yData[flatIndexIn(b, out, i)];
        }
        const got = Array.from(x.grad!.data);
        for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 4);
      }),
      { numRuns: 100 },
    );
  });
});

/** The flat index into an operand of `shape` that output element `i` of `out` reads under broadcasting. */
function flatIndexIn(shape: number[], out: number[], i: number): number {
  let rest = i;
  let index = 0;
  let stride = 1;
  for (let d = out.length - 1; d >= 0; d--) {
    const coord = rest % out[d];
    rest = Math.floor(rest / out[d]);
    const k = d - (out.length - shape.length);
    if (k >= 0) {
      if (shape[k] !== 1) index += coord * stride;
      stride *= shape[k];
    }
  }
  return index;
}

/** A shape and a permutation of its dims. */
const permArb = shapeArb.chain((shape) =>
  fc
    .shuffledSubarray(
      shape.map((_, i) => i),
      { minLength: shape.length, maxLength: shape.length },
    )
    .map((perm) => ({ shape, perm })),
);

describe('properties: shape ops', () => {
  it('reshape round trip keeps data and shape', () => {
    fc.assert(
      fc.property(shapeArb, fc.nat(), (shape, k) => {
        const x = seq(shape);
        const n = numel(shape);
        const divisors = Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
        const d = divisors[k % divisors.length];
        const y = reshape(x, [d, -1]);
        expect(y.shape).toEqual([d, n / d]);
        const back = reshape(y, shape);
        expect(back.shape).toEqual(shape);
        expect(Array.from(back.data)).toEqual(Array.from(x.data));
      }),
      { numRuns: 100 },
    );
  });
  it('permute by the inverse permutation restores the tensor', () => {
    fc.assert(
      fc.property(permArb, ({ shape, perm }) => {
        const x = seq(shape);
        const y = permute(x, perm);
        expect(y.shape).toEqual(perm.map((p) => shape[p]));
        const inverse = new Array<number>(perm.length);
        perm.forEach((p, i) => {
          inverse[p] = i;
        });
        const back = permute(y, inverse);
        expect(back.shape).toEqual(shape);
        expect(Array.from(back.data)).toEqual(Array.from(x.data));
      }),
      { numRuns: 100 },
    );
  });
  it('cat undoes split along any dim', () => {
    const arb = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        dim: fc.integer({ min: -shape.length, max: shape.length - 1 }),
        size: fc.integer({ min: 1, max: 5 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ shape, dim, size }) => {
        const x = seq(shape);
        const pieces = split(x, size, dim);
        const axis = dim < 0 ? dim + shape.length : dim;
        expect(pieces.length).toBe(Math.ceil(shape[axis] / size));
        const back = cat(pieces, dim);
        expect(back.shape).toEqual(shape);
        expect(Array.from(back.data)).toEqual(Array.from(x.data));
      }),
      { numRuns: 100 },
    );
  });
  it('squeeze(dim) undoes unsqueeze(dim)', () => {
    const arb = shapeArb.chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        dim: fc.integer({ min: -shape.length - 1, max: shape.length }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ shape, dim }) => {
        const x = seq(shape);
        const y = unsqueeze(x, dim);
        const axis = dim < 0 ? dim + shape.length + 1 : dim;
        expect(y.shape[axis]).toBe(1);
        expect(y.ndim).toBe(shape.length + 1);
        const back = squeeze(y, dim);
        expect(back.shape).toEqual(shape);
        expect(Array.from(back.data)).toEqual(Array.from(x.data));
        // squeeze() with no dim removes exactly the size-1 dims.
        expect(squeeze(y).shape).toEqual(shape.filter((d) => d !== 1));
      }),
      { numRuns: 100 },
    );
  });
});
