import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import bpeFixture from '../parity/fixtures/bpe.json';
import { ENGLISH, generatedText, naiveTrain } from '../test/helpers';
import { BpeTokenizer } from './bpe-tokenizer';
import { ValueError, VocabularyError } from './errors';
import { GPT2_SPLIT_PATTERN, GPT4_SPLIT_PATTERN } from './split-patterns';

const english = new BpeTokenizer({ specialTokens: ['<|endoftext|>'] }).train(ENGLISH, 400);

function mergePairs(tokenizer: BpeTokenizer): Array<[number, number]> {
  return tokenizer.toJSON().merges.map((merge) => {
    const [a, b] = merge.split(' ');
    return [tokenizer.tokenToId(a)!, tokenizer.tokenToId(b)!];
  });
}

describe('BpeTokenizer training', () => {
  it('learns the classic Wikipedia example: aaabdaaabac -> ZabdZabac -> ZYdZYac -> XdXac', () => {
    const tokenizer = new BpeTokenizer().train('aaabdaaabac', 259);
    expect(tokenizer.toJSON().merges).toEqual(['a a', 'a b', 'aa ab']);
    expect(mergePairs(tokenizer)).toEqual([
      [97, 97],
      [97, 98],
      [256, 257],
    ]);
    const ids = tokenizer.encode('aaabdaaabac');
    expect(ids).toEqual([258, 100, 258, 97, 99]);
    expect(ids.map((id) => tokenizer.idToToken(id))).toEqual(['aaab', 'd', 'aaab', 'a', 'c']);
    expect(tokenizer.vocabSize).toBe(259);
  });

  it('breaks ties between equally frequent pairs by the smaller ids', () => {
    // Pieces 'cdab', ' cdab': 'c d', 'd a', 'a b' occur twice each; (97, 98) is the smallest pair.
    const tokenizer = new BpeTokenizer().train('cdab cdab', 257);
    expect(tokenizer.toJSON().merges).toEqual(['a b']);
  });

  it('never merges across pre-split pieces', () => {
    // GPT-4's pattern splits 'ab. ab. ab.' into 'ab', '.', ' ab', '.', ...: no token holds a letter before '.' or ' '.
    const tokenizer = new BpeTokenizer().train('ab. ab. ab. ab. ab.', 300);
    expect(tokenizer.toJSON().merges).toEqual(['a b', 'Ġ ab']); // then no pair is left
    for (const token of Object.keys(tokenizer.toJSON().vocab)) expect(token).not.toMatch(/\p{L}[.Ġ]/u);
  });

  it('matches the naive minbpe-style reference trainer on the parity fixture', () => {
    for (const run of bpeFixture.runs) {
      const tokenizer = new BpeTokenizer().train(bpeFixture.text, run.vocabSize);
      expect(mergePairs(tokenizer)).toEqual(run.merges);
      for (const { text, ids } of run.encoded) expect(tokenizer.encode(text)).toEqual(ids);
    }
  });

  it('matches a full-recount trainer on random corpora (incremental pair counts stay exact)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', '\n', '1', '!'), maxLength: 120 }),
        fc.integer({ min: 0, max: 40 }),
        (text, numMerges) => {
          const tokenizer = new BpeTokenizer().train(text, 256 + numMerges);
          expect(mergePairs(tokenizer)).toEqual(naiveTrain(text, GPT4_SPLIT_PATTERN, numMerges));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same text and size give the same merges and vocabulary', () => {
    const text = generatedText(20_000, 3);
    const a = new BpeTokenizer().train(text, 600).toJSON();
    const b = new BpeTokenizer().train(text, 600).toJSON();
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('stops early when no pair is left, with a smaller vocabulary', () => {
    const tokenizer = new BpeTokenizer({ specialTokens: ['<eos>'] }).train('ab ab', 1000);
    expect(tokenizer.numMerges).toBe(2); // 'a b', then 'Ġ ab'
    expect(tokenizer.vocabSize).toBe(259);
    expect(tokenizer.specialTokens).toEqual({ '<eos>': 258 });
  });

  it('reports progress after every merge', () => {
    const calls: Array<[number, number]> = [];
    new BpeTokenizer().train(ENGLISH, 300, { onProgress: (merged, total) => calls.push([merged, total]) });
    expect(calls).toHaveLength(44);
    expect(calls[0]).toEqual([1, 44]);
    expect(calls.at(-1)).toEqual([44, 44]);
  });

  it('leaves special tokens in the training text out of the merges', () => {
    const tokenizer = new BpeTokenizer({ specialTokens: ['<|endoftext|>'] }).train(
      '<|endoftext|>'.repeat(50),
      300,
    );
    expect(tokenizer.numMerges).toBe(0);
  });

  it('trains on a few hundred KB of text in well under a few seconds', () => {
    const text = generatedText(300_000, 7);
    let start = performance.now();
    const tokenizer = new BpeTokenizer().train(text, 512);
    const trainMs = performance.now() - start;
    start = performance.now();
    const ids = tokenizer.encode(text);
    const encodeMs = performance.now() - start;
    expect(tokenizer.decode(ids)).toBe(text);
    expect(ids.length).toBeLessThan(new TextEncoder().encode(text).length / 2);
    expect(trainMs).toBeLessThan(4000);
    expect(encodeMs).toBeLessThan(3000);
  });
});

