// Worked examples from issue #3: numbers a reader can check by hand, next to the fixture-based parity suite.
import * as L from '@llm/losses';
import { type Tensor, tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { int32, makeData } from './helpers';

const d = makeData(3);
const f64 = (values: number[] | number[][] | number[][][]): Tensor => tensor(values, { dtype: 'float64' });
const rows = (t: Tensor): number[][] => t.toArray() as number[][];

describe('crossEntropy textbook values', () => {
  it('is -log(0.7) ≈ 0.357 when the true class has probability 0.7', () => {
    // Log-probabilities are valid logits: log_softmax(log p) = log p when p sums to 1.
    const logits = f64([[0.1, 0.7, 0.2].map(Math.log)]);
    const loss = L.crossEntropy(logits, int32([1])).item();
    expect(loss).toBeCloseTo(-Math.log(0.7), 12);
    expect(loss).toBeCloseTo(0.35667494393873245, 12);
  });

  it('averages -log p_true over the batch and sums it under reduction sum', () => {
    const logits = f64([[0.1, 0.7, 0.2].map(Math.log), [0.5, 0.25, 0.25].map(Math.log)]);
    const target = int32([1, 0]);
    const expected = [-Math.log(0.7), -Math.log(0.5)];
    const none = L.crossEntropy(logits, target, { reduction: 'none' }).toArray() as number[];
    expect(none[0]).toBeCloseTo(expected[0]!, 12);
    expect(none[1]).toBeCloseTo(expected[1]!, 12);
    expect(L.crossEntropy(logits, target).item()).toBeCloseTo((expected[0]! + expected[1]!) / 2, 12);
    expect(L.crossEntropy(logits, target, { reduction: 'sum' }).item()).toBeCloseTo(
      expected[0]! + expected[1]!,
      12,
    );
  });
});

describe('label smoothing as PyTorch defines it', () => {
  // torch.nn.functional.cross_entropy(x, t, label_smoothing=ε) mixes the one-hot target with the uniform
  // distribution over all K classes, the true one included: (1 − ε)·onehot + ε/K. For ε = 0.1, K = 4
  // that is [0.025, 0.925, 0.025, 0.025]. Issue #3's [0.033, 0.933, 0.033, 0.033] is not what PyTorch
  // uses (it sums to 1.032; ε/(K − 1) off the true class would give [0.033, 0.9, 0.033, 0.033], also
  // not PyTorch). Checked with torch 1.13 (/usr/bin/python3): for the logits below, label_smoothing=0.1 gives
  // 0.5124059381034307, equal to the ε/K target's cross-entropy, while the ε/(K − 1) target gives
  // 0.5657392714367641.
  const logits = f64([[0.1, 2.0, -1.0, 0.5]]);
  const target = int32([1]);
  const smoothed = L.crossEntropy(logits, target, { labelSmoothing: 0.1 }).item();

  it('equals the cross-entropy against (1 − ε)·onehot + ε/K = [0.025, 0.925, 0.025, 0.025]', () => {
    expect(smoothed).toBeCloseTo(L.crossEntropy(logits, f64([[0.025, 0.925, 0.025, 0.025]])).item(), 12);
    expect(smoothed).toBeCloseTo(0.5124059381034307, 12);
  });

  it('does not equal the cross-entropy against ε/(K − 1) spread over the other classes', () => {
    const offTrueOnly = f64([[0.1 / 3, 0.9, 0.1 / 3, 0.1 / 3]]);
    const other = L.crossEntropy(logits, offTrueOnly).item();
    expect(other).toBeCloseTo(0.5657392714367641, 12);
    expect(Math.abs(smoothed - other)).toBeGreaterThan(0.05);
  });
});

describe('padding in a [2, 4] batch', () => {
  const C = 5;
  const logits = d.randn([2, 4, C]); // (B, T, C)
  // Each row's trailing positions are padding.
  const target = int32([
    [3, 1, 4, -100],
    [0, 2, -100, -100],
  ]);
  const real: [number, number][] = [
    [0, 0],
    [0, 1],
    [0, 2],
    [1, 0],
    [1, 1],
  ];
  const byPosition = logits.toArray() as number[][][];
  const targetRows = rows(target);

  it('averages over the real tokens only', () => {
    const flat = L.crossEntropy(
      f64(real.map(([b, t]) => byPosition[b]![t]!)),
      int32(real.map(([b, t]) => targetRows[b]![t]!)),
    );
    expect(L.crossEntropy(logits, target).item()).toBeCloseTo(flat.item(), 12);
  });

  it('does not move when the logits at padded positions change, and sends them no gradient', () => {
    const changed = byPosition.map((row, b) =>
      row.map((values, t) => (targetRows[b]![t] === -100 ? values.map((v) => v * 7 + 3) : values)),
    );
    expect(L.crossEntropy(f64(changed), target).item()).toBeCloseTo(
      L.crossEntropy(logits, target).item(),
      12,
    );

    const x = logits.detach().requiresGrad_();
    L.crossEntropy(x, target).backward();
    const grad = x.grad?.toArray() as number[][][];
    for (const [b, t] of [
      [0, 3],
      [1, 2],
      [1, 3],
    ] as const) {
      expect(grad[b]![t]).toEqual(new Array(C).fill(0));
    }
  });

  it('honours a custom ignoreIndex the same way', () => {
    const padMinusOne = int32(targetRows.map((row) => row.map((v) => (v === -100 ? -1 : v))));
    expect(L.crossEntropy(logits, padMinusOne, { ignoreIndex: -1 }).item()).toBe(
      L.crossEntropy(logits, target).item(),
    );
  });
});

describe('gradient of softmax + cross-entropy', () => {
  it('is (softmax(x) − onehot(t)) / N under mean reduction, elementwise', () => {
    const N = 6;
    const C = 7;
    const x = d.randn([N, C], 3).detach().requiresGrad_();
    const target = d.classes(C, [N]);
    L.crossEntropy(x, target).backward();

    // The expectation is computed by hand from the raw numbers, not with the library's softmax.
    const labels = target.toArray() as number[];
    const expected = rows(x.detach()).map((row, n) => {
      const max = Math.max(...row);
      const exps = row.map((v) => Math.exp(v - max));
      const total = exps.reduce((a, b) => a + b, 0);
      return exps.map((e, c) => (e / total - (c === labels[n] ? 1 : 0)) / N);
    });
    const actual = rows(x.grad as Tensor);
    for (let n = 0; n < N; n++) {
      for (let c = 0; c < C; c++) expect(actual[n]![c]).toBeCloseTo(expected[n]![c]!, 14);
    }
    // Each row of softmax − onehot sums to zero.
    for (const row of actual) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 14);
  });
});
