import { NotTrainedError, ValueError, VocabularyError } from './errors';
import { toBatch } from './internal/batch';
import { checkIds, checkText, checkTexts } from './internal/ids';
import { FORMAT_VERSION, readHeader } from './internal/json';
import { collectSpecialTokens } from './internal/special-tokens';
import { compareCodePoints, StringVocabulary } from './internal/string-vocabulary';
import type { BatchEncoding, DecodeOptions, EncodeBatchOptions, EncodeOptions, Tokenizer } from './tokenizer';

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
export class CharTokenizer implements Tokenizer {
  private readonly options: CharTokenizerOptions;
  private vocab: StringVocabulary | undefined;

  /** Stores the options; call {@link CharTokenizer.train} (or use {@link CharTokenizer.fromText}) to build the vocabulary. */
  constructor(options: CharTokenizerOptions = {}) {
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

  /** The number of ids: special tokens plus distinct characters. */
  get vocabSize(): number {
    return this.trained('vocabSize').size;
  }

  /** The special tokens and their ids. */
  get specialTokens(): Readonly<Record<string, number>> {
    return this.trained('specialTokens').specials.record();
  }

  /** The id of the padding token, or `undefined` without one. */
  get padId(): number | undefined {
    return this.trained('padId').padId;
  }

  /** The id of the unknown-character token, or `undefined` without one. */
  get unkId(): number | undefined {
    return this.trained('unkId').unkId;
  }

  /** Turns a text into one id per character; unknown characters become `unkToken` or throw a {@link VocabularyError}. */
  encode(text: string, options: EncodeOptions = {}): number[] {
    const where = `${NAME}.encode`;
    const vocab = this.trained('encode');
    checkText(where, text);
    const ids: number[] = [];
    let offset = 0;
    for (const segment of vocab.specials.split(text, options.allowedSpecial, where)) {
      if (typeof segment === 'number') {
        ids.push(segment);
        offset += vocab.idToToken(segment)!.length;
        continue;
      }
      for (const ch of segment) {
        const id = vocab.ordinary.get(ch) ?? vocab.unkId;
        if (id === undefined) {
          const codePoint = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
          throw new VocabularyError(
            `${where}: 'text' contains ${JSON.stringify(ch)} (U+${codePoint}) at index ${offset}, ` +
              `which is not in the vocabulary and no 'unkToken' is set.`,
          );
        }
        ids.push(id);
        offset += ch.length;
      }
    }
    return ids;
  }

  /** Encodes many texts, then truncates to `maxLength` and pads to `padTo`, returning ids and attention masks. */
  encodeBatch(texts: readonly string[], options: EncodeBatchOptions = {}): BatchEncoding {
    const where = `${NAME}.encodeBatch`;
    checkTexts(where, texts);
    const vocab = this.trained('encodeBatch');
    const sequences = texts.map((text) => this.encode(text, options));
    return toBatch(where, sequences, options, vocab.padId, vocab.size);
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

  /** The id of a character or special token, or `undefined`. */
  tokenToId(token: string): number | undefined {
    return this.trained('tokenToId').tokenToId(token);
  }

  /** The character or special token of an id, or `undefined`. */
  idToToken(id: number): string | undefined {
    return this.trained('idToToken').idToToken(id);
  }

  /** A plain JSON object (see {@link CharTokenizerJSON}) that {@link CharTokenizer.fromJSON} turns back into an equal tokenizer. */
  toJSON(): CharTokenizerJSON {
    return { type: 'char', version: FORMAT_VERSION, ...this.trained('toJSON').toJSON() };
  }

  private trained(method: string): StringVocabulary {
    if (this.vocab === undefined) {
      throw new NotTrainedError(
        `${NAME}.${method}: the tokenizer has no vocabulary yet; call train(text) or ${NAME}.fromText(text) first.`,
      );
    }
    return this.vocab;
  }
}
