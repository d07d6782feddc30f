import { describe, expect, it } from 'vitest';
import { ENGLISH } from '../test/helpers';
import { BpeTokenizer } from './bpe-tokenizer';
import { CharTokenizer } from './char-tokenizer';
import { ValueError, VocabularyError } from './errors';
import type { Tokenizer } from './tokenizer';
import { tokenizerFromJSON } from './tokenizer-from-json';
import { WordTokenizer } from './word-tokenizer';

// One conformance suite for every tokenizer, like a backend conformance suite.
const tokenizers: Array<[string, Tokenizer]> = [
  ['CharTokenizer', CharTokenizer.fromText(ENGLISH, { padToken: '<pad>', unkToken: '<unk>' })],
  ['WordTokenizer', WordTokenizer.fromText(ENGLISH)],
  [
    'BpeTokenizer',
    new BpeTokenizer({ specialTokens: ['<|endoftext|>'], padToken: '<pad>' }).train(ENGLISH, 320),
  ],
];

describe.each(tokenizers)('%s conforms to Tokenizer', (name, tokenizer) => {
  it('has lookups that are inverse to each other over the whole vocabulary', () => {
    for (let id = 0; id < tokenizer.vocabSize; id++) {
      const token = tokenizer.idToToken(id);
      expect(token).toBeTypeOf('string');
      expect(tokenizer.tokenToId(token!)).toBe(id);
    }
    expect(tokenizer.idToToken(tokenizer.vocabSize)).toBeUndefined();
    expect(tokenizer.idToToken(-1)).toBeUndefined();
    expect(tokenizer.idToToken(0.5)).toBeUndefined();
    expect(tokenizer.tokenToId('definitely not a token')).toBeUndefined();
    for (const [token, id] of Object.entries(tokenizer.specialTokens))
      expect(tokenizer.tokenToId(token)).toBe(id);
  });

  it('encodes to ids inside the vocabulary', () => {
    const ids = tokenizer.encode(ENGLISH);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(Number.isInteger(id) && id >= 0 && id < tokenizer.vocabSize).toBe(true);
  });

  it('pads a batch to the longest text with an attention mask', () => {
    const texts = ['The keeper', 'The keeper climbed the stairs', ''];
    const lengths = texts.map((text) => tokenizer.encode(text).length);
    const longest = Math.max(...lengths);
    const { ids, attentionMask } = tokenizer.encodeBatch(texts, { padTo: 'longest' });
    expect(ids.map((row) => row.length)).toEqual([longest, longest, longest]);
    texts.forEach((text, i) => {
      expect(ids[i].slice(0, lengths[i])).toEqual(tokenizer.encode(text));
      expect(ids[i].slice(lengths[i])).toEqual(new Array(longest - lengths[i]).fill(tokenizer.padId));
      expect(attentionMask[i]).toEqual([
        ...new Array(lengths[i]).fill(1),
        ...new Array(longest - lengths[i]).fill(0),
      ]);
    });
  });

  it('truncates to maxLength, pads to a fixed length on either side', () => {
    const texts = ['The keeper climbed the stairs every evening', 'The'];
    const { ids, attentionMask } = tokenizer.encodeBatch(texts, { maxLength: 3, padTo: 4, padSide: 'left' });
    expect(ids[0]).toEqual([tokenizer.padId, ...tokenizer.encode(texts[0]).slice(0, 3)]);
    expect(attentionMask[0]).toEqual([0, 1, 1, 1]);
    const short = tokenizer.encode('The');
    expect(ids[1].slice(4 - short.length)).toEqual(short);
    expect(attentionMask[1].filter((m) => m === 1)).toHaveLength(short.length);
  });

  it('returns ragged ids and all-ones masks without padding', () => {
    const { ids, attentionMask } = tokenizer.encodeBatch(['The keeper', 'The']);
    expect(ids).toEqual([tokenizer.encode('The keeper'), tokenizer.encode('The')]);
    expect(attentionMask.map((row) => row.every((m) => m === 1))).toEqual([true, true]);
  });

  it('rejects bad batch options', () => {
    expect(() => tokenizer.encodeBatch(['The keeper climbed the stairs'], { padTo: 2 })).toThrow(
      new ValueError(
        `${name}.encodeBatch: text 0 has ${tokenizer.encode('The keeper climbed the stairs').length} tokens, more than 'padTo' (2); pass 'maxLength' to truncate.`,
      ),
    );
    expect(() => tokenizer.encodeBatch(['a'], { maxLength: -1 })).toThrow(
      new ValueError(`${name}.encodeBatch: 'maxLength' must be a non-negative integer, got -1.`),
    );
    expect(() => tokenizer.encodeBatch(['a'], { padTo: 'longest', padId: tokenizer.vocabSize })).toThrow(
      ValueError,
    );
    expect(() => tokenizer.encodeBatch('a' as unknown as string[])).toThrow(
      new ValueError(`${name}.encodeBatch: 'texts' must be an array of strings, got string.`),
    );
  });

  it('names itself in decode errors', () => {
    expect(() => tokenizer.decode([tokenizer.vocabSize])).toThrow(
      new VocabularyError(
        `${name}.decode: 'ids' contains ${tokenizer.vocabSize}, which is not in the vocabulary (size ${tokenizer.vocabSize}).`,
      ),
    );
  });

  it('comes back equal from tokenizerFromJSON', () => {
    const loaded = tokenizerFromJSON(JSON.stringify(tokenizer));
    expect(loaded.constructor).toBe(tokenizer.constructor);
    expect(loaded.toJSON()).toEqual(tokenizer.toJSON());
    expect(loaded.encode(ENGLISH)).toEqual(tokenizer.encode(ENGLISH));
  });
});

describe('encodeBatch without a pad token', () => {
  it('needs padId to pad, and accepts one', () => {
    const tokenizer = new BpeTokenizer();
    expect(() => tokenizer.encodeBatch(['ab', 'a'], { padTo: 'longest' })).toThrow(
      new ValueError(
        "BpeTokenizer.encodeBatch: padding needs a pad token; configure 'padToken' on the tokenizer or pass 'padId'.",
      ),
    );
    expect(tokenizer.encodeBatch(['ab', 'a'], { padTo: 'longest', padId: 0 }).ids).toEqual([
      [97, 98],
      [97, 0],
    ]);
  });
});

describe('tokenizerFromJSON', () => {
  it('rejects unknown types', () => {
    expect(() => tokenizerFromJSON({ type: 'sentencepiece', version: 1 })).toThrow(
      new ValueError(`tokenizerFromJSON: 'json.type' must be 'char', 'word' or 'bpe', got "sentencepiece".`),
    );
    expect(() => tokenizerFromJSON('nope')).toThrow(
      /tokenizerFromJSON: 'json' is a string but not valid JSON/,
    );
    expect(() => tokenizerFromJSON(null)).toThrow(
      new ValueError(`tokenizerFromJSON: 'json.type' must be 'char', 'word' or 'bpe', got undefined.`),
    );
  });
});
