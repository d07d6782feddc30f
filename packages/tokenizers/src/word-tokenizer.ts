import { ValueError, VocabularyError } from './errors';
import { checkIds, checkText } from './internal/ids';
import { FORMAT_VERSION, readBoolean, readHeader } from './internal/json';
import { collectSpecialTokens, SpecialTokens } from './internal/special-tokens';
import { compareCodePoints, StringVocabulary } from './internal/string-vocabulary';
import { StringVocabularyTokenizer } from './internal/string-vocabulary-tokenizer';
import type { DecodeOptions, Tokenizer } from './tokenizer';

/** Options for {@link WordTokenizer}. */
export interface WordTokenizerOptions {
  /** Lower-case text (`String.prototype.toLowerCase`, locale-independent) before splitting; `false` by default. */
  lowercase?: boolean;
  /** Keep only words seen at least this many times in training; 1 by default. */
  minFrequency?: number;
  /** The largest vocabulary, special tokens included; the most frequent words are kept. Unlimited by default. */
  maxVocabSize?: number;
  /** Special tokens, given ids `0..k-1` in this order before the words; none besides `padToken` and `unkToken` by default. */
  specialTokens?: readonly string[];
  /** The token unknown words map to (added to the special tokens); `'<unk>'` by default, `null` makes unknown words throw. */
  unkToken?: string | null;
  /** The token `encodeBatch` pads with (added to the special tokens); `'<pad>'` by default, `null` for none. */
  padToken?: string | null;
}

/** The JSON form of a {@link WordTokenizer}. */
export interface WordTokenizerJSON {
  type: 'word';
  version: 1;
  lowercase: boolean;
  /** Every word (and punctuation mark) and its id. */
  vocab: Record<string, number>;
  /** Every special token and its id. */
  specialTokens: Record<string, number>;
  padToken: string | null;
  unkToken: string | null;
}

const NAME = 'WordTokenizer';

/**
 * The pre-tokenisation rule: a word is a maximal run of letters, combining marks and digits
 * (`\p{L}\p{M}\p{N}`); every other non-whitespace code point is a token of its own; whitespace only separates.
 */
const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
const IS_WORD = /^[\p{L}\p{M}\p{N}]/u;
const NO_SPACE_BEFORE = new Set(['.', ',', '!', '?', ';', ':', ')', ']', '}', '%', '…']);
const NO_SPACE_AFTER = new Set(['(', '[', '{']);
const JOINERS = new Set(["'", '’', '-']);

/**
 * A word-level tokenizer over the most frequent words and punctuation marks of its training text, lossy
 * for whitespace and (with `lowercase`) case, since `decode` re-joins tokens with single spaces.
 */
export class WordTokenizer extends StringVocabularyTokenizer implements Tokenizer {
  private readonly options: WordTokenizerOptions;

  /** Stores and validates the options; call {@link WordTokenizer.train} (or use {@link WordTokenizer.fromText}) to build the vocabulary. */
  constructor(options: WordTokenizerOptions = {}) {
    super(NAME);
    const where = NAME;
    const { minFrequency, maxVocabSize } = options;
    if (minFrequency !== undefined && (!Number.isInteger(minFrequency) || minFrequency < 1)) {
      throw new ValueError(`${where}: 'minFrequency' must be an integer >= 1, got ${String(minFrequency)}.`);
    }
    if (maxVocabSize !== undefined && (!Number.isInteger(maxVocabSize) || maxVocabSize < 1)) {
      throw new ValueError(`${where}: 'maxVocabSize' must be an integer >= 1, got ${String(maxVocabSize)}.`);
    }
    this.options = { ...options };
  }

  /** Builds a tokenizer from the words of `text`. */
  static fromText(text: string, options: WordTokenizerOptions = {}): WordTokenizer {
    return new WordTokenizer(options).train(text);
  }

  /** Rebuilds a tokenizer from {@link WordTokenizer.toJSON} output (an object or a JSON string), validating it. */
  static fromJSON(json: unknown): WordTokenizer {
    const where = `${NAME}.fromJSON`;
    const obj = readHeader(where, json, 'word');
    const lowercase = readBoolean(where, obj, 'lowercase');
    const vocab = StringVocabulary.fromJSON(where, obj);
    const tokenizer = new WordTokenizer({
      lowercase,
      specialTokens: vocab.specials.list(),
      padToken: vocab.padToken,
      unkToken: vocab.unkToken,
    });
    tokenizer.vocab = vocab;
    return tokenizer;
  }

