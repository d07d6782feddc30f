import { causalLmLoss } from '@llm/losses';
import { AdamW } from '@llm/optim';
import { tensor } from '@llm/tensor';
import { CharTokenizer } from '@llm/tokenizers';
import { GPT } from '@llm/transformer';
import { describe, expect, it } from 'vitest';

// 200 characters of Moby-Dick's first paragraph.
const TEXT =
  'Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the w';

describe('GPT + losses + optim + tokenizers', () => {
  it('a tiny GPT trained with AdamW memorises a 200-character text to near-zero loss', () => {
    expect(TEXT.length).toBe(200);
    const tok = CharTokenizer.fromText(TEXT);
    const ids = tok.encode(TEXT);
    // The whole text is one sequence: every position but the first few has enough context to be certain.
    const model = new GPT({
      vocabSize: tok.vocabSize,
      blockSize: 200,
      nLayer: 2,
      nHead: 2,
      nEmbd: 32,
      seed: 0,
    });
    const optimizer = new AdamW(model.parameters(), { lr: 1e-2, weightDecay: 0 });
    const x = tensor([ids], { dtype: 'int32' });
    let loss = Number.POSITIVE_INFINITY;
    for (let step = 0; step < 150; step++) {
      const l = causalLmLoss(model.forward(x), x);
      optimizer.zeroGrad();
      l.backward();
      optimizer.step();
      loss = l.item();
    }
    expect(loss).toBeLessThan(0.15);
    // And it can now recite: greedy continuation of the opening reproduces the text.
    const prompt = tok.encode('Call me Ishmael. Some');
    const out = model.generate(tensor([prompt], { dtype: 'int32' }), { maxNewTokens: 20, temperature: 0 });
    expect(tok.decode((out.toArray() as number[][])[0])).toBe(TEXT.slice(0, prompt.length + 20));
  });
});
