import { describe, expect, it } from 'vitest';
import fx from '../parity/fixtures/nltk_bleu.json';
import { expectClose } from '../test/close';
import { type NltkSmoothing, nltkBleu } from './nltk-bleu';

describe('nltkBleu matches nltk corpus_bleu for smoothing 0–7', () => {
  for (const c of fx.cases) {
    const corpus = fx.corpora[c.corpus as keyof typeof fx.corpora];
    it(`${c.corpus} method${c.smoothing} w=${c.weights.length} auto=${c.autoReweigh}`, () => {
      const run = () =>
        nltkBleu(corpus.hyps, corpus.refs, {
          smoothing: c.smoothing as NltkSmoothing,
          weights: c.weights,
          autoReweigh: c.autoReweigh,
        });
      if (typeof c.score === 'object') expect(run).toThrow();
      else expectClose(run(), c.score, 1e-12, 'nltk');
    });
  }
  it('accepts whitespace-separated strings as token lists', () => {
    expect(nltkBleu(['the cat sat on the mat'], [['the cat sat on the mat']])).toBe(1);
  });
  it('checks lengths', () => {
    expect(() => nltkBleu([['a']], [])).toThrow(
      "nltkBleu: 'references' must have length 1 to match 'hypotheses', got 0.",
    );
  });
});