  /**
   * Splits text into words and punctuation by the pre-tokenisation rule (after lower-casing when
   * `lowercase` is set), without looking at the vocabulary.
   */
  preTokenize(text: string): string[] {
    checkText(`${NAME}.preTokenize`, text);
    return (this.options.lowercase ? text.toLowerCase() : text).match(WORD_PATTERN) ?? [];
  }

  /**
   * Learns the vocabulary and returns `this`: words seen at least `minFrequency` times, most frequent
   * first, ties broken by code point order, cut to `maxVocabSize`; special tokens in the text are not counted.
   */
  train(text: string): this {
    const where = `${NAME}.train`;
    checkText(where, text);
    const {
      specialTokens,
      padToken = '<pad>',
      unkToken = '<unk>',
      minFrequency = 1,
      maxVocabSize,
    } = this.options;
    const specialList = collectSpecialTokens(where, specialTokens, padToken, unkToken);
    if (maxVocabSize !== undefined && maxVocabSize < specialList.length) {
      throw new ValueError(
        `${where}: 'maxVocabSize' (${maxVocabSize}) must be at least the number of special tokens (${specialList.length}).`,
      );
    }
    const specialSet = new Set(specialList);
    const counts = new Map<string, number>();
    const segmenter = new SpecialTokens(new Map(specialList.map((token, i) => [token, i])));
    for (const segment of segmenter.split(text, 'all', where)) {
      if (typeof segment === 'number') continue;
      for (const word of this.preTokenize(segment)) {
        if (!specialSet.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    const words = [...counts]
      .filter(([, count]) => count >= minFrequency)
      .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
      .map(([word]) => word);
    const limit = maxVocabSize === undefined ? words.length : maxVocabSize - specialList.length;
    this.vocab = StringVocabulary.build(
      specialList,
      words.slice(0, limit),
      padToken ?? null,
      unkToken ?? null,
    );
    return this;
  }

  /** One id per word or punctuation mark of the pre-tokenisation rule. */
  protected encodeOrdinary(segment: string, _start: number, vocab: StringVocabulary, ids: number[]): void {
    for (const word of this.preTokenize(segment)) {
      const id = vocab.ordinary.get(word) ?? vocab.unkId;
      if (id === undefined) {
        throw new VocabularyError(
          `${NAME}.encode: 'text' contains the word ${JSON.stringify(word)}, which is not in the vocabulary ` +
            `and no 'unkToken' is set.`,
        );
      }
      ids.push(id);
    }
  }

  /**
   * Joins tokens with single spaces, except before closing punctuation (`. , ! ? ; : ) ] } %`), after
   * opening brackets, and around `'`, `’` and `-` between two words (`don't`, `well-known`).
   */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    const vocab = this.trained('decode');
    checkIds(`${NAME}.decode`, ids, vocab.size);
    const tokens: string[] = [];
    const isSpecial: boolean[] = [];
    for (const id of ids) {
      const special = vocab.specials.ids.has(id);
      if (special && options.skipSpecialTokens) continue;
      tokens.push(vocab.idToToken(id)!);
      isSpecial.push(special);
    }
    const isWord = (i: number) => i >= 0 && i < tokens.length && !isSpecial[i] && IS_WORD.test(tokens[i]);
    let out = '';
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const previous = tokens[i - 1];
      const joined =
        i === 0 ||
        (!isSpecial[i] && NO_SPACE_BEFORE.has(token)) ||
        (!isSpecial[i - 1] && NO_SPACE_AFTER.has(previous)) ||
        (!isSpecial[i] && JOINERS.has(token) && isWord(i - 1) && isWord(i + 1)) ||
        (!isSpecial[i - 1] && JOINERS.has(previous) && isWord(i - 2) && isWord(i));
      out += joined ? token : ` ${token}`;
    }
    return out;
  }

  /** A plain JSON object (see {@link WordTokenizerJSON}) that {@link WordTokenizer.fromJSON} turns back into an equal tokenizer. */
  toJSON(): WordTokenizerJSON {
    const vocab = this.trained('toJSON');
    return {
      type: 'word',
      version: FORMAT_VERSION,
      lowercase: this.options.lowercase ?? false,
      ...vocab.toJSON(),
    };
  }
}
