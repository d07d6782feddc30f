import { Generator, noGrad, randint, type Tensor, tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { BERT, type BERTConfig, maskTokens } from './index';

const tiny: BERTConfig = { vocabSize: 13, maxPositions: 10, nLayer: 2, nHead: 2, nEmbd: 16, seed: 2 };

function maxDiff(a: Tensor, b: Tensor): number {
  const x = a.data;
  const y = b.data;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

describe('BERT', () => {
  it('maps ids to (B, T, V) logits, ties the decoder to the embedding and pools the first token', () => {
    const model = new BERT(tiny);
    const ids = randint(0, 13, [2, 6], { generator: new Generator(0) });
    const logits = model.forward(ids);
    expect(logits.shape).toEqual([2, 6, 13]);
    expect(model.mlmHead.decoder.weight).toBe(model.wordEmbeddings.weight);
    const names = model.namedParameters().map(([n]) => n);
    expect(names).toContain('mlmHead.decoder.bias');
    expect(names).not.toContain('mlmHead.decoder.weight');
    expect(names).toContain('tokenTypeEmbeddings.weight');
    // Post-norm blocks: no final norm on the stack.
    expect(model.encoder.lnFinal).toBeNull();
    const hidden = model.encode(ids);
    expect(hidden.shape).toEqual([2, 6, 16]);
    const pooled = model.pool(hidden);
    expect(pooled.shape).toEqual([2, 16]);
    expect(Array.from(pooled.data).every((v) => Math.abs(v) < 1)).toBe(true);
  });

  it('is bidirectional: changing a later token changes earlier outputs', () => {
    const model = new BERT(tiny);
    const a = model.forward(tensor([[1, 2, 3, 4]], { dtype: 'int32' }));
    const b = model.forward(tensor([[1, 2, 3, 9]], { dtype: 'int32' }));
    expect(maxDiff(a.narrow(1, 0, 1), b.narrow(1, 0, 1))).toBeGreaterThan(0);
  });

  it('ignores padded positions and uses token types', () => {
    const model = new BERT(tiny);
    const short = noGrad(() => model.forward(tensor([[1, 5, 7]], { dtype: 'int32' })));
    const padded = noGrad(() =>
      model.forward(tensor([[1, 5, 7, 0, 0]], { dtype: 'int32' }), {
        paddingMask: tensor([[false, false, false, true, true]]),
      }),
    );
    expect(maxDiff(short, padded.narrow(1, 0, 3))).toBeLessThan(1e-5);
    const typed = noGrad(() =>
      model.forward(tensor([[1, 5, 7]], { dtype: 'int32' }), {
        tokenTypeIds: tensor([[0, 1, 1]], { dtype: 'int32' }),
      }),
    );
    expect(maxDiff(short, typed)).toBeGreaterThan(0);
    const untyped = new BERT({ ...tiny, typeVocabSize: 0 });
    expect(untyped.tokenTypeEmbeddings).toBeNull();
    expect(() =>
      untyped.forward(tensor([[1]], { dtype: 'int32' }), { tokenTypeIds: tensor([[0]], { dtype: 'int32' }) }),
    ).toThrow(/typeVocabSize 0/);
  });

  it('keeps attention maps on request', () => {
    const model = new BERT(tiny);
    model.forward(tensor([[1, 2, 3]], { dtype: 'int32' }), { needWeights: true });
    const maps = model.attentionMaps();
    expect(maps).toHaveLength(2);
    expect(maps[0]!.shape).toEqual([1, 2, 3, 3]);
  });

  it('rejects bad configs and inputs with clear errors', () => {
    expect(() => new BERT({ ...tiny, nHead: 3 })).toThrow(/'nHead' \(3\) must divide 'nEmbd' \(16\)/);
    expect(() => new BERT({ ...tiny, dropout: 1 })).toThrow(/'dropout' must be in \[0, 1\)/);
    const model = new BERT(tiny);
    expect(() => model.forward(randint(0, 13, [1, 11]))).toThrow(
      /sequence length 11 exceeds maxPositions=10/,
    );
    expect(() => model.forward(tensor([[1, 2]]))).toThrow(/'ids' must be int32/);
  });
});

describe('maskTokens', () => {
  const CLS = 1;
  const SEP = 2;
  const MASK = 3;
  const V = 1000;

  function batch(b: number, t: number, seed: number): Tensor {
    const g = new Generator(seed);
    const rows = Array.from({ length: b }, () => [
      CLS,
      ...Array.from({ length: t - 2 }, () => g.nextInt(5, V)),
      SEP,
    ]);
    return tensor(rows, { dtype: 'int32' });
  }

  it('follows the 80/10/10 rule on a large batch and never selects special tokens', () => {
    const ids = batch(64, 512, 0);
    const { inputIds, labels } = maskTokens(ids, {
      maskTokenId: MASK,
      vocabSize: V,
      specialTokenIds: [CLS, SEP],
      generator: new Generator(1),
    });
    expect(inputIds.dtype).toBe('int32');
    expect(labels.dtype).toBe('int32');
    expect(labels.shape).toEqual([64, 512]);
    const src = ids.data;
    const inp = inputIds.data;
    const lab = labels.data;
    let candidates = 0;
    let selected = 0;
    let masked = 0;
    let kept = 0;
    let random = 0;
    for (let i = 0; i < src.length; i++) {
      const special = src[i] === CLS || src[i] === SEP;
      if (special) {
        expect(lab[i]).toBe(-100);
        expect(inp[i]).toBe(src[i]);
        continue;
      }
      candidates++;
      if (lab[i] === -100) {
        expect(inp[i]).toBe(src[i]);
        continue;
      }
      expect(lab[i]).toBe(src[i]);
      selected++;
      if (inp[i] === MASK) masked++;
      else if (inp[i] === src[i]) kept++;
      else random++;
    }
    // Binomial proportions, checked to about 5 standard deviations.
    const frac = selected / candidates; // ~0.15, sd ~0.0006
    expect(Math.abs(frac - 0.15)).toBeLessThan(0.004);
    expect(Math.abs(masked / selected - 0.8)).toBeLessThan(0.03); // sd ~0.0057
    // A random replacement equals the original (or [MASK]) with probability ~1/V each.
    expect(Math.abs(kept / selected - 0.1)).toBeLessThan(0.022); // sd ~0.0043
    expect(Math.abs(random / selected - 0.1)).toBeLessThan(0.022);
  });

  it('is deterministic for a generator and honours maskProb', () => {
    const ids = batch(4, 16, 3);
    const opts = { maskTokenId: MASK, vocabSize: V, specialTokenIds: [CLS, SEP] };
    const a = maskTokens(ids, { ...opts, generator: new Generator(9) });
    const b = maskTokens(ids, { ...opts, generator: new Generator(9) });
    expect(a.inputIds.toArray()).toEqual(b.inputIds.toArray());
    expect(a.labels.toArray()).toEqual(b.labels.toArray());
    const none = maskTokens(ids, { ...opts, maskProb: 0, generator: new Generator(9) });
    expect(none.inputIds.toArray()).toEqual(ids.toArray());
    expect(Array.from(none.labels.data).every((v) => v === -100)).toBe(true);
    const all = maskTokens(ids, { ...opts, maskProb: 1, generator: new Generator(9) });
    const lab = all.labels.toArray() as number[][];
    for (const row of lab) {
      expect(row[0]).toBe(-100);
      expect(row[15]).toBe(-100);
      expect(row.slice(1, 15).every((v) => v >= 5)).toBe(true);
    }
  });

  it('validates its options', () => {
    const ids = tensor([[1, 2]], { dtype: 'int32' });
    expect(() => maskTokens(ids, { maskTokenId: 10, vocabSize: 10 })).toThrow(
      /'maskTokenId' must be in \[0, 10\), got 10/,
    );
    expect(() => maskTokens(ids, { maskTokenId: 3, vocabSize: 10, maskProb: 1.5 })).toThrow(
      /'maskProb' must be in \[0, 1\], got 1.5/,
    );
    expect(() => maskTokens(tensor([[1, 2]]), { maskTokenId: 3, vocabSize: 10 })).toThrow(
      /'ids' must be int32/,
    );
  });
});
