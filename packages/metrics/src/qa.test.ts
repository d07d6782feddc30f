import { describe, expect, it } from 'vitest';
import fx from '../parity/fixtures/text.json';
import { expectClose } from '../test/close';
import { exactMatch, f1 } from './qa';

describe('exactMatch / f1 match the SQuAD v1.1 script', () => {
  const q = fx.qa;
  it('corpus scores', () => {
    expectClose(exactMatch(q.predictions, q.references), q.exactMatch, 1e-12, 'qa');
    expectClose(f1(q.predictions, q.references), q.f1, 1e-12, 'qa');
  });
  it('per answer', () => {
    q.predictions.forEach((p, i) => {
      expectClose(exactMatch([p], [q.references[i]!]), q.perExactMatch[i]!, 1e-12, 'qa');
      expectClose(f1([p], [q.references[i]!]), q.perF1[i]!, 1e-12, 'qa');
    });
  });
  it('checks lengths', () => {
    expect(() => f1(['a'], [])).toThrow("f1: 'references' must have length 1 to match 'predictions', got 0.");
  });
});
