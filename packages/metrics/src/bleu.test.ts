import { describe, expect, it } from 'vitest';
import fx from '../parity/fixtures/sacrebleu.json';
import { expectClose } from '../test/close';
import { type BleuOptions, bleu, sentenceBleu } from './bleu';
import { ShapeError, ValueError } from './errors';

type PyOpts = {
  tokenize?: string;
  smooth_method?: string;
  smooth_value?: number;
  lowercase?: boolean;
  max_order?: number;
};
const toOpts = (o: PyOpts): BleuOptions => ({
  ...(o.tokenize ? { tokenize: o.tokenize as BleuOptions['tokenize'] } : {}),
  ...(o.smooth_method ? { smoothMethod: o.smooth_method as BleuOptions['smoothMethod'] } : {}),
  ...(o.smooth_value !== undefined ? { smoothValue: o.smooth_value } : {}),
  ...(o.lowercase !== undefined ? { lowercase: o.lowercase } : {}),
  ...(o.max_order !== undefined ? { maxNgramOrder: o.max_order } : {}),
});

describe('bleu reproduces the values published in sacrebleu’s test suite', () => {
  for (const [i, c] of fx.published.entries()) {
    it(`published case ${i} ${JSON.stringify(c.opts)}`, () => {
      const got = c.sentence
        ? sentenceBleu(c.hyps[0]!, c.refs[0]!, toOpts(c.opts as PyOpts))
        : bleu(c.hyps, c.refs, toOpts(c.opts as PyOpts));
      expect(Math.abs(got.score - c.expected)).toBeLessThan(c.eps);
    });
  }
});

describe('bleu matches the sacreBLEU reference implementation field by field', () => {
  for (const [i, c] of fx.generated.entries()) {
    it(`case ${i} ${c.sentence ? 'sentence' : 'corpus'} ${JSON.stringify(c.opts)}`, () => {
      const got = c.sentence
        ? sentenceBleu(c.hyps[0]!, c.refs[0]!, toOpts(c.opts as PyOpts))
        : bleu(c.hyps, c.refs, toOpts(c.opts as PyOpts));
      expectClose(got, c.result, 1e-12, 'bleu');
    });
  }
});

describe('bleu signature and errors', () => {
  it('writes a sacreBLEU-style signature', () => {
    expect(bleu(['a b c'], [['a b c', 'a b d']]).signature).toBe(
      'nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.5.1',
    );
    expect(bleu(['a', 'b'], [['a'], ['b', 'c']], { smoothMethod: 'floor', lowercase: true }).signature).toBe(
      'nrefs:var|case:lc|eff:no|tok:13a|smooth:floor[0.10]|version:2.5.1',
    );
    expect(sentenceBleu('a', 'a', { smoothMethod: 'add-k', tokenize: 'intl' }).signature).toBe(
      'nrefs:1|case:mixed|eff:yes|tok:intl|smooth:add-k[1.00]|version:2.5.1',
    );
  });
  it('names function, argument, expectation and value', () => {
    expect(() => bleu(['a', 'b'], ['a'])).toThrow(
      new ShapeError("bleu: 'references' must have length 2 to match 'hypotheses', got 1."),
    );
    expect(() => bleu(['a'], [['']])).toThrow(ValueError);
    expect(() => bleu(['a'], ['a'], { tokenize: 'zh' as '13a' })).toThrow(
      "bleu: 'tokenize' must be one of '13a', 'intl', 'char', 'none', got 'zh'.",
    );
  });
});
