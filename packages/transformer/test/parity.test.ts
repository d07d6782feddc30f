// PyTorch parity: every case in parity/fixtures (made by parity/generate.py with torch 1.13) is replayed
// here in float32, forward and gradients, against references computed in float64 from the same float32
// inputs. Weights come from safetensors files written by the generator, loaded with @llm/nn.
// Error = max |ours - torch| / max |torch| per tensor; PARITY_REPORT=1 prints every measurement.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSafetensors, type Module } from '@llm/nn';
import { type DType, gather, logSoftmax, type Tensor, tensor } from '@llm/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BERT,
  type BERTConfig,
  GPT,
  type GPTConfig,
  MultiHeadAttention,
  scaledDotProductAttention,
  TransformerBlock,
} from '../src/index';

interface Encoded {
  shape: number[];
  dtype: DType;
  data: (number | boolean)[];
}
type Grads = Record<string, Encoded>;
interface SdpaCase {
  id: string;
  q: Encoded;
  k: Encoded;
  v: Encoded;
  options: { causal?: boolean; scale?: number; mask?: Encoded };
  output: Encoded;
  weights: Encoded;
  gradOutput: Encoded;
  grads: Grads;
}
interface ModuleCase {
  id: string;
  config: Record<string, number | string>;
  weightsFile: string;
  x: Encoded;
  keyPaddingMask?: Encoded;
  output: Encoded;
  gradOutput: Encoded;
  inputGrad: Encoded;
  grads: Grads;
}
interface GPTCase {
  id: string;
  config: GPTConfig;
  weightsFile: string;
  ids: Encoded;
  targets: Encoded;
  logits: Encoded;
  loss: number;
  grads: Grads;
}
interface DecoderBlockCase extends ModuleCase {
  config: { dModel: number; numHeads: number; dHidden: number };
  memory: Encoded;
  memoryPaddingMask: Encoded;
  memoryGrad: Encoded;
}
interface BERTCase {
  id: string;
  config: BERTConfig;
  weightsFile: string;
  ids: Encoded;
  tokenTypeIds: Encoded;
  paddingMask: Encoded;
  labels: Encoded;
  logits: Encoded;
  pooled: Encoded;
  mlmLoss: number;
  pooledGrad: Encoded;
  grads: Grads;
}
interface Fixtures {
  sdpa: SdpaCase[];
  mha: ModuleCase;
  block: ModuleCase;
  gpt: GPTCase[];
  decoderBlock: DecoderBlockCase;
  bert: BERTCase;
}

const FORWARD_TOL = 1e-5;
const GRAD_TOL = 1e-4;
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'parity', 'fixtures');
const fixtures = JSON.parse(readFileSync(join(dir, 'parity.json'), 'utf8')) as Fixtures;
const report: string[] = [];

function decode(e: Encoded, requiresGrad = false): Tensor {
  const t = tensor(e.data as number[], { dtype: e.dtype === 'float64' ? 'float32' : e.dtype }).reshape(
    e.shape,
  );
  return requiresGrad ? t.requiresGrad_() : t;
}

function loadWeights(module: Module, file: string): void {
  const bytes = readFileSync(join(dir, file));
  const { tensors } = loadSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  module.loadStateDict(tensors);
}

/** max |a - b| / max(max |b|, floor), after checking the shapes agree. */
function relError(label: string, ours: Tensor | null, ref: Encoded, floor = 0): number {
  expect(ours, `${label}: missing`).not.toBeNull();
  expect([...ours!.shape], `${label}: shape`).toEqual(ref.shape);
  const a = ours!.data;
  const b = ref.data as number[];
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / (Math.max(scale, floor) || 1);
}

function check(caseId: string, label: string, ours: Tensor | null, ref: Encoded, tol: number): void {
  const err = relError(`${caseId} ${label}`, ours, ref);
  report.push(`${caseId} | ${label} | ${err.toExponential(2)}`);
  expect(err, `${caseId}: ${label}`).toBeLessThan(tol);
}

/**
 * Compares every parameter's gradient. Without rotary positions the key-projection bias gets a zero
 * gradient (softmax ignores a per-query constant, and q . b_k is one), which float32 and float64 round
 * to different tiny values, so each tensor's error is measured against at least 1e-3 of the largest
 * gradient in the model rather than against its own (near-zero) size.
 */
function checkParamGrads(caseId: string, module: Module, grads: Grads): void {
  const named = module.namedParameters();
  expect(named.map(([n]) => n).sort()).toEqual(Object.keys(grads).sort());
  const floor = 1e-3 * Math.max(...Object.values(grads).flatMap((g) => (g.data as number[]).map(Math.abs)));
  let worst = 0;
  let worstName = '';
  for (const [name, p] of named) {
    const err = relError(`${caseId} grad ${name}`, p.grad, grads[name], floor);
    if (Math.max(...(grads[name].data as number[]).map(Math.abs)) < 1e-12) {
      const ours = Math.max(...Array.from(p.grad!.data, Math.abs));
      report.push(`${caseId} | grad ${name} (0 in exact arithmetic) | max |ours| ${ours.toExponential(2)}`);
    } else if (err >= worst) [worst, worstName] = [err, name];
    expect(err, `${caseId}: grad of ${name}`).toBeLessThan(GRAD_TOL);
  }
  report.push(
    `${caseId} | worst parameter grad (${worstName}, of ${named.length}) | ${worst.toExponential(2)}`,
  );
}

