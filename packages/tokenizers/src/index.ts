export type { BpeTokenizerJSON, BpeTokenizerOptions, BpeTrainOptions } from './bpe-tokenizer';
export { BpeTokenizer } from './bpe-tokenizer';
export type { CharTokenizerJSON, CharTokenizerOptions } from './char-tokenizer';
export { CharTokenizer } from './char-tokenizer';
export { NotTrainedError, ValueError, VocabularyError } from './errors';
export { GPT2_SPLIT_PATTERN, GPT4_SPLIT_PATTERN } from './split-patterns';
export type {
  AllowedSpecial,
  BatchEncoding,
  DecodeOptions,
  EncodeBatchOptions,
  EncodeOptions,
  Tokenizer,
  TokenizerJSON,
} from './tokenizer';
export { tokenizerFromJSON } from './tokenizer-from-json';
export type { WordTokenizerJSON, WordTokenizerOptions } from './word-tokenizer';
export { WordTokenizer } from './word-tokenizer';