describe('BpeTokenizer encode / decode', () => {
  it('starts as a pure byte tokenizer: one id per UTF-8 byte', () => {
    const tokenizer = new BpeTokenizer();
    expect(tokenizer.vocabSize).toBe(256);
    expect(tokenizer.encode('hé👋')).toEqual([104, 0xc3, 0xa9, 0xf0, 0x9f, 0x91, 0x8b]);
    expect(tokenizer.decode([104, 0xc3, 0xa9, 0xf0, 0x9f, 0x91, 0x8b])).toBe('hé👋');
  });

  it('round-trips any well-formed string losslessly (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(english.decode(english.encode(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        expect(english.decode(english.encode(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips after training on arbitrary text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 150 }),
        fc.string({ unit: 'binary', maxLength: 150 }),
        fc.integer({ min: 256, max: 330 }),
        (corpus, text, vocabSize) => {
          const tokenizer = new BpeTokenizer().train(corpus, vocabSize);
          expect(tokenizer.decode(tokenizer.encode(corpus))).toBe(corpus);
          expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('round-trips hand-picked hard cases', () => {
    const cases = [
      '',
      '\n',
      '\r\n\r\n',
      '\uFEFFstarts with a byte order mark',
      '\u0000nul\u0000',
      'emoji 👋🏽 family 👨‍👩‍👧 flag 🇳🇴',
      '中文字符测试，日本語のテキスト、한국어 텍스트。',
      'combining e\u0301 and a\u0308',
      '\u{10FFFF}\u{E000}\u{1F600}',
      ' '.repeat(1000),
      'x'.repeat(5000),
    ];
    for (const text of cases) expect(english.decode(english.encode(text))).toBe(text);
  });

  it('compresses English it was trained on', () => {
    const ids = english.encode(ENGLISH);
    expect(ids.length).toBeLessThan(new TextEncoder().encode(ENGLISH).length * 0.5);
    expect(english.idToToken(english.encode(' the')[0])).toBe('Ġthe');
  });

  it('decodes a cut multi-byte character as U+FFFD', () => {
    const bytes = new BpeTokenizer();
    expect(bytes.decode([0xe6, 0x97])).toBe('\uFFFD');
  });

  it('gives the same ids with the GPT-2 pattern for plain English, and different pieces for numbers', () => {
    const gpt2 = new BpeTokenizer({ pattern: GPT2_SPLIT_PATTERN });
    expect(gpt2.pattern).toBe(GPT2_SPLIT_PATTERN);
    expect(gpt2.decode(gpt2.encode('12345 apples'))).toBe('12345 apples');
  });

  it('uses a cache without changing results', () => {
    const text = 'the cat and the hat and the bat';
    const first = english.encode(text);
    expect(english.encode(text)).toEqual(first);
  });
});

describe('BpeTokenizer special tokens', () => {
  const tokenizer = new BpeTokenizer({
    specialTokens: ['<|endoftext|>', '<|end', '<|fim|>'],
    padToken: '<pad>',
  }).train(ENGLISH, 400);

  it('puts special tokens after the merges, in order', () => {
    expect(tokenizer.specialTokens).toEqual({
      '<|endoftext|>': 396,
      '<|end': 397,
      '<|fim|>': 398,
      '<pad>': 399,
    });
    expect(tokenizer.padId).toBe(399);
    expect(tokenizer.vocabSize).toBe(400);
    expect(tokenizer.tokenToId('<|fim|>')).toBe(398);
    expect(tokenizer.idToToken(396)).toBe('<|endoftext|>');
  });

  it('never splits allowed special tokens, preferring the longest', () => {
    const ids = tokenizer.encode('The keeper.<|endoftext|>The sea<|end');
    expect(ids.filter((id) => id >= 396)).toEqual([396, 397]);
    expect(tokenizer.decode(ids)).toBe('The keeper.<|endoftext|>The sea<|end');
    expect(tokenizer.decode(ids, { skipSpecialTokens: true })).toBe('The keeper.The sea');
  });

  it("encodes special strings as plain text with allowedSpecial: 'none' or when not listed", () => {
    const text = 'a<|endoftext|>b<|fim|>';
    const none = tokenizer.encode(text, { allowedSpecial: 'none' });
    expect(none.some((id) => id >= 396)).toBe(false);
    expect(tokenizer.decode(none)).toBe(text);
    const some = tokenizer.encode(text, { allowedSpecial: ['<|fim|>'] });
    expect(some.filter((id) => id >= 396)).toEqual([398]);
    expect(tokenizer.decode(some)).toBe(text);
  });

  it('round-trips text with special strings whatever is allowed (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('<|endoftext|>', '<|end', '<|fim|>', '<pad>', '<|'),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.constantFrom('all', 'none') as fc.Arbitrary<'all' | 'none'>,
        (pieces, allowed) => {
          const text = pieces.join('');
          expect(tokenizer.decode(tokenizer.encode(text, { allowedSpecial: allowed }))).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects an allowedSpecial entry that is not a special token', () => {
    expect(() => tokenizer.encode('x', { allowedSpecial: ['<bos>'] })).toThrow(
      new ValueError(
        `BpeTokenizer.encode: 'allowedSpecial' contains "<bos>", which is not a special token (special tokens: ["<|endoftext|>", "<|end", "<|fim|>", "<pad>"]).`,
      ),
    );
  });
});

describe('BpeTokenizer JSON', () => {
  it('round-trips exactly through JSON text', () => {
    const tokenizer = new BpeTokenizer({ specialTokens: ['<|endoftext|>'], padToken: '<pad>' }).train(
      ENGLISH,
      350,
    );
    const json = JSON.stringify(tokenizer);
    const loaded = BpeTokenizer.fromJSON(json);
    expect(loaded.toJSON()).toEqual(tokenizer.toJSON());
    expect(JSON.stringify(loaded)).toBe(json);
    expect(loaded.vocabSize).toBe(tokenizer.vocabSize);
    expect(loaded.padId).toBe(tokenizer.padId);
    expect(BpeTokenizer.fromJSON(JSON.parse(json)).toJSON()).toEqual(tokenizer.toJSON());
  });

  it('encodes exactly like the original after loading (property)', () => {
    const loaded = BpeTokenizer.fromJSON(JSON.stringify(english));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        expect(loaded.encode(text)).toEqual(english.encode(text));
      }),
      { numRuns: 200 },
    );
    expect(loaded.encode(ENGLISH)).toEqual(english.encode(ENGLISH));
  });

  it('writes readable byte-level tokens and merges', () => {
    const json = new BpeTokenizer().train('hello hello\nhello', 260).toJSON();
    expect(json.type).toBe('bpe');
    expect(json.version).toBe(1);
    expect(json.pattern).toBe(GPT4_SPLIT_PATTERN);
    expect(json.vocab.Ġ).toBe(32); // ' '
    expect(json.vocab.Ċ).toBe(10); // '\n'
    expect(json.merges[0]).toBe('e l'); // 'h e', 'e l', 'l l', 'l o' all occur 3 times; (101, 108) is smallest
    expect(Object.keys(json.vocab)).toHaveLength(260);
  });

  it('loads a vocabulary whose ids are not in training order', () => {
    // A hand-written file: bytes at 0-255 except 'a' and 'b' swapped, one merge at id 256.
    const json = new BpeTokenizer().train('ab ab ab', 257).toJSON();
    json.vocab.a = 98;
    json.vocab.b = 97;
    const tokenizer = BpeTokenizer.fromJSON(json);
    expect(tokenizer.encode('ab b')).toEqual([256, 32, 97]); // 'b' is id 97 now
    expect(tokenizer.decode([256, 98, 97])).toBe('abab');
  });
});

