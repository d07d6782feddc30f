// @llm/transformer: attention, transformer blocks, GPT-style models and generation on @llm/tensor.

export {
  type AttentionOptions,
  type AttentionResult,
  causalMask,
  scaledDotProductAttention,
} from './attention';
export {
  BERT,
  type BERTCallOptions,
  type BERTConfig,
  type MaskTokensOptions,
  MLMHead,
  maskTokens,
} from './bert';
export {
  type BlockCallOptions,
  type BlockOptions,
  TransformerBlock,
  TransformerDecoder,
  TransformerEncoder,
  TransformerStack,
} from './block';
export { FeedForward, type FeedForwardActivation, type FeedForwardOptions } from './feed-forward';
export { type GenerateOptions, GPT, type GPTConfig } from './gpt';
export { KVCache, LayerCache } from './kv-cache';
export {
  type AttentionCallOptions,
  MultiHeadAttention,
  type MultiHeadAttentionOptions,
} from './multi-head-attention';
export { RotaryEmbedding, SinusoidalPositionalEncoding, sinusoidalPositionalEncoding } from './positional';
export { type SamplingOptions, sampleToken } from './sampling';
export { shiftRight, T5, type T5CallOptions, type T5Config, type T5GenerateOptions } from './t5';
