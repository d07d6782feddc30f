import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGLISH } from '../test/helpers';
import { NotTrainedError, ValueError, VocabularyError } from './errors';
import { WordTokenizer } from './word-tokenizer';

describe('WordTokenizer', () => {
  it('splits on whitespace and punctuation, keeping words of letters, marks and digits', () => {
    const tokenizer = new WordTokenizer();
    expect(tokenizer.preTokenize("Hello, world! Don't panic (2 times)... naïve e\u0301 日本語 👋")).toEqual([
      'Hello',
      ',',
      'world',
      '!',
      'Don',
      "'",
      't',
      'panic',
      '(',
      '2',
      'times',
      ')',
      '.',
      '.',
      '.',
      'naïve',
      'e\u0301',
      '日本語',
      '👋',
    ]);
    expect(new WordTokenizer({ lowercase: true }).preTokenize('The THE the')).toEqual(['the', 'the', 'the']);
  });

  it('orders words by frequency, then by code point, after <pad> and <unk>', () => {
    const tokenizer = WordTokenizer.fromText('b a c a b a . .');
    expect(tokenizer.toJSON()).toEqual({
      type: 'word',
      version: 1,
      lowercase: false,
      vocab: { a: 2, '.': 3, b: 4, c: 5 },
      specialTokens: { '<pad>': 0, '<unk>': 1 },
      padToken: '<pad>',
      unkToken: '<unk>',
    });
  });

  it('applies minFrequency and maxVocabSize (special tokens count towards the size)', () => {
    const text = 'the cat the dog the cat a bird';
    expect(Object.keys(WordTokenizer.fromText(text, { minFrequency: 2 }).toJSON().vocab)).toEqual([
      'the',
      'cat',
    ]);
    const small = WordTokenizer.fromText(text, { maxVocabSize: 4 });
    expect(small.vocabSize).toBe(4);
    expect(Object.keys(small.toJSON().vocab)).toEqual(['the', 'cat']);
    expect(small.encode('the bird')).toEqual([2, 1]);
  });

  it('maps unknown words to <unk>, or throws without an unkToken', () => {
    const tokenizer = WordTokenizer.fromText(ENGLISH, { lowercase: true });
    const ids = tokenizer.encode('The zebra climbed.');
    expect(ids[1]).toBe(tokenizer.unkId);
    expect(tokenizer.decode(ids)).toBe('the <unk> climbed.');
    const strict = WordTokenizer.fromText('a b', { unkToken: null });
    expect(strict.unkId).toBeUndefined();
    expect(() => strict.encode('a c')).toThrow(
      new VocabularyError(
        `WordTokenizer.encode: 'text' contains the word "c", which is not in the vocabulary and no 'unkToken' is set.`,
      ),
    );
  });

  it('joins words sensibly in decode (whitespace and case are not restored)', () => {
    const text = `"I didn't think he'd make it," said the harbour-master's daughter (twice). Done!`;
    const tokenizer = WordTokenizer.fromText(text);
    expect(tokenizer.decode(tokenizer.encode(text))).toBe(
      `" I didn't think he'd make it, " said the harbour-master's daughter (twice). Done!`,
    );
    expect(tokenizer.decode(tokenizer.encode('Done   !\n\n(twice)'))).toBe('Done! (twice)');
  });

  it('re-encodes its own decoding to the same ids (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), fc.boolean(), (text, lowercase) => {
        const tokenizer = WordTokenizer.fromText(text, { lowercase });
        const ids = tokenizer.encode(text);
        expect(tokenizer.encode(tokenizer.decode(ids))).toEqual(ids);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips text of single-space-separated lower-case words (property)', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), (words) => {
        const text = words.join(' ');
        const tokenizer = WordTokenizer.fromText(text);
        expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps special tokens whole and out of the counts', () => {
    const tokenizer = WordTokenizer.fromText('<bos> hi there <eos> <bos> hi <eos>', {
      specialTokens: ['<bos>', '<eos>'],
    });
    expect(tokenizer.specialTokens).toEqual({ '<bos>': 0, '<eos>': 1, '<pad>': 2, '<unk>': 3 });
    expect(Object.keys(tokenizer.toJSON().vocab)).toEqual(['hi', 'there']);
    expect(tokenizer.encode('<bos>hi<eos>')).toEqual([0, 4, 1]);
    expect(tokenizer.encode('<bos>', { allowedSpecial: 'none' })).toEqual([3, 3, 3]); // '<', 'bos', '>' unknown
    expect(tokenizer.decode([0, 4, 5, 1, 2, 2], { skipSpecialTokens: true })).toBe('hi there');
  });

  it('validates options and requires training', () => {
    expect(() => new WordTokenizer({ minFrequency: 0 })).toThrow(
      new ValueError("WordTokenizer: 'minFrequency' must be an integer >= 1, got 0."),
    );
    expect(() => new WordTokenizer({ maxVocabSize: 1 }).train('a')).toThrow(
      new ValueError(
        "WordTokenizer.train: 'maxVocabSize' (1) must be at least the number of special tokens (2).",
      ),
    );
    expect(() => new WordTokenizer().decode([0])).toThrow(NotTrainedError);
  });

  it('round-trips through JSON', () => {
    const tokenizer = WordTokenizer.fromText(ENGLISH, {
      lowercase: true,
      minFrequency: 2,
      specialTokens: ['<eos>'],
    });
    const loaded = WordTokenizer.fromJSON(JSON.stringify(tokenizer));
    expect(loaded.toJSON()).toEqual(tokenizer.toJSON());
    expect(loaded.encode(ENGLISH)).toEqual(tokenizer.encode(ENGLISH));
    expect(() => WordTokenizer.fromJSON({ ...tokenizer.toJSON(), lowercase: 'yes' })).toThrow(
      new ValueError(`WordTokenizer.fromJSON: 'json.lowercase' must be a boolean, got "yes".`),
    );
  });
});