describe('BpeTokenizer errors', () => {
  const valid = () =>
    structuredClone(
      new BpeTokenizer({ specialTokens: ['<|endoftext|>'] }).train('aaabdaaabac', 260).toJSON(),
    );

  it('names the method, the argument and the vocabulary size for unknown ids', () => {
    const tokenizer = new BpeTokenizer().train(ENGLISH, 512);
    expect(() => tokenizer.decode([1, 70000])).toThrow(
      new VocabularyError(
        "BpeTokenizer.decode: 'ids' contains 70000, which is not in the vocabulary (size 512).",
      ),
    );
    expect(() => tokenizer.decode([1.5])).toThrow(
      new ValueError("BpeTokenizer.decode: 'ids[0]' must be an integer, got 1.5."),
    );
    expect(() => tokenizer.decode([-1])).toThrow(VocabularyError);
  });

  it('validates train arguments', () => {
    expect(() => new BpeTokenizer({ specialTokens: ['<s>'] }).train('abc', 256)).toThrow(
      new ValueError(
        "BpeTokenizer.train: 'vocabSize' must be an integer >= 257 (256 byte tokens + 1 special tokens), got 256.",
      ),
    );
    expect(() => new BpeTokenizer().train('abc', 300.5)).toThrow(ValueError);
    expect(() => new BpeTokenizer().train(42 as unknown as string, 300)).toThrow(
      new ValueError("BpeTokenizer.train: 'text' must be a string, got number."),
    );
    expect(() => new BpeTokenizer().encode(null as unknown as string)).toThrow(
      new ValueError("BpeTokenizer.encode: 'text' must be a string, got null."),
    );
  });

  it('rejects a pattern that does not compile', () => {
    expect(() => new BpeTokenizer({ pattern: '(' })).toThrow(
      /BpeTokenizer: 'pattern' is not a valid regex with the 'u' flag/,
    );
  });

  it('rejects JSON of another type or version, or that is not JSON', () => {
    expect(() => BpeTokenizer.fromJSON({ ...valid(), version: 2 })).toThrow(
      new ValueError(
        "BpeTokenizer.fromJSON: 'json.version' must be 1, got 2; it was written by an unknown version of @llm/tokenizers.",
      ),
    );
    expect(() => BpeTokenizer.fromJSON({ ...valid(), type: 'char' })).toThrow(
      new ValueError(`BpeTokenizer.fromJSON: 'json.type' must be 'bpe', got "char".`),
    );
    expect(() => BpeTokenizer.fromJSON('{not json')).toThrow(
      /BpeTokenizer.fromJSON: 'json' is a string but not valid JSON/,
    );
    expect(() => BpeTokenizer.fromJSON([])).toThrow(
      new ValueError("BpeTokenizer.fromJSON: 'json' must be an object, got an array."),
    );
  });

  it('rejects missing fields', () => {
    for (const field of ['pattern', 'vocab', 'merges', 'specialTokens'] as const) {
      const json: Record<string, unknown> = { ...valid() };
      delete json[field];
      expect(() => BpeTokenizer.fromJSON(json)).toThrow(
        new ValueError(`BpeTokenizer.fromJSON: 'json.${field}' is missing.`),
      );
    }
  });

  it('rejects duplicate and missing ids', () => {
    const duplicate = valid();
    duplicate.specialTokens['<|endoftext|>'] = 258;
    expect(() => BpeTokenizer.fromJSON(duplicate)).toThrow(
      new ValueError(`BpeTokenizer.fromJSON: id 258 is used by both "aaab" and "<|endoftext|>".`),
    );
    const gap = valid();
    gap.specialTokens['<|endoftext|>'] = 300;
    expect(() => BpeTokenizer.fromJSON(gap)).toThrow(
      new ValueError(
        "BpeTokenizer.fromJSON: the ids in 'json.vocab' and 'json.specialTokens' must be 0..259 without gaps; id 259 is missing.",
      ),
    );
    const negative = valid();
    negative.vocab.a = -1;
    expect(() => BpeTokenizer.fromJSON(negative)).toThrow(
      /maps "a" to -1; ids must be non-negative integers/,
    );
  });

  it('rejects merges that refer to unknown tokens or make unknown tokens', () => {
    const unknownPart = valid();
    unknownPart.merges[1] = 'a zz';
    expect(() => BpeTokenizer.fromJSON(unknownPart)).toThrow(
      new ValueError(
        `BpeTokenizer.fromJSON: 'json.merges[1]' ("a zz") refers to "zz", which is not a byte token or the result of an earlier merge.`,
      ),
    );
    const outOfOrder = valid();
    outOfOrder.merges = [outOfOrder.merges[2], outOfOrder.merges[0], outOfOrder.merges[1]];
    expect(() => BpeTokenizer.fromJSON(outOfOrder)).toThrow(/'json.merges\[0\]' \("aa ab"\) refers to "aa"/);
    const malformed = valid();
    malformed.merges[0] = 'aa';
    expect(() => BpeTokenizer.fromJSON(malformed)).toThrow(
      new ValueError(
        `BpeTokenizer.fromJSON: 'json.merges[0]' must be two tokens separated by one space, got "aa".`,
      ),
    );
    const unmade = valid();
    unmade.merges[0] = 'a c';
    expect(() => BpeTokenizer.fromJSON(unmade)).toThrow(/makes "ac", which is not in the vocabulary/);
    const orphan = valid();
    orphan.merges.pop();
    expect(() => BpeTokenizer.fromJSON(orphan)).toThrow(
      /'json.vocab' contains "aaab" \(id 258\), which no merge makes/,
    );
  });

  it('rejects vocabularies without all 256 bytes or with non-byte-level tokens', () => {
    const noByte = valid();
    delete noByte.vocab.Ā; // byte 0
    noByte.vocab.ĀĀ = 0;
    expect(() => BpeTokenizer.fromJSON(noByte)).toThrow(
      /lacks the token "Ā" of byte 0; all 256 byte tokens are required/,
    );
    const notByteLevel = valid();
    notByteLevel.vocab[' x'] = 260;
    expect(() => BpeTokenizer.fromJSON(notByteLevel)).toThrow(
      /contains " x", which is not a byte-level token/,
    );
  });

  it('rejects a pad token that is not special', () => {
    expect(() => BpeTokenizer.fromJSON({ ...valid(), padToken: '<pad>' })).toThrow(
      new ValueError(
        `BpeTokenizer.fromJSON: 'json.padToken' is "<pad>", which is not in 'json.specialTokens'.`,
      ),
    );
  });
});
