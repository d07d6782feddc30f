import { Dropout, Embedding, Linear, Module } from '@llm/nn';
import { arange, Generator, noGrad, type Tensor, tensor, ValueError } from '@llm/tensor';
import { TransformerDecoder, TransformerEncoder } from './block';
import type { FeedForwardActivation } from './feed-forward';
import { KVCache } from './kv-cache';
import { type SamplingOptions, sampleToken, validateSampling } from './sampling';

/** A T5-style encoder-decoder's shape and choices, one comment per field. */
export interface T5Config {
  /** Number of distinct token ids (shared by encoder and decoder). */
  vocabSize: number;
  /** Longest encoder input and longest decoder sequence (size of the position tables). */
  maxLen: number;
  /** Width of the hidden states. */
  dModel: number;
  /** Attention heads per layer; must divide dModel. */
  numHeads: number;
  /** Number of encoder blocks. */
  numEncoderLayers: number;
  /** Number of decoder blocks (default numEncoderLayers). */
  numDecoderLayers?: number;
  /** Hidden size of the feed-forward nets (default 4 * dModel). */
  dHidden?: number;
  /** Feed-forward nonlinearity (default 'relu', as the original T5; 'swiglu' is close to T5 v1.1). */
  activation?: FeedForwardActivation;
  /** Dropout on embeddings, attention weights and residual branches (default 0). */
  dropout?: number;
  /** Share the embedding with the LM head, whose logits are then scaled by dModel^-0.5 as in T5 (default true). */
  tieWeights?: boolean;
  /** Padding id; also the default decoder start token, as in T5 (default 0). */
  padTokenId?: number;
  /** First decoder input of `generate` (default padTokenId). */
  decoderStartTokenId?: number;
  /** End-of-sequence id: `generate` stops a row there unless `stopTokens` says otherwise (default none). */
  eosTokenId?: number | null;
  /** Seed for the weight initialisation. */
  seed?: number;
}

export interface T5CallOptions {
  /** Bool (B, S), true at padding positions of the encoder input. */
  inputPaddingMask?: Tensor | null;
  /** Bool (B, T), true at padding positions of the decoder input. */
  decoderPaddingMask?: Tensor | null;
}

export interface T5GenerateOptions extends SamplingOptions {
  /** How many tokens to produce after the decoder start token. */
  maxNewTokens: number;
  /** Stop a row once it produces one of these ids (kept; later positions get padTokenId). Default [eosTokenId]. */
  stopTokens?: readonly number[];
  /** Bool (B, S), true at padding positions of `inputIds`. */
  inputPaddingMask?: Tensor | null;
  /** Reuse the decoder's self-attention keys/values (default true); gives the same tokens as recomputing. */
  useCache?: boolean;
}

/**
 * Builds decoder inputs for teacher forcing from `labels` (int32 (B, T)): prepends
 * `decoderStartTokenId`, drops the last label and turns ignored labels (-100) into `padTokenId`,
 * as Hugging Face's `_shift_right`. Returns int32 (B, T).
 */
