import { describe, expect, it } from 'vitest';
import fx from '../parity/fixtures/sacrebleu.json';
import { expectClose } from '../test/close';
import { type ChrfOptions, chrF } from './chrf';

type PyOpts = {
  beta?: number;
  eps_smoothing?: boolean;
  word_order?: number;
  whitespace?: boolean;
  lowercase?: boolean;
};
const toOpts = (o: PyOpts): ChrfOptions => ({
  ...(o.beta !== undefined ? { beta: o.beta } : {}),
  ...(o.eps_smoothing !== undefined ? { epsSmoothing: o.eps_smoothing } : {}),
  ...(o.word_order !== undefined ? { wordOrder: o.word_order } : {}),
  ...(o.whitespace !== undefined ? { whitespace: o.whitespace } : {}),
  ...(o.lowercase !== undefined ? { lowercase: o.lowercase } : {}),
});

describe('chrF reproduces sacrebleu’s published test values', () => {
  for (const [i, c] of fx.chrfPublished.entries()) {
    it(`published case ${i}`, () => {
      expect(Math.abs(chrF(c.hyps, c.refs, toOpts(c.opts)).score - c.expected)).toBeLessThan(c.eps);
    });
  }
});

describe('chrF / chrF++ match the sacreBLEU reference implementation', () => {
  for (const [i, c] of fx.chrfGenerated.entries()) {
    it(`case ${i} ${JSON.stringify(c.opts)}`, () => {
      expectClose(chrF(c.hyps, c.refs, toOpts(c.opts)).score, c.score, 1e-12, 'chrf');
    });
  }
  it('names the variant and writes a signature', () => {
    const r = chrF(['a b'], ['a b'], { wordOrder: 2 });
    expect(r.name).toBe('chrF2++');
    expect(r.signature).toBe('nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.5.1');
  });
});
