import { describe, expect, it } from 'vitest';
import porter from '../parity/fixtures/porter.json';
import fx from '../parity/fixtures/rouge.json';
import { expectClose } from '../test/close';
import { porterStem } from './internal/porter-stemmer';
import { unicodeTokenize } from './internal/rouge-tokenize';
import { type RougeType, rouge } from './rouge';

describe('Porter stemmer matches nltk word by word', () => {
  it(`${porter.pairs.length} words`, () => {
    for (const [w, s] of porter.pairs) expect(porterStem(w!), w).toBe(s);
  });
});

describe('rouge matches rouge-score', () => {
  const types = fx.types as RougeType[];
  for (const c of fx.cases) {
    it(`per-sample scores, multi-reference max, stemmer=${c.useStemmer}`, () => {
      const r = rouge(fx.predictions, fx.references, { rougeTypes: types, useStemmer: c.useStemmer });
      expectClose(r.scores, c.scores, 1e-12, 'rouge');
    });
    it(`bootstrap low/mid/high with a seed, stemmer=${c.useStemmer}`, () => {
      const r = rouge(fx.predictions, fx.references, {
        rougeTypes: types,
        useStemmer: c.useStemmer,
        bootstrap: { nSamples: 200, seed: 7 },
      });
      expectClose(r.bootstrap, c.bootstrap, 1e-12, 'rouge');
      const again = rouge(fx.predictions, fx.references, {
        rougeTypes: types,
        useStemmer: c.useStemmer,
        bootstrap: { nSamples: 200, seed: 7 },
      });
      expect(again.bootstrap).toEqual(r.bootstrap);
    });
  }
  it('reproduces the README example', () => {
    const r = rouge(
      ['The quick brown dog jumps on the log.'],
      ['The quick brown fox jumps over the lazy dog'],
      {
        rougeTypes: ['rouge1', 'rougeL'],
        useStemmer: true,
      },
    );
    expect(Object.values(r.scores[0]!.rouge1!)).toEqual(fx.readme.rouge1);
    expect(Object.values(r.scores[0]!.rougeL!)).toEqual(fx.readme.rougeL);
    expect(r.signature).toBe('nrefs:1|tok:default|stem:yes|version:0.1.2');
  });
});

describe('rouge on non-English text', () => {
  const th = ['แมวนั่งบนเสื่อ'];
  const thRef = ['แมวนั่งอยู่บนเสื่อ'];
  it('warns that the default tokenizer drops Thai and scores 0', () => {
    const r = rouge(th, thRef);
    expect(r.scores[0]!.rouge1!.fmeasure).toBe(0);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/dropped most letters and digits \(non-ASCII\) of 2 of 2 texts/);
  });
  it('the unicode tokenizer keeps Thai and Chinese characters', () => {
    const r = rouge(th, thRef, { tokenizer: 'unicode' });
    expect(r.warnings).toEqual([]);
    expect(r.scores[0]!.rouge1!.fmeasure).toBeGreaterThan(0.8);
    expect(r.signature).toBe('nrefs:1|tok:unicode|stem:no|version:0.1.2');
    expect(unicodeTokenize('我爱北京 Café-owners run', true)).toEqual([
      '我',
      '爱',
      '北',
      '京',
      'café',
      'owner',
      'run',
    ]);
    expect(unicodeTokenize('แมว', false)).toEqual(['แ', 'ม', 'ว']);
  });
  it('names bad options', () => {
    expect(() => rouge(['a'], ['a'], { rougeTypes: ['rouge0' as RougeType] })).toThrow(
      "rouge: 'rougeTypes' must hold 'rouge1'…'rouge9', 'rougeL' or 'rougeLsum', got 'rouge0'.",
    );
    expect(() => rouge(['a', 'b'], ['a'])).toThrow(
      "rouge: 'references' must have length 2 to match 'predictions', got 1.",
    );
  });
});
