import { arange, full, tensor } from '../creation';
import * as F from '../ops';
import { type Generator, randint, randn } from '../random';
import type { Tensor } from '../tensor';

/** One op exercised by the conformance suite: seeded inputs and the computation to compare. */
export interface ConformanceCase {
  readonly name: string;
  /** Builds the inputs from a seeded generator (float inputs that should get gradients set requiresGrad). */
  readonly inputs: (g: Generator) => Tensor[];
  readonly fn: (...xs: Tensor[]) => Tensor;
}

const normal =
  (shape: number[], scale = 1) =>
  (g: Generator) =>
    F.mul(randn(shape, { generator: g }), scale);
const param =
  (shape: number[], scale = 1, shift = 0) =>
  (g: Generator) =>
    F.add(F.mul(randn(shape, { generator: g }), scale), shift)
      .detach()
      .requiresGrad_();
const ints = (low: number, high: number, shape: number[]) => (g: Generator) =>
  randint(low, high, shape, { generator: g });
const inputs =
  (...makers: ((g: Generator) => Tensor)[]) =>
  (g: Generator) =>
    makers.map((m) => m(g));

const unary = (name: string, fn: (x: Tensor) => Tensor, shift = 0, scale = 1): ConformanceCase => ({
  name,
  inputs: inputs(param([3, 5], scale, shift)),
  fn,
});

/**
 * The cases every backend must reproduce. They go through the public ops, so they cover each
 * kernel with the shapes the ops really send it (broadcasting, every reduce axis, transposed
 * matmul operands in backward, ...).
 */
