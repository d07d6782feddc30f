import { describe, expect, it } from 'vitest';
import fx from '../parity/fixtures/text.json';
import { expectClose } from '../test/close';
import {
  bitsPerByte,
  bitsPerCharacter,
  logProbsFromLogits,
  perplexity,
  perplexityFromNll,
} from './perplexity';

const p = fx.perplexity;

describe('perplexity matches NumPy', () => {
  it('from logits and targets (nested and flat layouts)', () => {
    const nested = logProbsFromLogits(p.logits, p.targets);
    expectClose(nested.logProbs, p.logProbs, 1e-12, 'perplexity');
    const flat = logProbsFromLogits({ data: p.logits.flat(), vocabSize: p.logits[0]!.length }, p.targets);
    expect(flat.logProbs).toEqual(nested.logProbs);
    const r = perplexity(nested.logProbs);
    expectClose(r.perplexity, p.perplexity, 1e-12, 'perplexity');
    expectClose(r.meanNll, p.meanNll, 1e-12, 'perplexity');
    expectClose(perplexityFromNll(p.meanNll), p.perplexity, 1e-12, 'perplexity');
  });
  it('masks ignored targets', () => {
    const targets = [...p.targets];
    targets[0] = -100;
    const { logProbs, mask } = logProbsFromLogits(p.logits, targets, { ignoreIndex: -100 });
    const r = perplexity(logProbs, { mask });
    expect(r.tokens).toBe(p.targets.length - 1);
    const rest = p.logProbs.slice(1);
    expectClose(r.meanNll, -rest.reduce((a, b) => a + b, 0) / rest.length, 1e-12, 'perplexity');
  });
  it('bits per character and per byte', () => {
    expectClose(bitsPerCharacter(p.totalNll, p.text), p.bpc, 1e-12, 'perplexity');
    expectClose(bitsPerByte(p.totalNll, p.text), p.bpb, 1e-12, 'perplexity');
    expect(perplexityFromNll(3, { base: 2 })).toBe(8);
  });
  it('rejects impossible inputs', () => {
    expect(() => perplexity([-0.1, 0.5])).toThrow(
      "perplexity: 'logProbs' must be <= 0 (log-probabilities), got 0.5 at index 1.",
    );
    expect(() => logProbsFromLogits([[0, 1]], [2])).toThrow(/'targets' must be integers in \[0, 1\], got 2/);
    expect(() => logProbsFromLogits([[0, 1]], [0, 1])).toThrow(
      /'targets' must have length 1 to match 'logits', got 2/,
    );
  });
});
