import { cat, Generator, gather, logSoftmax, noGrad, randint, type Tensor, tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { shiftRight, T5, type T5Config } from './index';

const tiny: T5Config = { vocabSize: 12, maxLen: 10, dModel: 16, numHeads: 2, numEncoderLayers: 2, seed: 1 };

function maxDiff(a: Tensor, b: Tensor): number {
  const x = a.data;
  const y = b.data;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

/** Mean cross-entropy over labels that are not -100: logSoftmax + gather, masked. */
function seq2seqLoss(logits: Tensor, labels: Tensor): Tensor {
  const keep = labels.ne(-100); // (B, T)
  const safe = labels.maskedFill(keep.logicalNot(), 0).unsqueeze(2); // (B, T, 1)
  const nll = gather(logSoftmax(logits, -1), 2, safe).squeeze(2).neg(); // (B, T)
  const w = keep.to('float32');
  return nll.mul(w).sum().div(w.sum());
}

describe('shiftRight', () => {
  it('prepends the start token and replaces -100 by the pad id', () => {
    const labels = tensor(
      [
        [5, 6, 7, 1],
        [8, 1, -100, -100],
      ],
      { dtype: 'int32' },
    );
    expect(shiftRight(labels, 0, 0).toArray()).toEqual([
      [0, 5, 6, 7],
      [0, 8, 1, 0],
    ]);
    expect(shiftRight(labels, 2, 9).toArray()).toEqual([
      [2, 5, 6, 7],
      [2, 8, 1, 9],
    ]);
    expect(() => shiftRight(tensor([1, 2], { dtype: 'int32' }), 0, 0)).toThrow(
      /'labels' must be int32 \(B, T\)/,
    );
  });
});

describe('T5', () => {
  it('maps (B, S) inputs and (B, T) decoder inputs to (B, T, V) logits with shared embeddings', () => {
    const model = new T5(tiny);
    const g = new Generator(0);
    const logits = model.forward(
      randint(0, 12, [2, 7], { generator: g }),
      randint(0, 12, [2, 4], { generator: g }),
    );
    expect(logits.shape).toEqual([2, 4, 12]);
    expect(model.lmHead.weight).toBe(model.shared.weight);
    const names = model.namedParameters().map(([n]) => n);
    expect(names).toContain('decoder.layers.0.crossAttn.qProj.weight');
    expect(names).toContain('decoder.lnFinal.weight');
    expect(names.some((n) => n.endsWith('.bias'))).toBe(false);
  });

  it('decodes causally and ignores padded encoder positions', () => {
    const model = new T5(tiny);
    const src = tensor([[3, 4, 5]], { dtype: 'int32' });
    const a = noGrad(() => model.forward(src, tensor([[0, 6, 7]], { dtype: 'int32' })));
    const b = noGrad(() => model.forward(src, tensor([[0, 6, 9]], { dtype: 'int32' })));
    expect(maxDiff(a.narrow(1, 0, 2), b.narrow(1, 0, 2))).toBe(0);
    const padded = noGrad(() =>
      model.forward(tensor([[3, 4, 5, 0, 0]], { dtype: 'int32' }), tensor([[0, 6, 7]], { dtype: 'int32' }), {
        inputPaddingMask: tensor([[false, false, false, true, true]]),
      }),
    );
    expect(maxDiff(a, padded)).toBeLessThan(1e-5);
  });

  it('gives the same logits with and without the decoder KV cache', () => {
    const model = new T5(tiny);
    const g = new Generator(4);
    const src = randint(0, 12, [2, 6], { generator: g });
    const dec = randint(0, 12, [2, 7], { generator: g });
    noGrad(() => {
      const memory = model.encode(src);
      const full = model.decode(dec, memory);
      const cache = model.createCache();
      const steps = [model.decode(dec.narrow(1, 0, 3), memory, { kvCache: cache })];
      for (let t = 3; t < 7; t++) steps.push(model.decode(dec.narrow(1, t, 1), memory, { kvCache: cache }));
      expect(cache.length).toBe(7);
      expect(maxDiff(full, cat(steps, 1))).toBeLessThan(1e-5);
    });
    const opts = { maxNewTokens: 8, temperature: 0.9, topK: 4 };
    const a = model.generate(src, { ...opts, generator: new Generator(3) });
    const b = model.generate(src, { ...opts, generator: new Generator(3), useCache: false });
    expect(a.toArray()).toEqual(b.toArray());
    expect(a.shape).toEqual([2, 9]);
    expect((a.toArray() as number[][]).every((r) => r[0] === 0)).toBe(true);
  });

  it('stops rows at the end-of-sequence token and pads them', () => {
    const model = new T5({ ...tiny, eosTokenId: 1 });
    const src = tensor([[3, 4, 5]], { dtype: 'int32' });
    const free = model.generate(src, { maxNewTokens: 5, temperature: 0, stopTokens: [] });
    const first = (free.toArray() as number[][])[0][1];
    const stopped = model.generate(src, { maxNewTokens: 5, temperature: 0, stopTokens: [first] });
    expect(stopped.toArray()).toEqual([[0, first]]);
    expect(() => model.generate(src, { maxNewTokens: 10 })).toThrow(/exceeds the decoder length maxLen=10/);
  });

  it('learns to reverse short sequences (teacher forcing, inline Adam) and generates them greedily', () => {
    // Tokens: 0 = pad / decoder start, 1 = end of sequence, 2..7 = content.
    const g = new Generator(11);
    const sources = Array.from({ length: 12 }, () => Array.from({ length: 4 }, () => g.nextInt(2, 8)));
    const inputIds = tensor(sources, { dtype: 'int32' });
    const labels = tensor(
      sources.map((s) => [...s].reverse().concat(1)),
      { dtype: 'int32' },
    );
    const model = new T5({
      vocabSize: 8,
      maxLen: 6,
      dModel: 32,
      numHeads: 2,
      numEncoderLayers: 1,
      dHidden: 64,
      eosTokenId: 1,
      seed: 5,
    });
    const decoderInputIds = shiftRight(labels, 0, 0);
    const loss = () => seq2seqLoss(model.forward(inputIds, decoderInputIds), labels);
    const params = model.parameters();
    const m = params.map((p) => p.mul(0));
    const v = params.map((p) => p.mul(0));
    const first = loss().item();
    for (let step = 1; step <= 150; step++) {
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
    const last = loss().item();
    expect(first).toBeGreaterThan(1.5);
    expect(last).toBeLessThan(0.05);
    const out = model.generate(inputIds, { maxNewTokens: 5, temperature: 0 });
    expect((out.toArray() as number[][]).map((r) => r.slice(1))).toEqual(labels.toArray());
  });
});