export function shiftRight(labels: Tensor, decoderStartTokenId: number, padTokenId: number): Tensor {
  if (labels.dtype !== 'int32' || labels.ndim !== 2) {
    throw new ValueError(
      `shiftRight: 'labels' must be int32 (B, T), got ${labels.dtype} [${labels.shape.join(', ')}].`,
    );
  }
  for (const [name, v] of [
    ['decoderStartTokenId', decoderStartTokenId],
    ['padTokenId', padTokenId],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new ValueError(`shiftRight: '${name}' must be a token id, got ${v}.`);
  }
  const [b, t] = labels.shape;
  const src = labels.data as Int32Array;
  const out = new Int32Array(b * t);
  for (let i = 0; i < b; i++) {
    out[i * t] = decoderStartTokenId;
    for (let j = 1; j < t; j++) {
      const v = src[i * t + j - 1];
      out[i * t + j] = v === -100 ? padTokenId : v;
    }
  }
  return tensor(out, { shape: [b, t], dtype: 'int32' });
}

/**
 * A small T5-style encoder-decoder (Raffel et al. 2019, https://arxiv.org/abs/1910.10683): one
 * embedding shared by encoder, decoder and LM head; RMSNorm pre-norm blocks without biases; a
 * bidirectional `TransformerEncoder` and a `TransformerDecoder` with causal self-attention and
 * cross-attention. Positions are learned absolute embeddings (one table for each side) rather than
 * T5's bucketed relative bias, because the shared blocks take no per-layer additive attention bias.
 * Shapes: int32 inputIds (B, S), decoderInputIds (B, T) -> logits (B, T, vocabSize).
 */
export class T5 extends Module {
  shared: Embedding;
  encoderPositions: Embedding;
  decoderPositions: Embedding;
  drop: Dropout;
  encoder: TransformerEncoder;
  decoder: TransformerDecoder;
  lmHead: Linear;
  readonly config: Required<Omit<T5Config, 'eosTokenId'>> & { eosTokenId: number | null };

  constructor(config: T5Config) {
    super();
    const c = {
      numDecoderLayers: config.numEncoderLayers,
      dHidden: 4 * config.dModel,
      activation: 'relu' as const,
      dropout: 0,
      tieWeights: true,
      padTokenId: 0,
      eosTokenId: null,
      seed: 0,
      ...config,
      decoderStartTokenId: config.decoderStartTokenId ?? config.padTokenId ?? 0,
    };
    T5.validate(c);
    this.config = c;
    const generator = new Generator(c.seed);
    // T5 initialises the shared embedding N(0, 1); the tied head compensates with dModel^-0.5.
    this.shared = new Embedding(c.vocabSize, c.dModel, { generator });
    this.encoderPositions = new Embedding(c.maxLen, c.dModel, { generator });
    this.decoderPositions = new Embedding(c.maxLen, c.dModel, { generator });
    this.drop = new Dropout(c.dropout, generator);
    const block = {
      dModel: c.dModel,
      numHeads: c.numHeads,
      dHidden: c.dHidden,
      dropout: c.dropout,
      bias: false,
      norm: 'pre' as const,
      normType: 'rms' as const,
      activation: c.activation,
      generator,
    };
    this.encoder = new TransformerEncoder(c.numEncoderLayers, block);
    this.decoder = new TransformerDecoder(c.numDecoderLayers, block);
    this.lmHead = new Linear(c.dModel, c.vocabSize, { bias: false, generator });
    if (c.tieWeights) this.lmHead.weight = this.shared.weight;
  }

  static validate(c: T5Config): void {
    for (const key of [
      'vocabSize',
      'maxLen',
      'dModel',
      'numHeads',
      'numEncoderLayers',
      'numDecoderLayers',
      'dHidden',
    ] as const) {
      const v = c[key];
      if (!Number.isInteger(v) || (v as number) <= 0)
        throw new ValueError(`T5: config '${key}' must be a positive integer, got ${v}.`);
    }
    if (c.dModel % c.numHeads !== 0)
      throw new ValueError(`T5: 'numHeads' (${c.numHeads}) must divide 'dModel' (${c.dModel}).`);
    for (const key of ['padTokenId', 'decoderStartTokenId', 'eosTokenId'] as const) {
      const v = c[key];
      if (v === undefined || v === null) continue;
      if (!Number.isInteger(v) || v < 0 || v >= c.vocabSize)
        throw new ValueError(`T5: '${key}' must be in [0, ${c.vocabSize}), got ${v}.`);
    }
    const d = c.dropout ?? 0;
    if (!(d >= 0 && d < 1)) throw new ValueError(`T5: 'dropout' must be in [0, 1), got ${d}.`);
  }

  private embed(op: string, ids: Tensor, positions: Embedding, offset = 0): Tensor {
    if (ids.dtype !== 'int32' || ids.ndim !== 2) {
      throw new ValueError(`T5.${op}: ids must be int32 (B, T), got ${ids.dtype} [${ids.shape.join(', ')}].`);
    }
    const t = ids.shape[1];
    if (offset + t > this.config.maxLen) {
      throw new ValueError(`T5.${op}: sequence length ${offset + t} exceeds maxLen=${this.config.maxLen}.`);
    }
    const x = this.shared
      .forward(ids)
      .add(positions.forward(arange(offset, offset + t, 1, { dtype: 'int32' })));
    return this.drop.forward(x); // (B, T, C)
  }

  /** Encoder output ("memory"), (B, S, dModel). */
  encode(inputIds: Tensor, options: { paddingMask?: Tensor | null; needWeights?: boolean } = {}): Tensor {
    const x = this.embed('encode', inputIds, this.encoderPositions);
    return this.encoder.forward(x, options);
  }

  /**
   * Decoder logits (B, T, vocabSize) given the encoder `memory`. With a `kvCache`, `decoderInputIds`
   * are the positions after the cached ones (incremental decoding).
   */
  decode(
    decoderInputIds: Tensor,
    memory: Tensor,
    options: {
      memoryPaddingMask?: Tensor | null;
      paddingMask?: Tensor | null;
      kvCache?: KVCache;
      needWeights?: boolean;
    } = {},
  ): Tensor {
    const x = this.embed('decode', decoderInputIds, this.decoderPositions, options.kvCache?.length ?? 0);
    const h = this.decoder.decode(x, memory, options);
    const logits = this.lmHead.forward(h);
    return this.config.tieWeights ? logits.mul(this.config.dModel ** -0.5) : logits;
  }

  /** Teacher forcing: logits (B, T, vocabSize) for every decoder position. */
  forward(inputIds: Tensor, decoderInputIds: Tensor, options: T5CallOptions = {}): Tensor {
    const memory = this.encode(inputIds, { paddingMask: options.inputPaddingMask });
    return this.decode(decoderInputIds, memory, {
      memoryPaddingMask: options.inputPaddingMask,
      paddingMask: options.decoderPaddingMask,
    });
  }

  /** A fresh decoder self-attention cache. */
  createCache(): KVCache {
    return new KVCache(this.config.numDecoderLayers);
  }

  /**
   * Encodes `inputIds` (int32 (B, S)) once and decodes up to `maxNewTokens` tokens per row, greedy
   * (temperature 0) or sampled. Returns int32 (B, 1 + n): the decoder start token, then the output;
   * shorter when every row has stopped, and rows that stopped early are filled with padTokenId.
   */
  generate(inputIds: Tensor, options: T5GenerateOptions): Tensor {
    validateSampling('T5.generate', options);
    const n = options.maxNewTokens;
    if (!Number.isInteger(n) || n < 0)
      throw new ValueError(`T5.generate: 'maxNewTokens' must be a non-negative integer, got ${n}.`);
    if (1 + n > this.config.maxLen) {
      throw new ValueError(
        `T5.generate: 1 + maxNewTokens = ${1 + n} exceeds the decoder length maxLen=${this.config.maxLen}.`,
      );
    }
    const { padTokenId, decoderStartTokenId, eosTokenId } = this.config;
    const stop = new Set(options.stopTokens ?? (eosTokenId === null ? [] : [eosTokenId]));
    const useCache = options.useCache ?? true;
    const wasTraining = this.training;
    this.eval();
    const rows: number[][] = [];
    try {
      noGrad(() => {
        const memory = this.encode(inputIds, { paddingMask: options.inputPaddingMask });
        const b = inputIds.shape[0];
        for (let i = 0; i < b; i++) rows.push([decoderStartTokenId]);
        const done = rows.map(() => false);
        const cache = this.createCache();
        const decodeOptions = { memoryPaddingMask: options.inputPaddingMask };
        for (let step = 0; step < n && !done.every(Boolean); step++) {
          const ids = useCache ? rows.map((r) => [r[r.length - 1]]) : rows;
          const logits = this.decode(
            tensor(ids, { dtype: 'int32' }),
            memory,
            useCache ? { ...decodeOptions, kvCache: cache } : decodeOptions,
          );
          const [, t, v] = logits.shape;
          const data = logits.data;
          for (let i = 0; i < b; i++) {
            if (done[i]) {
              rows[i].push(padTokenId);
              continue;
            }
            const next = sampleToken(data.subarray((i * t + t - 1) * v, (i * t + t) * v), rows[i], options);
            rows[i].push(next);
            if (stop.has(next)) done[i] = true;
          }
        }
      });
    } finally {
      this.train(wasTraining);
    }
    return tensor(rows, { dtype: 'int32' });
  }
}
