// Finite-difference gradient checks (float64) for every loss and every reduction it takes.
import * as L from '@llm/losses';
import { gradcheck, type Tensor, tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { int32, makeData } from './helpers';

const d = makeData(11);
const grad = (t: Tensor): Tensor => t.detach().requiresGrad_();

interface Check {
  name: string;
  fn: (reduction: L.Reduction, ...xs: Tensor[]) => Tensor;
  inputs: () => Tensor[];
  reductions?: L.Reduction[];
}

const ALL: L.Reduction[] = ['mean', 'sum', 'none'];
const x34 = () => grad(d.randn([3, 4], 2));
const y34 = () => grad(d.randn([3, 4], 2));

const checks: Check[] = [
  { name: 'mseLoss', fn: (reduction, x, y) => L.mseLoss(x, y, { reduction }), inputs: () => [x34(), y34()] },
  { name: 'l1Loss', fn: (reduction, x, y) => L.l1Loss(x, y, { reduction }), inputs: () => [x34(), y34()] },
  {
    name: 'huberLoss',
    fn: (reduction, x, y) => L.huberLoss(x, y, { reduction, delta: 1.5 }),
    inputs: () => [x34(), y34()],
  },
  {
    name: 'smoothL1Loss',
    fn: (reduction, x, y) => L.smoothL1Loss(x, y, { reduction, beta: 0.7 }),
    inputs: () => [x34(), y34()],
  },
  {
    name: 'poissonNllLoss',
    fn: (reduction, x, y) => L.poissonNllLoss(x, y, { reduction, full: true }),
    inputs: () => [x34(), grad(d.rand([3, 4], 0.5, 4))],
  },
  {
    name: 'poissonNllLoss (rates)',
    fn: (reduction, x, y) => L.poissonNllLoss(x, y, { reduction, logInput: false }),
    inputs: () => [grad(d.rand([3, 4], 0.5, 3)), grad(d.rand([3, 4], 0, 4))],
  },
  {
    name: 'gaussianNllLoss',
    fn: (reduction, x, y, v) => L.gaussianNllLoss(x, y, v, { reduction, full: true }),
    inputs: () => [x34(), y34(), grad(d.rand([3, 1], 0.2, 2))],
  },
  {
    name: 'crossEntropy (indices, weight, ignoreIndex, labelSmoothing)',
    fn: (reduction, x) =>
      L.crossEntropy(x, int32([1, -100, 3, 0]), {
        reduction,
        weight: tensor([0.5, 1, 2, 1.5, 0.7]),
        labelSmoothing: 0.1,
      }),
    inputs: () => [grad(d.randn([4, 5], 2))],
  },
  {
    name: 'crossEntropy ([B, T, C])',
    fn: (reduction, x) =>
      L.crossEntropy(
        x,
        int32([
          [1, 2, 0],
          [3, 3, 1],
        ]),
        { reduction },
      ),
    inputs: () => [grad(d.randn([2, 3, 4], 2))],
  },
  {
    name: 'crossEntropy ([N, C, d])',
    fn: (reduction, x) =>
      L.crossEntropy(
        x,
        int32([
          [1, 2],
          [0, 3],
        ]),
        { reduction },
      ),
    inputs: () => [grad(d.randn([2, 4, 2], 2))],
  },
  {
    name: 'crossEntropy (probabilities)',
    fn: (reduction, x, p) => L.crossEntropy(x, p, { reduction, labelSmoothing: 0.2 }),
    inputs: () => [grad(d.randn([3, 4], 2)), grad(d.probs([3, 4]))],
  },
  {
    name: 'nllLoss',
    fn: (reduction, x) => L.nllLoss(x, int32([1, 0, 3]), { reduction, weight: tensor([1, 2, 0.5, 1]) }),
    inputs: () => [grad(d.randn([3, 4]))],
  },
  {
    name: 'bceLoss',
    fn: (reduction, p, y) => L.bceLoss(p, y, { reduction, weight: tensor([1, 2, 0.5, 1]) }),
    inputs: () => [grad(d.rand([3, 4], 0.05, 0.95)), grad(d.rand([3, 4]))],
  },
  {
    name: 'bceWithLogitsLoss',
    fn: (reduction, x, y) =>
      L.bceWithLogitsLoss(x, y, {
        reduction,
        posWeight: tensor([1, 3, 0.5, 2]),
        weight: tensor([2, 1, 1, 0.5]),
      }),
    inputs: () => [x34(), grad(d.rand([3, 4]))],
  },
  {
    name: 'focalLoss (binary)',
    fn: (reduction, x, y) => L.focalLoss(x, y, { reduction, gamma: 2, alpha: 0.25 }),
    inputs: () => [x34(), grad(d.rand([3, 4]))],
  },
  {
    name: 'focalLoss (multi-class)',
    fn: (reduction, x) =>
      L.focalLoss(x, int32([1, -100, 3]), { reduction, gamma: 2, alpha: tensor([0.5, 1, 2, 1]) }),
    inputs: () => [x34()],
  },
  {
    name: 'hingeEmbeddingLoss',
    fn: (reduction, x) => L.hingeEmbeddingLoss(x, d2signs, { reduction, margin: 1.5 }),
    inputs: () => [x34()],
  },
  { name: 'hingeLoss', fn: (reduction, x) => L.hingeLoss(x, d2signs, { reduction }), inputs: () => [x34()] },
  {
    name: 'squaredHingeLoss',
    fn: (reduction, x) => L.squaredHingeLoss(x, d2signs, { reduction }),
    inputs: () => [x34()],
  },
  {
    name: 'exponentialLoss',
    fn: (reduction, x) => L.exponentialLoss(x, d2signs, { reduction }),
    inputs: () => [x34()],
  },
  {
    name: 'softMarginLoss',
    fn: (reduction, x) => L.softMarginLoss(x, d2signs, { reduction }),
    inputs: () => [x34()],
  },
  {
    name: 'multilabelSoftMarginLoss',
    fn: (reduction, x, y) => L.multilabelSoftMarginLoss(x, y, { reduction, weight: tensor([1, 2, 0.5, 1]) }),
    inputs: () => [x34(), grad(d.rand([3, 4]))],
  },
  {
    name: 'multiMarginLoss',
    fn: (reduction, x) => L.multiMarginLoss(x, int32([1, 0, 3]), { reduction, p: 2, margin: 2 }),
    inputs: () => [x34()],
  },
  {
    name: 'marginRankingLoss',
    fn: (reduction, a, b) =>
      L.marginRankingLoss(a, b, tensor([1, -1, 1, -1, 1], { dtype: 'float64' }), { reduction, margin: 0.5 }),
    inputs: () => [grad(d.randn([5])), grad(d.randn([5]))],
  },
  {
    name: 'cosineEmbeddingLoss',
    fn: (reduction, a, b) =>
      L.cosineEmbeddingLoss(a, b, tensor([1, -1, -1], { dtype: 'float64' }), { reduction, margin: -0.5 }),
    inputs: () => [x34(), y34()],
  },
  {
    name: 'tripletMarginLoss',
    fn: (reduction, a, p, n) => L.tripletMarginLoss(a, p, n, { reduction, p: 3, swap: true, margin: 3 }),
    inputs: () => [x34(), y34(), grad(d.randn([3, 4], 2))],
  },
  {
    name: 'contrastiveLoss',
    fn: (reduction, a, b) =>
      L.contrastiveLoss(a, b, tensor([1, 0, 0], { dtype: 'float64' }), { reduction, margin: 8 }),
    inputs: () => [x34(), y34()],
  },
  {
    name: 'infoNceLoss',
    fn: (reduction, q, k) => L.infoNceLoss(q, k, { reduction, symmetric: true, temperature: 0.5 }),
    inputs: () => [x34(), y34()],
  },
  {
    name: 'klDiv',
    fn: (reduction, x, y) => L.klDiv(x.logSoftmax(-1), y, { reduction }),
    inputs: () => [x34(), grad(d.probs([3, 4]))],
  },
  {
    name: 'klDiv (logTarget, batchmean)',
    fn: (_, x, y) => L.klDiv(x.logSoftmax(-1), y.logSoftmax(-1), { reduction: 'batchmean', logTarget: true }),
    inputs: () => [x34(), y34()],
    reductions: ['mean'],
  },
  {
    name: 'distillationLoss',
    fn: (reduction, s, t) =>
      L.distillationLoss(s, t, { reduction, temperature: 2, alpha: 0.7, labels: int32([1, 0, -100]) }),
    inputs: () => [x34(), y34()],
  },
  {
    name: 'gaussianKl',
    fn: (reduction, mu, logVar) => L.gaussianKl(mu, logVar, { reduction }),
    inputs: () => [x34(), grad(d.randn([3, 4], 0.5))],
  },
  {
    name: 'elboLoss',
    fn: (reduction, x, mu, logVar) =>
      L.elboLoss(x, elboTarget, { reduction, mu, logVar, beta: 2, reconstruction: 'bceWithLogits' }),
    inputs: () => [grad(d.randn([3, 2, 2])), x34(), grad(d.randn([3, 4], 0.5))],
  },
  {
    name: 'causalLmLoss',
    fn: (reduction, logits) => L.causalLmLoss(logits, tokens, { reduction, labelSmoothing: 0.1 }),
    inputs: () => [grad(d.randn([2, 4, 5], 2))],
  },
  {
    name: 'maskedLmLoss',
    fn: (reduction, logits) => L.maskedLmLoss(logits, tokens, { reduction, mask: lmMask }),
    inputs: () => [grad(d.randn([2, 4, 5], 2))],
  },
  {
    name: 'seq2seqLoss',
    fn: (reduction, logits) => L.seq2seqLoss(logits, tokens, { reduction, padIndex: 0 }),
    inputs: () => [grad(d.randn([2, 4, 5], 2))],
  },
  {
    name: 'perTokenLoss / perPositionLoss / perplexity',
    fn: (_, logits) =>
      L.perTokenLoss(logits, tokens, { shift: true })
        .sum()
        .add(L.perPositionLoss(logits, tokens).sum())
        .add(L.perplexity(L.causalLmLoss(logits, tokens))),
    inputs: () => [grad(d.randn([2, 4, 5], 2))],
    reductions: ['none'],
  },
  {
    name: 'bradleyTerryLoss',
    fn: (reduction, c, r) => L.bradleyTerryLoss(c, r, { reduction, margin: 0.5 }),
    inputs: () => [grad(d.randn([5])), grad(d.randn([5]))],
  },
  {
    name: 'dpoLoss',
    fn: (reduction, pc, pr, rc, rr) =>
      L.dpoLoss(pc, pr, rc, rr, { reduction, beta: 0.5, labelSmoothing: 0.1 }),
    inputs: () => [
      grad(d.randn([4], 3)),
      grad(d.randn([4], 3)),
      grad(d.randn([4], 3)),
      grad(d.randn([4], 3)),
    ],
  },
];

const d2signs = makeData(3).signs([3, 4]);
const elboTarget = makeData(5).rand([3, 2, 2]);
const tokens = int32([
  [1, 4, 0, 2],
  [3, 3, 0, 0],
]);
const lmMask = tensor([
  [true, false, true, true],
  [false, true, true, false],
]);

describe('gradcheck (float64 central differences)', () => {
  for (const check of checks) {
    it.each(check.reductions ?? ALL)(`${check.name}, reduction %s`, (reduction) => {
      const inputs = check.inputs();
      expect(
        gradcheck((...xs) => check.fn(reduction, ...xs), inputs, { eps: 1e-6, atol: 1e-6, rtol: 1e-4 }),
      ).toBe(true);
    });
  }
});
