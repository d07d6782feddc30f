import { ValueError, VocabularyError } from './errors';
import { checkIds, checkText } from './internal/ids';
import { FORMAT_VERSION, readHeader } from './internal/json';
import { collectSpecialTokens } from './internal/special-tokens';
import { compareCodePoints, StringVocabulary } from './internal/string-vocabulary';
import { StringVocabularyTokenizer } from './internal/string-vocabulary-tokenizer';
import type { DecodeOptions, Tokenizer } from './tokenizer';

/** Options for {@link CharTokenizer}. */
export interface CharTokenizerOptions {
  /** Special tokens, given ids `0..k-1` in this order before the characters; none by default. */
  specialTokens?: readonly string[];
  /** The token unknown characters map to (added to the special tokens); by default unknown characters throw. */
  unkToken?: string | null;
  /** The token `encodeBatch` pads with (added to the special tokens); none by default. */
  padToken?: string | null;
}

/** The JSON form of a {@link CharTokenizer}. */
export interface CharTokenizerJSON {
  type: 'char';
  version: 1;
  /** Every character and its id. */
  vocab: Record<string, number>;
  /** Every special token and its id. */
  specialTokens: Record<string, number>;
  padToken: string | null;
  unkToken: string | null;
}

const NAME = 'CharTokenizer';

/**
 * A character-level tokenizer: one id per Unicode code point seen in training (so emoji and other astral
 * characters are one token, not two UTF-16 halves), ids in code point order after the special tokens.
 */
export class CharTokenizer extends StringVocabularyTokenizer implements Tokenizer {
  private readonly options: CharTokenizerOptions;

  /** Stores the options; call {@link CharTokenizer.train} (or use {@link CharTokenizer.fromText}) to build the vocabulary. */
  constructor(options: CharTokenizerOptions = {}) {
    super(NAME);
    this.options = { ...options };
  }

  /** Builds a tokenizer whose vocabulary is the distinct characters of `text`, sorted by code point. */
  static fromText(text: string, options: CharTokenizerOptions = {}): CharTokenizer {
    return new CharTokenizer(options).train(text);
  }

  /** Rebuilds a tokenizer from {@link CharTokenizer.toJSON} output (an object or a JSON string), validating it. */
  static fromJSON(json: unknown): CharTokenizer {
    const where = `${NAME}.fromJSON`;
    const obj = readHeader(where, json, 'char');
    const vocab = StringVocabulary.fromJSON(where, obj);
    for (const token of vocab.ordinary.keys()) {
      if ([...token].length !== 1) {
        throw new ValueError(
          `${where}: 'json.vocab' contains ${JSON.stringify(token)}, which is not one character.`,
        );
      }
    }
    const tokenizer = new CharTokenizer({
      specialTokens: vocab.specials.list(),
      padToken: vocab.padToken,
      unkToken: vocab.unkToken,
    });
    tokenizer.vocab = vocab;
    return tokenizer;
  }

  /** Learns the vocabulary (the distinct characters of `text`, special tokens left out) and returns `this`. */
  train(text: string): this {
    const where = `${NAME}.train`;
    checkText(where, text);
    const { specialTokens, padToken, unkToken } = this.options;
    const specialList = collectSpecialTokens(where, specialTokens, padToken, unkToken);
    const specialSet = new Set(specialList);
    const chars = [...new Set(text)].filter((ch) => !specialSet.has(ch)).sort(compareCodePoints);
    this.vocab = StringVocabulary.build(specialList, chars, padToken ?? null, unkToken ?? null);
    return this;
  }

  /** One id per code point, so a character outside the BMP is one token, not two UTF-16 halves. */
  protected encodeOrdinary(segment: string, start: number, vocab: StringVocabulary, ids: number[]): void {
    let offset = start;
    for (const ch of segment) {
      const id = vocab.ordinary.get(ch) ?? vocab.unkId;
      if (id === undefined) {
        const codePoint = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        throw new VocabularyError(
          `${NAME}.encode: 'text' contains ${JSON.stringify(ch)} (U+${codePoint}) at index ${offset}, ` +
            `which is not in the vocabulary and no 'unkToken' is set.`,
        );
      }
      ids.push(id);
      offset += ch.length;
    }
  }

  /** Turns ids back into text by concatenating their characters; `decode(encode(s)) === s` when every character of `s` is known. */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    const vocab = this.trained('decode');
    checkIds(`${NAME}.decode`, ids, vocab.size);
    let out = '';
    for (const id of ids) {
      if (options.skipSpecialTokens && vocab.specials.ids.has(id)) continue;
      out += vocab.idToToken(id)!;
    }
    return out;
  }

  /** A plain JSON object (see {@link CharTokenizerJSON}) that {@link CharTokenizer.fromJSON} turns back into an equal tokenizer. */
  toJSON(): CharTokenizerJSON {
    return { type: 'char', version: FORMAT_VERSION, ...this.trained('toJSON').toJSON() };
  }
}
