// Bad input fails loudly, naming the function, the argument, what was expected and what came.
import * as L from '@llm/losses';
import { IndexError, ShapeError, tensor, ValueError, zeros } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { int32 } from './helpers';

const logits = zeros([4, 10]);
const x = zeros([3, 4]);

describe('error messages', () => {
  it('crossEntropy: target shape', () => {
    expect(() => L.crossEntropy(logits, zeros([4, 1], { dtype: 'int32' }))).toThrow(
      new ShapeError("crossEntropy: 'target' must have shape [4] to match 'input' [4, 10], got [4, 1]."),
    );
    expect(() => L.crossEntropy(zeros([2, 3, 5]), zeros([2, 4], { dtype: 'int32' }))).toThrow(
      "crossEntropy: 'target' must have shape [2, 5] (classes in dim 1) or [2, 3] (classes in the last dim) to match 'input' [2, 3, 5], got [2, 4].",
    );
  });

  it('crossEntropy: float class indices and out-of-range targets', () => {
    expect(() => L.crossEntropy(logits, tensor([1, 2, 3, 4]))).toThrow(ValueError);
    expect(() => L.crossEntropy(logits, tensor([1, 2, 3, 4]))).toThrow(
      /crossEntropy: 'target' must hold int32 class indices/,
    );
    expect(() => L.crossEntropy(logits, int32([1, 2, 10, 4]))).toThrow(
      new IndexError("crossEntropy: 'target' values must be in [0, 10) or ignoreIndex -100, got 10."),
    );
    expect(() => L.crossEntropy(logits, int32([1, 2, -1, 4]))).toThrow(IndexError);
    expect(() => L.nllLoss(logits, int32([1, 2, -5, 4]), { ignoreIndex: -1 })).toThrow(
      "nllLoss: 'target' values must be in [0, 10) or ignoreIndex -1, got -5.",
    );
    expect(L.crossEntropy(logits, int32([1, 2, -100, 4])).item()).toBeCloseTo(Math.log(10), 5);
  });

  it('crossEntropy: options', () => {
    const t = int32([1, 2, 3, 4]);
    expect(() => L.crossEntropy(logits, t, { reduction: 'avg' as never })).toThrow(
      new ValueError("crossEntropy: 'reduction' must be one of 'mean', 'sum', 'none', got 'avg'."),
    );
    expect(() => L.crossEntropy(logits, t, { labelSmoothing: 1.5 })).toThrow(
      "crossEntropy: 'labelSmoothing' must be a number in [0, 1], got 1.5.",
    );
    expect(() => L.crossEntropy(logits, t, { weight: zeros([9]) })).toThrow(
      "crossEntropy: 'weight' must have shape [10] to match the 10 classes of 'input' [4, 10], got [9].",
    );
    expect(() => L.crossEntropy(logits, t, { ignore_index: 0 } as never)).toThrow(
      "crossEntropy: unknown option 'ignore_index'",
    );
    expect(() => L.crossEntropy(int32([1]), t)).toThrow(
      "crossEntropy: 'input' must have dtype float32 or float64, got int32.",
    );
  });

  it('element-wise losses check shapes and values', () => {
    expect(() => L.mseLoss(x, zeros([3, 5]))).toThrow(
      new ShapeError("mseLoss: 'target' must have shape [3, 4] to match 'input' [3, 4], got [3, 5]."),
    );
    expect(() => L.l1Loss(x, x, { reduction: 'batchmean' as never })).toThrow(
      "l1Loss: 'reduction' must be one of 'mean', 'sum', 'none', got 'batchmean'.",
    );
    expect(() => L.huberLoss(x, x, { delta: 0 })).toThrow(
      "huberLoss: 'delta' must be a positive number, got 0.",
    );
    expect(() => L.smoothL1Loss(x, x, { beta: -1 })).toThrow(
      "smoothL1Loss: 'beta' must be a non-negative number, got -1.",
    );
    expect(() => L.bceLoss(tensor([0.5, 1.5]), tensor([0, 1]))).toThrow(
      "bceLoss: 'input' values must lie in [0, 1], got 1.5.",
    );
    expect(() => L.bceWithLogitsLoss(x, x, { posWeight: zeros([5]) })).toThrow(
      "bceWithLogitsLoss: 'posWeight' must broadcast to the shape [3, 4] of 'input', got [5].",
    );
    expect(() => L.hingeLoss(x, x)).toThrow("hingeLoss: 'target' must hold only -1 or 1, got 0.");
    expect(() => L.gaussianNllLoss(x, x, zeros([2]))).toThrow(
      "gaussianNllLoss: 'variance' must have shape [3, 4], [3, 1] or [3] to match 'input' [3, 4], got [2].",
    );
    expect(() => L.gaussianNllLoss(x, x, tensor([1, -1, 1]))).toThrow(
      "gaussianNllLoss: 'variance' values must lie in [0, Infinity], got -1.",
    );
  });

  it('class-index losses', () => {
    expect(() => L.multiMarginLoss(x, int32([0, 1, 4]))).toThrow(
      "multiMarginLoss: 'target' values must be in [0, 4), got 4.",
    );
    expect(() => L.multiMarginLoss(x, int32([0, 1, 2]), { p: 3 as never })).toThrow(
      "multiMarginLoss: 'p' must be 1 or 2, got 3.",
    );
    expect(() => L.focalLoss(x, int32([0, 1]))).toThrow(
      "focalLoss: 'target' must have shape [3] to match 'input' [3, 4], got [2].",
    );
  });

  it('pairs, triplets and distributions', () => {
    expect(() => L.tripletMarginLoss(x, x, zeros([3, 3]))).toThrow(
      "tripletMarginLoss: 'negative' must have shape [3, 4] to match 'anchor' [3, 4], got [3, 3].",
    );
    expect(() => L.cosineEmbeddingLoss(x, x, tensor([1, -1]))).toThrow(
      "cosineEmbeddingLoss: 'target' must have shape [3] to match 'input1' [3, 4], got [2].",
    );
    expect(() => L.contrastiveLoss(x, x, tensor([1, -1, 0]))).toThrow(
      "contrastiveLoss: 'target' must hold only 0 or 1, got -1.",
    );
    expect(() => L.infoNceLoss(x, zeros([4, 4]))).toThrow(
      "infoNceLoss: 'key' must have shape [3, 4] to match 'query' [3, 4], got [4, 4].",
    );
    expect(() => L.infoNceLoss(x, x, { temperature: 0 })).toThrow(
      "infoNceLoss: 'temperature' must be a positive number, got 0.",
    );
    expect(() => L.klDiv(x, x, { reduction: 'avg' as never })).toThrow(
      "klDiv: 'reduction' must be one of 'mean', 'batchmean', 'sum', 'none', got 'avg'.",
    );
    expect(() => L.distillationLoss(x, x, { labels: int32([0, 1]) })).toThrow(
      "distillationLoss: 'labels' must have shape [3] to match 'student' [3, 4], got [2].",
    );
    expect(() => L.elboLoss(x, x, { mu: zeros([2, 2]), logVar: zeros([2, 2]) })).toThrow(
      "elboLoss: 'mu' must have shape [3, 2] to match the samples of 'input' [3, 4], got [2, 2].",
    );
  });

  it('language-model and preference losses', () => {
    const lm = zeros([2, 3, 5]);
    expect(() => L.causalLmLoss(zeros([2, 3]), int32([[1, 2, 3]]))).toThrow(
      "causalLmLoss: 'logits' must have shape [B, T, V], got [2, 3].",
    );
    expect(() => L.causalLmLoss(lm, int32([[1, 2, 3]]))).toThrow(
      "causalLmLoss: 'tokens' must have shape [2, 3] to match 'logits' [2, 3, 5], got [1, 3].",
    );
    expect(() =>
      L.causalLmLoss(
        lm,
        tensor([
          [1, 2, 3],
          [1, 2, 3],
        ]),
      ),
    ).toThrow("causalLmLoss: 'tokens' must hold int32 token ids, got dtype float32.");
    expect(() =>
      L.maskedLmLoss(
        lm,
        int32([
          [1, 2, 3],
          [1, 2, 3],
        ]),
        {
          mask: int32([
            [1, 0, 1],
            [1, 0, 1],
          ]),
        },
      ),
    ).toThrow("maskedLmLoss: 'mask' must have dtype bool, got int32.");
    expect(() =>
      L.seq2seqLoss(
        lm,
        int32([
          [1, 2, 3],
          [1, 2, 9],
        ]),
      ),
    ).toThrow("seq2seqLoss: 'targets' values must be in [0, 5) or ignoreIndex -100, got 9.");
    expect(() =>
      L.causalLmLoss(
        lm,
        int32([
          [1, 2, 7],
          [1, 2, 3],
        ]),
      ),
    ).toThrow("causalLmLoss: 'tokens' values must be in [0, 5) or ignoreIndex -100, got 7.");
    expect(() => L.distillationLoss(x, x, { labels: int32([0, 1, 4]) })).toThrow(
      "distillationLoss: 'labels' values must be in [0, 4) or ignoreIndex -100, got 4.",
    );
    expect(() => L.dpoLoss(zeros([3]), zeros([3]), zeros([3]), zeros([2]))).toThrow(
      "dpoLoss: 'referenceRejected' must have shape [3] to match 'policyChosen' [3], got [2].",
    );
    expect(() => L.dpoLoss(zeros([3]), zeros([3]), zeros([3]), zeros([3]), { beta: -1 })).toThrow(
      "dpoLoss: 'beta' must be a positive number, got -1.",
    );
    expect(() => L.bradleyTerryLoss(zeros([3]), zeros([4]))).toThrow(
      "bradleyTerryLoss: 'rejected' must have shape [3] to match 'chosen' [3], got [4].",
    );
  });
});
