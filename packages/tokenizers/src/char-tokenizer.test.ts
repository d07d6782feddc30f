import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGLISH } from '../test/helpers';
import { CharTokenizer } from './char-tokenizer';
import { NotTrainedError, ValueError, VocabularyError } from './errors';

describe('CharTokenizer', () => {
  it('builds a vocabulary of the distinct characters sorted by code point', () => {
    const tokenizer = CharTokenizer.fromText('hello world');
    expect(tokenizer.toJSON().vocab).toEqual({ ' ': 0, d: 1, e: 2, h: 3, l: 4, o: 5, r: 6, w: 7 });
    expect(tokenizer.vocabSize).toBe(8);
    expect(tokenizer.encode('hello')).toEqual([3, 2, 4, 4, 5]);
    expect(tokenizer.decode([7, 5, 6, 4, 1])).toBe('world');
  });

  it('keeps astral characters (emoji) whole and sorts them by code point, not UTF-16 unit', () => {
    // U+1F600 sorts after U+FF01 by code point, before it by UTF-16 unit (0xD83D < 0xFF01).
    const tokenizer = CharTokenizer.fromText('😀！a');
    expect(tokenizer.vocabSize).toBe(3);
    expect(tokenizer.toJSON().vocab).toEqual({ a: 0, '！': 1, '😀': 2 });
    expect(tokenizer.encode('😀😀')).toEqual([2, 2]);
    expect(tokenizer.idToToken(2)).toBe('😀');
  });

  it('round-trips any text it was built from (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const tokenizer = CharTokenizer.fromText(text);
        const ids = tokenizer.encode(text);
        expect(ids).toHaveLength([...text].length);
        expect(tokenizer.decode(ids)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('gives ids that are sorted like their characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }), (text) => {
        const tokenizer = CharTokenizer.fromText(text);
        const chars = Array.from({ length: tokenizer.vocabSize }, (_, id) => tokenizer.idToToken(id)!);
        const codePoints = chars.map((ch) => ch.codePointAt(0)!);
        expect(codePoints).toEqual([...codePoints].sort((a, b) => a - b));
        expect(new Set(chars)).toEqual(new Set(text));
      }),
      { numRuns: 200 },
    );
  });

  it('puts special tokens first and maps unknown characters to unkToken', () => {
    const tokenizer = CharTokenizer.fromText('abc', {
      specialTokens: ['<bos>', '<eos>'],
      padToken: '<pad>',
      unkToken: '<unk>',
    });
    expect(tokenizer.specialTokens).toEqual({ '<bos>': 0, '<eos>': 1, '<pad>': 2, '<unk>': 3 });
    expect(tokenizer.padId).toBe(2);
    expect(tokenizer.unkId).toBe(3);
    expect(tokenizer.encode('<bos>abz<eos>')).toEqual([0, 4, 5, 3, 1]);
    expect(tokenizer.decode([0, 4, 5, 3, 1])).toBe('<bos>ab<unk><eos>');
    expect(tokenizer.decode([0, 4, 5, 3, 1], { skipSpecialTokens: true })).toBe('ab');
  });

  it("treats special strings as characters with allowedSpecial: 'none'", () => {
    const tokenizer = CharTokenizer.fromText('<eos> x', { specialTokens: ['<eos>'] });
    const ids = tokenizer.encode('<eos>', { allowedSpecial: 'none' });
    expect(ids).toHaveLength(5);
    expect(tokenizer.decode(ids)).toBe('<eos>');
    expect(tokenizer.encode('<eos>')).toEqual([0]);
  });

  it('throws a clear error for unknown characters without unkToken', () => {
    const tokenizer = CharTokenizer.fromText(ENGLISH);
    expect(() => tokenizer.encode('Caf\u00e9')).toThrow(
      new VocabularyError(
        `CharTokenizer.encode: 'text' contains "é" (U+00E9) at index 3, which is not in the vocabulary and no 'unkToken' is set.`,
      ),
    );
    expect(() => tokenizer.decode([999])).toThrow(
      new VocabularyError(
        `CharTokenizer.decode: 'ids' contains 999, which is not in the vocabulary (size ${tokenizer.vocabSize}).`,
      ),
    );
  });

  it('throws NotTrainedError before train', () => {
    const tokenizer = new CharTokenizer();
    expect(() => tokenizer.encode('a')).toThrow(
      new NotTrainedError(
        'CharTokenizer.encode: the tokenizer has no vocabulary yet; call train(text) or CharTokenizer.fromText(text) first.',
      ),
    );
    expect(() => tokenizer.vocabSize).toThrow(NotTrainedError);
    expect(tokenizer.train('ab')).toBe(tokenizer);
  });

  it('round-trips through JSON', () => {
    const tokenizer = CharTokenizer.fromText(`${ENGLISH}👋🏽`, { padToken: '<pad>', unkToken: '<unk>' });
    const loaded = CharTokenizer.fromJSON(JSON.stringify(tokenizer));
    expect(loaded.toJSON()).toEqual(tokenizer.toJSON());
    expect(loaded.encode(ENGLISH)).toEqual(tokenizer.encode(ENGLISH));
    expect(loaded.unkId).toBe(tokenizer.unkId);
  });

  it('validates its JSON', () => {
    const json = CharTokenizer.fromText('ab', { unkToken: '<unk>' }).toJSON();
    expect(() => CharTokenizer.fromJSON({ ...json, type: 'bpe' })).toThrow(
      new ValueError(`CharTokenizer.fromJSON: 'json.type' must be 'char', got "bpe".`),
    );
    expect(() => CharTokenizer.fromJSON({ ...json, vocab: { a: 1, bc: 2 } })).toThrow(
      new ValueError(`CharTokenizer.fromJSON: 'json.vocab' contains "bc", which is not one character.`),
    );
    expect(() => CharTokenizer.fromJSON({ ...json, vocab: { a: 1, b: 1 } })).toThrow(
      new ValueError(`CharTokenizer.fromJSON: id 1 is used by both "a" and "b".`),
    );
    expect(() => CharTokenizer.fromJSON({ ...json, unkToken: '<oov>' })).toThrow(
      new ValueError(
        `CharTokenizer.fromJSON: 'json.unkToken' is "<oov>", which is not in 'json.specialTokens'.`,
      ),
    );
    const { vocab: _, ...noVocab } = json;
    expect(() => CharTokenizer.fromJSON(noVocab)).toThrow(
      new ValueError(`CharTokenizer.fromJSON: 'json.vocab' is missing.`),
    );
  });
});
