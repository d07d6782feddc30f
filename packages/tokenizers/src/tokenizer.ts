import type { BpeTokenizerJSON } from './bpe-tokenizer';
import type { CharTokenizerJSON } from './char-tokenizer';
import type { WordTokenizerJSON } from './word-tokenizer';

/**
 * Which special tokens `encode` recognises in the text: `'all'` (the default), `'none'` (special strings are
 * encoded as ordinary text), or a list of the special tokens to recognise.
 */
export type AllowedSpecial = 'all' | 'none' | readonly string[];

/** Options for {@link Tokenizer.encode}. */
export interface EncodeOptions {
  /** Special tokens in the text that become their own id instead of being split; `'all'` by default. */
  allowedSpecial?: AllowedSpecial;
}

/** Options for {@link Tokenizer.decode}. */
export interface DecodeOptions {
  /** Drop special tokens (padding, `<|endoftext|>`, ...) from the output; `false` by default. */
  skipSpecialTokens?: boolean;
}

/** Options for {@link Tokenizer.encodeBatch}: truncation, then padding. */
export interface EncodeBatchOptions extends EncodeOptions {
  /** Keep at most this many ids per text (the first ones); no truncation by default. */
  maxLength?: number;
  /** Pad every sequence to the longest one in the batch, or to this length; no padding by default. */
  padTo?: 'longest' | number;
  /** Which side padding goes on; `'right'` by default (`'left'` suits generation). */
  padSide?: 'left' | 'right';
  /** The id used for padding; the tokenizer's `padId` by default. */
  padId?: number;
}

/** A batch of encoded texts: `ids[i]` and `attentionMask[i]` have equal lengths, the mask is 1 on real tokens and 0 on padding. */
export interface BatchEncoding {
  /** One id list per text, `(B, T)` when padded. */
  ids: number[][];
  /** 1 where `ids` holds a real token, 0 where it holds padding, `(B, T)` when padded. */
  attentionMask: number[][];
}

/** The JSON form of any tokenizer in this package, told apart by `type`. */
export type TokenizerJSON = CharTokenizerJSON | WordTokenizerJSON | BpeTokenizerJSON;

/** The interface every tokenizer implements: text to ids and back, batches, vocabulary lookups and JSON. */
export interface Tokenizer {
  /** The number of ids, special tokens included: the size of a model's embedding table. */
  readonly vocabSize: number;
  /** The special tokens and their ids. */
  readonly specialTokens: Readonly<Record<string, number>>;
  /** The id of the padding token, or `undefined` when the tokenizer has none. */
  readonly padId: number | undefined;
  /** Turns a text into ids. */
  encode(text: string, options?: EncodeOptions): number[];
  /** Turns many texts into ids, with optional truncation, padding and an attention mask. */
  encodeBatch(texts: readonly string[], options?: EncodeBatchOptions): BatchEncoding;
  /** Turns ids back into text. */
  decode(ids: readonly number[], options?: DecodeOptions): string;
  /** The id of a token, or `undefined` when it is not in the vocabulary. */
  tokenToId(token: string): number | undefined;
  /** The token of an id, or `undefined` when the id is out of range. */
  idToToken(id: number): string | undefined;
  /** A plain JSON object that the class's static `fromJSON` turns back into an equal tokenizer. */
  toJSON(): TokenizerJSON;
}
