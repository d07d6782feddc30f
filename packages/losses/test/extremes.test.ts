// Logits of ±1e4 (and probabilities of exactly 0 or 1) give finite losses and finite gradients.
import * as L from '@llm/losses';
import { cat, slice, type Tensor, tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { int32 } from './helpers';

const BIG = 1e4;

/** The two rows of a [2, n] tensor in the other order. */
const swapRows = (x: Tensor): Tensor => cat([slice(x, 0, 1, 2), slice(x, 0, 0, 1)]);

function finite(t: Tensor): boolean {
  return Array.from(t.data).every(Number.isFinite);
}

function expectFinite(make: (x: Tensor) => Tensor, values: number[][]): void {
  for (const dtype of ['float32', 'float64'] as const) {
    const x = tensor(values, { dtype, requiresGrad: true });
    const loss = make(x);
    expect(finite(loss), `loss ${loss.toString()}`).toBe(true);
    loss.backward();
    expect(finite(x.grad!), `grad ${x.grad!.toString()}`).toBe(true);
  }
}

const logits = [
  [BIG, -BIG, 0],
  [-BIG, -BIG, BIG],
];
const binary = [
  [BIG, -BIG, 0.5],
  [-BIG, BIG, 0],
];
const y01 = tensor([
  [0, 1, 1],
  [1, 0, 0],
]);
const ypm = tensor([
  [-1, 1, 1],
  [1, -1, -1],
]);

describe('extreme logits stay finite', () => {
  it('crossEntropy, nllLoss of logSoftmax, focal and label smoothing', () => {
    const wrong = int32([1, 0]);
    expectFinite((x) => L.crossEntropy(x, wrong), logits);
    expectFinite((x) => L.crossEntropy(x, wrong, { labelSmoothing: 0.1, weight: tensor([1, 2, 3]) }), logits);
    expectFinite(
      (x) =>
        L.crossEntropy(
          x,
          tensor([
            [0, 1, 0],
            [0.5, 0.5, 0],
          ]),
        ),
      logits,
    );
    expectFinite((x) => L.nllLoss(x.logSoftmax(1), wrong), logits);
    expectFinite((x) => L.focalLoss(x, wrong), logits);
    const x = tensor(logits, { dtype: 'float64' });
    // A confidently wrong logit of 1e4 costs about 2e4 nats, not Infinity.
    expect(L.crossEntropy(x, wrong, { reduction: 'none' }).toArray()).toEqual([2 * BIG, 2 * BIG]);
  });

  it('bceWithLogitsLoss, focal, soft margins, multilabel', () => {
    expectFinite((x) => L.bceWithLogitsLoss(x, y01, { posWeight: tensor([2, 2, 2]) }), binary);
    expectFinite((x) => L.focalLoss(x, y01), binary);
    expectFinite((x) => L.softMarginLoss(x, ypm), binary);
    expectFinite((x) => L.multilabelSoftMarginLoss(x, y01), binary);
    expectFinite((x) => L.hingeLoss(x, ypm), binary);
    const loss = L.bceWithLogitsLoss(
      tensor([[BIG, -BIG]], { dtype: 'float64' }),
      tensor([[0, 1]], { dtype: 'float64' }),
      {
        reduction: 'none',
      },
    );
    expect(loss.toArray()).toEqual([[BIG, BIG]]);
  });

  it('bceLoss on probabilities of exactly 0 and 1 clamps log at -100', () => {
    expectFinite((x) => L.bceLoss(x, tensor([[1, 0, 0.5]])), [[0, 1, 0.5]]);
    const loss = L.bceLoss(tensor([0, 1]), tensor([1, 0]), { reduction: 'none' });
    expect(loss.toArray()).toEqual([100, 100]);
  });

  it('language-model, distillation, contrastive and preference losses', () => {
    const lm = [
      [BIG, -BIG, 0, 3],
      [-BIG, BIG, BIG, -BIG],
    ];
    const tokens = int32([
      [1, 0],
      [2, 3],
    ]);
    const asSequence = (x: Tensor) => x.reshape([1, 2, 4]).expand([2, 2, 4]);
    expectFinite((x) => L.causalLmLoss(asSequence(x), tokens), lm);
    expectFinite((x) => L.seq2seqLoss(asSequence(x), tokens, { labelSmoothing: 0.1 }), lm);
    expectFinite((x) => L.distillationLoss(x, swapRows(x), { labels: int32([1, 0]), temperature: 2 }), lm);
    expectFinite((x) => L.klDiv(x.logSoftmax(1), swapRows(x).softmax(1), { reduction: 'batchmean' }), lm);
    expectFinite((x) => L.infoNceLoss(x, swapRows(x), { temperature: 0.01 }), lm);
    expectFinite((x) => L.bradleyTerryLoss(x, swapRows(x)), lm);
    expectFinite(
      (x) => L.dpoLoss(x, swapRows(x), x.mul(0.5), swapRows(x).mul(0.5), { labelSmoothing: 0.1 }),
      lm,
    );
  });
});
