// Replays the PyTorch fixtures written by parity/generate.py: each case loads torch's state dict
// (PyTorch's key names) into the @llm/nn module with loadStateDict, then checks the outputs and the
// gradients of sum(out_i * upstream_i) with respect to every float input and every parameter.
import { readFileSync } from 'node:fs';
import { type DType, Generator, type Tensor, tensor, zeros } from '@llm/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Embedding,
  GRU,
  GRUCell,
  init,
  LayerNorm,
  Linear,
  LSTM,
  LSTMCell,
  MLP,
  type Module,
  RMSNorm,
  RNN,
  RNNCell,
} from '../src/index';

interface Encoded {
  shape: number[];
  dtype: DType;
  data: (number | string | boolean)[];
}

interface Case {
  id: string;
  module: string;
  args: Record<string, unknown>;
  state: Record<string, Encoded>;
  inputs: (Encoded & { name: string })[];
  outputs: Encoded[];
  upstream: Encoded[];
  inputGrads: (Encoded | null)[];
  paramGrads: Record<string, Encoded>;
}

const RTOL = 1e-5;
const ATOL = 1e-6;

const fixtures = (name: string): Case[] =>
  JSON.parse(readFileSync(new URL(`../parity/fixtures/${name}.json`, import.meta.url), 'utf8')).cases;

function value(v: number | string | boolean): number {
  if (v === 'nan') return Number.NaN;
  if (v === 'inf') return Number.POSITIVE_INFINITY;
  if (v === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(v);
}

function decode(e: Encoded, requiresGrad = false): Tensor {
  const data = e.data.map(value);
  const typed =
    e.dtype === 'int32'
      ? Int32Array.from(data)
      : e.dtype === 'bool'
        ? Uint8Array.from(data)
        : Float32Array.from(data);
  return tensor(typed, { shape: e.shape, dtype: e.dtype, requiresGrad });
}

// biome-ignore lint/suspicious/noExplicitAny: fixture args are untyped JSON
type Args = Record<string, any>;

const BUILD: Record<string, (a: Args) => Module> = {
  Linear: (a) => new Linear(a.inFeatures, a.outFeatures, { bias: a.bias }),
  Embedding: (a) => new Embedding(a.numEmbeddings, a.embeddingDim, { paddingIdx: a.paddingIdx }),
  LayerNorm: (a) => new LayerNorm(a.normalizedShape, { eps: a.eps, elementwiseAffine: a.elementwiseAffine }),
  RMSNorm: (a) => new RMSNorm(a.normalizedShape, { eps: a.eps }),
  MLP: (a) => new MLP(a.sizes, { activation: a.activation }),
  RNN: (a) => new RNN(a.inputSize, a.hiddenSize, a),
  LSTM: (a) => new LSTM(a.inputSize, a.hiddenSize, a),
  GRU: (a) => new GRU(a.inputSize, a.hiddenSize, a),
  RNNCell: (a) => new RNNCell(a.inputSize, a.hiddenSize, a),
  LSTMCell: (a) => new LSTMCell(a.inputSize, a.hiddenSize, a),
  GRUCell: (a) => new GRUCell(a.inputSize, a.hiddenSize, a),
};

function run(kind: string, module: Module, inputs: Tensor[]): Tensor[] {
  const m = module as unknown as { forward: (...args: unknown[]) => unknown };
  const out =
    (kind === 'LSTM' || kind === 'LSTMCell') && inputs.length === 3
      ? m.forward(inputs[0], [inputs[1], inputs[2]])
      : m.forward(...inputs);
  const flat = (o: unknown): Tensor[] => (Array.isArray(o) ? o.flatMap(flat) : [o as Tensor]);
  return flat(out);
}

/** Worst relative error |a - b| / max(|b|, atol / rtol), and whether every element is within tolerance. */
function compare(actual: Tensor, expected: Encoded): { worst: number; ok: boolean; at: string } {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.data;
  let worst = 0;
  let ok = true;
  let at = '';
  const round = expected.dtype === 'float32' ? Math.fround : (x: number) => x;
  expected.data.forEach((raw, i) => {
    const b = round(value(raw));
    const err = Math.abs(a[i] - b);
    if (!(err <= ATOL + RTOL * Math.abs(b))) {
      ok = false;
      at ||= `element ${i}: got ${a[i]}, expected ${b}`;
    }
    worst = Math.max(worst, err / Math.max(Math.abs(b), ATOL / RTOL));
  });
  return { worst, ok, at };
}

const summary = new Map<string, { forward: number; gradient: number }>();

function record(kind: string, forward: number, gradient: number): void {
  const s = summary.get(kind) ?? { forward: 0, gradient: 0 };
  summary.set(kind, { forward: Math.max(s.forward, forward), gradient: Math.max(s.gradient, gradient) });
}

afterAll(() => {
  const rows = [...summary].map(
    ([kind, s]) =>
      `  ${kind.padEnd(10)} forward ${s.forward.toExponential(1)}  gradient ${s.gradient.toExponential(1)}`,
  );
  console.log(`worst relative error vs PyTorch (rtol ${RTOL}, atol ${ATOL}):\n${rows.join('\n')}`);
});

for (const group of ['layers', 'recurrent', 'cells']) {
  describe(`parity: ${group}`, () => {
    for (const c of fixtures(group)) {
      it(c.id, () => {
        const module = BUILD[c.module](c.args);
        const state = Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)]));
        module.loadStateDict(state); // strict: PyTorch's key names are ours
        module.eval();
        const inputs = c.inputs.map((e) => decode(e, e.dtype === 'float32'));
        const outputs = run(c.module, module, inputs);
        expect(outputs.length).toBe(c.outputs.length);
        let fwd = 0;
        outputs.forEach((o, i) => {
          const r = compare(o, c.outputs[i]);
          fwd = Math.max(fwd, r.worst);
          expect(r.ok, `output ${i}: ${r.at}`).toBe(true);
        });
        let loss = outputs[0].mul(decode(c.upstream[0])).sum();
        for (let i = 1; i < outputs.length; i++) loss = loss.add(outputs[i].mul(decode(c.upstream[i])).sum());
        loss.backward();
        let grad = 0;
        c.inputGrads.forEach((g, i) => {
          if (!g) return;
          const r = compare(inputs[i].grad!, g);
          grad = Math.max(grad, r.worst);
          expect(r.ok, `grad of input '${c.inputs[i].name}': ${r.at}`).toBe(true);
        });
        const params = new Map(module.namedParameters());
        expect([...params.keys()].sort()).toEqual(Object.keys(c.paramGrads).sort());
        for (const [name, g] of Object.entries(c.paramGrads)) {
          const r = compare(params.get(name)!.grad!, g);
          grad = Math.max(grad, r.worst);
          expect(r.ok, `grad of '${name}': ${r.at}`).toBe(true);
        }
        record(c.module, fwd, grad);
      });
    }
  });
}

