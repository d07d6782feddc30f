import {
  cat,
  Generator,
  gather,
  logSoftmax,
  manualSeed,
  noGrad,
  randint,
  type Tensor,
  tensor,
} from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { GPT, type GPTConfig, sampleToken, TransformerDecoder, TransformerEncoder } from './index';

const tiny: GPTConfig = { vocabSize: 11, blockSize: 12, nLayer: 2, nHead: 2, nEmbd: 16, seed: 1 };

function maxDiff(a: Tensor, b: Tensor): number {
  const x = a.data;
  const y = b.data;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

describe('GPT', () => {
  it('maps (B, T) ids to (B, T, V) logits and ties the head to the embedding', () => {
    const model = new GPT(tiny);
    const logits = model.forward(randint(0, 11, [2, 5], { generator: new Generator(0) }));
    expect(logits.shape).toEqual([2, 5, 11]);
    expect(model.lmHead.weight).toBe(model.wte.weight);
    expect(model.namedParameters().some(([n]) => n === 'lmHead.weight')).toBe(false);
    expect(Object.keys(model.stateDict())).toContain('lmHead.weight');
  });

  it('is causal: changing a later token leaves earlier logits unchanged', () => {
    const model = new GPT(tiny);
    const a = model.forward(tensor([[1, 2, 3, 4]], { dtype: 'int32' }));
    const b = model.forward(tensor([[1, 2, 3, 9]], { dtype: 'int32' }));
    expect(maxDiff(a.narrow(1, 0, 3), b.narrow(1, 0, 3))).toBe(0);
    expect(maxDiff(a.narrow(1, 3, 1), b.narrow(1, 3, 1))).toBeGreaterThan(0);
  });

  for (const positional of ['learned', 'rope'] as const) {
    it(`gives the same logits with and without the KV cache (${positional} positions)`, () => {
      const model = new GPT({ ...tiny, positional });
      const ids = randint(0, 11, [2, 9], { generator: new Generator(4) });
      const full = noGrad(() => model.forward(ids));
      const cache = model.createCache();
      const steps: Tensor[] = [];
      noGrad(() => {
        steps.push(model.forward(ids.narrow(1, 0, 4), { kvCache: cache }));
        for (let t = 4; t < 9; t++) steps.push(model.forward(ids.narrow(1, t, 1), { kvCache: cache }));
      });
      const joined = cat(steps, 1);
      expect(maxDiff(full, joined)).toBeLessThan(1e-5);
    });
  }

  it('generates the same tokens with and without the cache, reproducibly for a seed', () => {
    const model = new GPT(tiny);
    const prompt = tensor([[1, 2, 3]], { dtype: 'int32' });
    const opts = { maxNewTokens: 15, temperature: 0.8, topK: 5 };
    const a = model.generate(prompt, { ...opts, generator: new Generator(7) });
    const b = model.generate(prompt, { ...opts, generator: new Generator(7), useCache: false });
    expect(a.toArray()).toEqual(b.toArray());
    expect(a.shape).toEqual([1, 18]);
    const greedy = model.generate(prompt, { maxNewTokens: 5, temperature: 0 });
    expect(model.generate(prompt, { maxNewTokens: 5, topK: 1 }).toArray()).toEqual(greedy.toArray());
  });

  it('stops at a stop token', () => {
    const model = new GPT(tiny);
    const greedy = model.generate(tensor([[1]], { dtype: 'int32' }), { maxNewTokens: 6, temperature: 0 });
    const first = (greedy.toArray() as number[][])[0][1];
    const stopped = model.generate(tensor([[1]], { dtype: 'int32' }), {
      maxNewTokens: 6,
      temperature: 0,
      stopTokens: [first],
    });
    expect(stopped.toArray()).toEqual([[1, first]]);
  });

  it('learns: a few Adam steps on a short text lower the loss a lot', () => {
    manualSeed(0);
    const model = new GPT({ vocabSize: 5, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 16, seed: 3 });
    const seq = [0, 1, 2, 3, 4, 0, 1, 2, 3];
    const x = tensor([seq.slice(0, 8)], { dtype: 'int32' });
    const y = tensor([seq.slice(1, 9)], { dtype: 'int32' });
    const loss = () =>
      gather(logSoftmax(model.forward(x), -1), 2, y.unsqueeze(2))
        .mean()
        .neg();
    const params = model.parameters();
    const m = params.map((p) => p.mul(0));
    const v = params.map((p) => p.mul(0));
    const first = loss().item();
    for (let step = 1; step <= 60; step++) {
      model.zeroGrad();
      loss().backward();
      noGrad(() =>
        params.forEach((p, i) => {
          m[i] = m[i].mul(0.9).add(p.grad!.mul(0.1));
          v[i] = v[i].mul(0.999).add(p.grad!.square().mul(0.001));
          const mh = m[i].div(1 - 0.9 ** step);
          const vh = v[i].div(1 - 0.999 ** step);
          p.assign(p.sub(mh.div(vh.sqrt().add(1e-8)).mul(0.01)));
        }),
      );
    }
    expect(loss().item()).toBeLessThan(first * 0.1);
  });

  it('rejects bad configs and inputs with clear errors', () => {
    expect(() => new GPT({ ...tiny, nHead: 3 })).toThrow(/'nHead' \(3\) must divide 'nEmbd' \(16\)/);
    expect(() => new GPT({ ...tiny, blockSize: 0 })).toThrow(/'blockSize' must be a positive integer, got 0/);
    const model = new GPT(tiny);
    expect(() => model.forward(randint(0, 11, [1, 13]))).toThrow(
      /sequence length 13 exceeds the context length blockSize=12/,
    );
    expect(() => model.forward(tensor([[1, 99]], { dtype: 'int32' }))).toThrow(
      /id 99 is out of range for 11 embeddings/,
    );
    expect(() => model.forward(tensor([[1, 2]]))).toThrow(/'ids' must be int32/);
    expect(() => model.generate(tensor([[1]], { dtype: 'int32' }), { maxNewTokens: 2, topP: 0 })).toThrow(
      /'topP' must be in \(0, 1\]/,
    );
  });
});

describe('sampleToken', () => {
  it('greedy picks the argmax; topK and topP restrict the candidates', () => {
    const logits = [1, 3, 2, 0];
    expect(sampleToken(logits, [], { temperature: 0 })).toBe(1);
    const g = new Generator(0);
    for (let i = 0; i < 50; i++) expect([1, 2]).toContain(sampleToken(logits, [], { topK: 2, generator: g }));
    // softmax([3, 2, 1, 0]) = [0.644, 0.237, 0.087, 0.032]: topP 0.8 keeps the first two.
    for (let i = 0; i < 50; i++)
      expect([1, 2]).toContain(sampleToken(logits, [], { topP: 0.8, generator: g }));
  });

  it('applies the CTRL repetition penalty', () => {
    expect(sampleToken([2, 1.5], [0], { temperature: 0, repetitionPenalty: 2 })).toBe(1);
    expect(sampleToken([-1, -1.5], [0], { temperature: 0, repetitionPenalty: 2 })).toBe(1);
  });
});

describe('encoder-decoder stacks', () => {
  it('ignores padded keys in the encoder and attends across in the decoder', () => {
    const g = new Generator(5);
    const enc = new TransformerEncoder(2, { dModel: 8, numHeads: 2, generator: g });
    const dec = new TransformerDecoder(2, { dModel: 8, numHeads: 2, generator: g });
    const x = tensor(
      new Float32Array(3 * 8).map((_, i) => Math.sin(i)),
      { shape: [1, 3, 8] },
    );
    const padded = tensor(
      new Float32Array(5 * 8).map((_, i) => (i < 24 ? Math.sin(i) : 100)),
      { shape: [1, 5, 8] },
    );
    const mask = tensor([[false, false, false, true, true]]);
    const a = enc.forward(x);
    const b = enc.forward(padded, { paddingMask: mask }).narrow(1, 0, 3);
    expect(maxDiff(a, b)).toBeLessThan(1e-5);
    const out = dec.decode(tensor(new Float32Array(2 * 8).fill(0.5), { shape: [1, 2, 8] }), a);
    expect(out.shape).toEqual([1, 2, 8]);
  });
});
