import { describe, expect, it } from 'vitest';
import fixture from '../parity/fixtures/pre_split.json';
import { GPT2_SPLIT_PATTERN, GPT4_SPLIT_PATTERN } from './split-patterns';

describe('pre-split patterns', () => {
  it.each(fixture.cases.map((c) => [JSON.stringify(c.text), c] as const))(
    'split %s like tiktoken / GPT-2 patterns under Python regex',
    (_, c) => {
      expect(c.text.match(new RegExp(GPT4_SPLIT_PATTERN, 'gu')) ?? []).toEqual(c.gpt4);
      expect(c.text.match(new RegExp(GPT4_SPLIT_PATTERN, 'gu')) ?? []).toEqual(c.gpt4Possessive);
      expect(c.text.match(new RegExp(GPT2_SPLIT_PATTERN, 'gu')) ?? []).toEqual(c.gpt2);
    },
  );

  it('cover every character of the text', () => {
    for (const c of fixture.cases) expect(c.gpt4.join('')).toBe(c.text);
  });
});