interface InitCase {
  id: string;
  shape: number[];
  args: Args;
  torch: { mean: number; std: number; min: number; max: number };
  bound: number | null;
  std: number | null;
}

// Our generator is not torch's, so init functions are compared by their sample moments and bounds.
const INIT: Record<string, (c: InitCase, generator: Generator) => Tensor> = {
  uniform: (c, g) => init.uniform(zeros(c.shape), c.args.low, c.args.high, { generator: g }),
  normal: (c, g) => init.normal(zeros(c.shape), c.args.mean, c.args.std, { generator: g }),
  xavierUniform: (c, g) => init.xavierUniform(zeros(c.shape), c.args.gain, { generator: g }),
  xavierNormal: (c, g) => init.xavierNormal(zeros(c.shape), c.args.gain, { generator: g }),
  kaimingUniform: (c, g) => init.kaimingUniform(zeros(c.shape), { ...c.args, generator: g }),
  kaimingUniform_fanOut: (c, g) => init.kaimingUniform(zeros(c.shape), { ...c.args, generator: g }),
  kaimingNormal: (c, g) => init.kaimingNormal(zeros(c.shape), { ...c.args, generator: g }),
  kaimingNormal_tanh_fanOut: (c, g) => init.kaimingNormal(zeros(c.shape), { ...c.args, generator: g }),
  'Linear.weight': (c, g) => new Linear(c.shape[1], c.shape[0], { generator: g }).weight,
  'LSTM.weight_hh_l0': (_c, g) => new LSTM(64, 96, { generator: g }).weight_hh_l0,
  'Embedding.weight': (c, g) => new Embedding(c.shape[0], c.shape[1], { generator: g }).weight,
};

describe('parity: init statistics', () => {
  const file = JSON.parse(readFileSync(new URL('../parity/fixtures/init.json', import.meta.url), 'utf8'));
  for (const c of file.cases as InitCase[]) {
    it(c.id, () => {
      const t = INIT[c.id](c, new Generator(7));
      expect(t.shape).toEqual(c.shape);
      const data = t.data;
      const n = data.length;
      let sum = 0;
      let sq = 0;
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const v of data) {
        sum += v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const mean = sum / n;
      for (const v of data) sq += (v - mean) ** 2;
      const std = Math.sqrt(sq / (n - 1));
      const sigma = c.std ?? (c.bound !== null ? c.bound / Math.sqrt(3) : c.torch.std);
      // Two independent sample means differ by sigma * sqrt(2 / n) on average; allow 5 of those.
      expect(Math.abs(mean - c.torch.mean)).toBeLessThan(5 * sigma * Math.sqrt(2 / n));
      expect(Math.abs(std / c.torch.std - 1)).toBeLessThan(0.015);
      expect(Math.abs(std / sigma - 1)).toBeLessThan(0.015);
      if (c.bound !== null) {
        expect(lo).toBeGreaterThanOrEqual(-c.bound * (1 + 1e-6));
        expect(hi).toBeLessThanOrEqual(c.bound * (1 + 1e-6));
        expect(Math.min(-lo, hi)).toBeGreaterThan(c.bound * 0.99); // the whole range is used
        expect(Math.max(-c.torch.min, c.torch.max)).toBeLessThanOrEqual(c.bound * (1 + 1e-6));
      }
    });
  }

  it('calculateGain matches torch.nn.init.calculate_gain', () => {
    const gains = file.gains as Record<string, number>;
    for (const nl of ['linear', 'sigmoid', 'tanh', 'relu', 'selu'] as const) {
      expect(init.calculateGain(nl)).toBeCloseTo(gains[nl], 12);
    }
    expect(init.calculateGain('leakyRelu', 0.2)).toBeCloseTo(gains['leakyRelu_0.2'], 12);
  });
});