afterAll(() => {
  if (process.env.PARITY_REPORT) console.log(`case | tensor | max|err|/max|ref|\n${report.join('\n')}`);
});

describe('PyTorch parity: scaledDotProductAttention', () => {
  for (const c of fixtures.sdpa) {
    it(c.id, () => {
      const [q, k, v] = [decode(c.q, true), decode(c.k, true), decode(c.v, true)];
      const { causal, scale, mask } = c.options;
      const { output, weights } = scaledDotProductAttention(q, k, v, {
        causal,
        scale,
        mask: mask ? decode(mask) : null,
      });
      check(c.id, 'output', output, c.output, FORWARD_TOL);
      check(c.id, 'weights', weights, c.weights, FORWARD_TOL);
      output.mul(decode(c.gradOutput)).sum().backward();
      check(c.id, 'grad q', q.grad, c.grads.q, GRAD_TOL);
      check(c.id, 'grad k', k.grad, c.grads.k, GRAD_TOL);
      check(c.id, 'grad v', v.grad, c.grads.v, GRAD_TOL);
    });
  }
});

describe('PyTorch parity: modules', () => {
  it(fixtures.mha.id, () => {
    const c = fixtures.mha;
    const mha = new MultiHeadAttention(c.config.dModel as number, c.config.numHeads as number);
    loadWeights(mha, c.weightsFile);
    const x = decode(c.x, true);
    const out = mha.forward(x, { keyPaddingMask: decode(c.keyPaddingMask!) });
    check('MHA', 'output', out, c.output, FORWARD_TOL);
    out.mul(decode(c.gradOutput)).sum().backward();
    check('MHA', 'grad input', x.grad, c.inputGrad, GRAD_TOL);
    checkParamGrads('MHA', mha, c.grads);
  });

  it(fixtures.block.id, () => {
    const c = fixtures.block;
    const block = new TransformerBlock({
      dModel: c.config.dModel as number,
      numHeads: c.config.numHeads as number,
      activation: 'geluTanh',
    });
    loadWeights(block, c.weightsFile);
    const x = decode(c.x, true);
    const out = block.forward(x, { causal: true });
    check('block', 'output', out, c.output, FORWARD_TOL);
    out.mul(decode(c.gradOutput)).sum().backward();
    check('block', 'grad input', x.grad, c.inputGrad, GRAD_TOL);
    checkParamGrads('block', block, c.grads);
  });

  for (const c of fixtures.gpt) {
    it(c.id, () => {
      const model = new GPT(c.config);
      loadWeights(model, c.weightsFile);
      const id = `GPT ${c.config.positional}`;
      const logits = model.forward(decode(c.ids));
      check(id, 'logits', logits, c.logits, FORWARD_TOL);
      const loss = gather(logSoftmax(logits, -1), 2, decode(c.targets).unsqueeze(2)).mean().neg();
      const lossErr = Math.abs(loss.item() - c.loss) / Math.abs(c.loss);
      report.push(`${id} | loss | ${lossErr.toExponential(2)}`);
      expect(lossErr).toBeLessThan(FORWARD_TOL);
      loss.backward();
      checkParamGrads(id, model, c.grads);
    });
  }

  it(fixtures.decoderBlock.id, () => {
    const c = fixtures.decoderBlock;
    const block = new TransformerBlock({ ...c.config, activation: 'gelu', crossAttention: true });
    loadWeights(block, c.weightsFile);
    const x = decode(c.x, true);
    const memory = decode(c.memory, true);
    const out = block.forward(x, {
      causal: true,
      context: memory,
      contextPaddingMask: decode(c.memoryPaddingMask),
    });
    check('decoder block', 'output', out, c.output, FORWARD_TOL);
    out.mul(decode(c.gradOutput)).sum().backward();
    check('decoder block', 'grad input', x.grad, c.inputGrad, GRAD_TOL);
    check('decoder block', 'grad memory', memory.grad, c.memoryGrad, GRAD_TOL);
    checkParamGrads('decoder block', block, c.grads);
  });

  it(fixtures.bert.id, () => {
    const c = fixtures.bert;
    const model = new BERT(c.config);
    loadWeights(model, c.weightsFile);
    const options = { paddingMask: decode(c.paddingMask), tokenTypeIds: decode(c.tokenTypeIds) };
    const hidden = model.encode(decode(c.ids), options);
    const logits = model.mlmHead.forward(hidden);
    const pooled = model.pool(hidden);
    check('BERT', 'logits', logits, c.logits, FORWARD_TOL);
    check('BERT', 'pooled', pooled, c.pooled, FORWARD_TOL);
    const labels = decode(c.labels);
    const keep = labels.ne(-100);
    const nll = gather(logSoftmax(logits, -1), 2, labels.maskedFill(keep.logicalNot(), 0).unsqueeze(2))
      .squeeze(2)
      .neg();
    const w = keep.to('float32');
    const mlm = nll.mul(w).sum().div(w.sum());
    const lossErr = Math.abs(mlm.item() - c.mlmLoss) / Math.abs(c.mlmLoss);
    report.push(`BERT | MLM loss | ${lossErr.toExponential(2)}`);
    expect(lossErr).toBeLessThan(FORWARD_TOL);
    mlm.add(pooled.mul(decode(c.pooledGrad)).sum()).backward();
    checkParamGrads('BERT', model, c.grads);
  });
});