export const conformanceCases: readonly ConformanceCase[] = [
  unary('neg', F.neg),
  unary('exp', F.exp),
  unary('expm1', F.expm1),
  unary('log', F.log, 3, 0.5),
  unary('log1p', F.log1p, 3, 0.5),
  unary('sqrt', F.sqrt, 3, 0.5),
  unary('rsqrt', F.rsqrt, 3, 0.5),
  unary('abs', F.abs),
  unary('sign', F.sign),
  unary('sin', F.sin),
  unary('cos', F.cos),
  unary('square', F.square),
  unary('reciprocal', F.reciprocal, 3, 0.5),
  unary('erf', F.erf),
  unary('floor', (x) => F.floor(F.mul(x, 3))),
  unary('ceil', (x) => F.ceil(F.mul(x, 3))),
  unary('round', (x) => F.round(F.mul(x, 3))),
  unary('sigmoid', F.sigmoid, 0, 4),
  unary('tanh', F.tanh),
  unary('relu', F.relu),
  unary('gelu', (x) => F.gelu(x)),
  unary('geluTanh', (x) => F.gelu(x, { approximate: 'tanh' })),
  unary('silu', F.silu),
  unary('softplus', (x) => F.softplus(x), 0, 10),
  unary('softplusBeta', (x) => F.softplus(x, { beta: 2, threshold: 5 }), 0, 4),
  unary('clamp', (x) => F.clamp(x, -0.5, 0.7)),
  unary('isnanIsinf', (x) => F.logicalOr(F.isnan(F.log(x)), F.isinf(F.div(1, F.floor(x)))).to('float32')),
  { name: 'add broadcast', inputs: inputs(param([4, 1, 3]), param([2, 3])), fn: F.add },
  { name: 'sub scalar', inputs: inputs(param([2, 3])), fn: (x) => F.sub(2.5, x) },
  { name: 'mul broadcast', inputs: inputs(param([3, 1]), param([1, 4])), fn: F.mul },
  { name: 'div', inputs: inputs(param([2, 3]), param([2, 3], 0.5, 3)), fn: F.div },
  { name: 'pow', inputs: inputs(param([2, 3], 0.5, 2), param([3], 0.5)), fn: F.pow },
  { name: 'maximum', inputs: inputs(param([2, 3]), param([2, 1])), fn: F.maximum },
  { name: 'minimum', inputs: inputs(param([2, 3]), param([3])), fn: F.minimum },
  {
    name: 'comparisons',
    inputs: inputs(normal([3, 4]), normal([4])),
    fn: (a, b) =>
      F.cat(
        [
          F.eq(a, a),
          F.ne(a, b),
          F.lt(a, b),
          F.le(a, b),
          F.gt(a, b),
          F.ge(a, b),
          F.logicalAnd(F.gt(a, 0), F.lt(b, 0)),
        ].map((m) => m.to('float32')),
      ),
  },
  {
    name: 'where',
    inputs: inputs(normal([3, 1]), param([3, 4]), param([4])),
    fn: (c, a, b) => F.where(F.gt(c, 0), a, b),
  },
  {
    name: 'int32 arithmetic',
    inputs: inputs(ints(-5, 5, [3, 4]), ints(1, 4, [4])),
    fn: (a, b) => F.add(F.mul(a, b), F.sub(a, b)).to('float32'),
  },
  { name: 'int32 div', inputs: inputs(ints(-5, 5, [3, 4]), ints(1, 4, [4])), fn: F.div },
  {
    name: 'cast',
    inputs: inputs(normal([3, 4], 3)),
    fn: (x) => F.add(x.to('int32').to('float32'), x.to('bool').to('float32')),
  },
  { name: 'sum all', inputs: inputs(param([3, 4, 5])), fn: (x) => F.sum(x) },
  { name: 'sum dims', inputs: inputs(param([3, 4, 5])), fn: (x) => F.sum(x, [0, 2], true) },
  { name: 'mean', inputs: inputs(param([3, 4, 5])), fn: (x) => F.mean(x, 1) },
  { name: 'max dim', inputs: inputs(param([3, 4, 5])), fn: (x) => F.max(x, 2) },
  { name: 'min all', inputs: inputs(param([3, 4])), fn: (x) => F.min(x) },
  {
    name: 'argmax argmin',
    inputs: inputs(normal([3, 4, 5])),
    fn: (x) => F.add(F.argmax(x, 1), F.argmin(x, 1, true).squeeze(1)).to('float32'),
  },
  {
    name: 'var std',
    inputs: inputs(param([4, 6])),
    fn: (x) => F.add(F.variance(x, 1), F.std(x, 1, { correction: 0 })),
  },
  { name: 'norm', inputs: inputs(param([3, 5])), fn: (x) => F.add(F.norm(x, 2, 1), F.norm(x, 3, 1)) },
  { name: 'logsumexp large', inputs: inputs(param([3, 5], 50)), fn: (x) => F.logsumexp(x, 1) },
  { name: 'softmax', inputs: inputs(param([2, 3, 5], 10)), fn: (x) => F.softmax(x, 1) },
  { name: 'logSoftmax', inputs: inputs(param([4, 7], 100)), fn: (x) => F.logSoftmax(x, -1) },
  { name: 'matmul 2d', inputs: inputs(param([5, 7]), param([7, 3])), fn: F.matmul },
  { name: 'matmul batched broadcast', inputs: inputs(param([2, 1, 4, 3]), param([3, 3, 5])), fn: F.matmul },
  { name: 'matmul vector', inputs: inputs(param([4]), param([2, 4, 3])), fn: F.matmul },
  {
    name: 'reshape permute',
    inputs: inputs(param([2, 3, 4])),
    fn: (x) => F.permute(F.reshape(x, [4, 3, 2]), [2, 0, 1]),
  },
  {
    name: 'transpose expand',
    inputs: inputs(param([3, 1])),
    fn: (x) => F.transpose(F.expand(x, [2, 3, 4]), 0, 2),
  },
  {
    name: 'narrow slice',
    inputs: inputs(param([5, 6])),
    fn: (x) => F.add(F.narrow(x, 0, 1, 3).sum(1), F.slice(x, 1, -4, -1).sum(1).slice(0, 2)),
  },
  { name: 'pad crop', inputs: inputs(param([3, 4])), fn: (x) => F.pad(x, [1, -1, -1, 2], 0.5) },
  {
    name: 'cat stack split',
    inputs: inputs(param([2, 3]), param([2, 2])),
    fn: (a, b) => F.stack(F.split(F.cat([a, b], 1), [1, 4], 1)[1].chunk(2, 1), 0),
  },
  { name: 'gather', inputs: inputs(param([3, 5]), ints(0, 5, [3, 4])), fn: (x, i) => F.gather(x, 1, i) },
  {
    name: 'scatterAdd',
    inputs: inputs(param([3, 5]), ints(0, 3, [2, 5]), param([2, 5])),
    fn: (x, i, s) => F.scatterAdd(x, 0, i, s),
  },
  {
    name: 'indexSelect repeated',
    inputs: inputs(param([4, 3]), () => tensor([3, 0, 3, 1], { dtype: 'int32' })),
    fn: (x, i) => F.indexSelect(x, 0, i),
  },
  {
    name: 'maskedFill tril triu',
    inputs: inputs(param([4, 4])),
    fn: (x) => F.add(F.maskedFill(x, F.gt(x, 0.5), -1), F.add(F.tril(x, -1), F.triu(x, 1))),
  },
  { name: 'oneHot', inputs: inputs(ints(0, 4, [5])), fn: (i) => F.oneHot(i, 6).to('float32') },
  { name: 'arange full', inputs: () => [], fn: () => F.add(arange(0, 6, 1.5), full([4], 2)) },
  {
    name: 'attention block',
    inputs: inputs(param([2, 4, 8], 0.5), param([8, 24], 0.3)),
    fn: (x, w) => {
      const [q, k, v] = F.split(F.matmul(x, w), 8, 2); // (B, T, C) each
      const scores = F.div(F.matmul(q, F.transpose(k, 1, 2)), Math.sqrt(8));
      const masked = F.maskedFill(scores, F.triu(full([4, 4], true), 1), Number.NEGATIVE_INFINITY);
      return F.matmul(F.softmax(masked, -1), v);
    },
  },
  // Fused on backends with the layer-norm kernels, composed from the cases above on the others.
  {
    name: 'layerNorm affine',
    inputs: inputs(param([6, 40], 2, 1), param([40], 0.3, 1), param([40])),
    fn: (x, w, b) => F.layerNorm(x, [40], w, b),
  },
  { name: 'layerNorm two dims', inputs: inputs(param([3, 4, 32], 3)), fn: (x) => F.layerNorm(x, [4, 32]) },
];
