import { Dropout, Embedding, init, LayerNorm, Linear, Module } from '@llm/nn';
import { arange, defaultGenerator, Generator, type Tensor, tensor, ValueError } from '@llm/tensor';
import { TransformerEncoder } from './block';
import type { FeedForwardActivation } from './feed-forward';

/** A BERT encoder's shape and choices, one comment per field. */
export interface BERTConfig {
  /** Number of distinct token ids. */
  vocabSize: number;
  /** Longest input (size of the learned position table). */
  maxPositions: number;
  /** Number of encoder blocks. */
  nLayer: number;
  /** Attention heads per block; must divide nEmbd. */
  nHead: number;
  /** Width of the hidden states. */
  nEmbd: number;
  /** Hidden size of the feed-forward nets (default 4 * nEmbd). */
  dHidden?: number;
  /** Number of segment (token-type) ids; 0 drops the token-type embedding (default 2, as BERT). */
  typeVocabSize?: number;
  /** Dropout on embeddings, attention weights and residual branches (default 0). */
  dropout?: number;
  /** LayerNorm epsilon (default 1e-12, as BERT). */
  layerNormEps?: number;
  /** Feed-forward nonlinearity (default 'gelu', the exact erf form BERT uses). */
  activation?: FeedForwardActivation;
  /** Seed for the weight initialisation. */
  seed?: number;
}

export interface BERTCallOptions {
  /** Bool (B, T), true at padding positions, which no token attends to. */
  paddingMask?: Tensor | null;
  /** Int32 (B, T) segment ids in [0, typeVocabSize) (default all 0). */
  tokenTypeIds?: Tensor | null;
  /** Keep each layer's attention weights for `attentionMaps()`. */
  needWeights?: boolean;
}

/**
 * The masked-language-model head of BERT: logits = LayerNorm(gelu(dense(h))) E^T + b, with the
 * decoder weight E tied to the token embedding and a bias of its own. (B, T, C) -> (B, T, V).
 */
export class MLMHead extends Module {
  dense: Linear;
  norm: LayerNorm;
  decoder: Linear;

  constructor(nEmbd: number, vocabSize: number, options: { eps: number; generator: Generator }) {
    super();
    this.dense = new Linear(nEmbd, nEmbd, { generator: options.generator });
    this.norm = new LayerNorm(nEmbd, { eps: options.eps });
    this.decoder = new Linear(nEmbd, vocabSize, { generator: options.generator });
  }

  forward(h: Tensor): Tensor {
    return this.decoder.forward(this.norm.forward(this.dense.forward(h).gelu()));
  }
}

/**
 * A BERT-style bidirectional encoder with a masked-language-model head (Devlin et al. 2018,
 * https://arxiv.org/abs/1810.04805): token + learned position (+ token-type) embeddings, LayerNorm,
 * `nLayer` post-norm GELU blocks, and an MLM head tied to the token embedding.
 * Shapes: int32 ids (B, T) -> logits (B, T, vocabSize).
 */
export class BERT extends Module {
  wordEmbeddings: Embedding;
  positionEmbeddings: Embedding;
  tokenTypeEmbeddings: Embedding | null = null;
  embeddingNorm: LayerNorm;
  drop: Dropout;
  encoder: TransformerEncoder;
  /** tanh(dense(h[:, 0])): the sentence vector of the first ([CLS]) token. */
  pooler: Linear;
  mlmHead: MLMHead;
  readonly config: Required<Omit<BERTConfig, 'dHidden'>> & { dHidden: number };

  constructor(config: BERTConfig) {
    super();
    const c = {
      typeVocabSize: 2,
      dropout: 0,
      layerNormEps: 1e-12,
      activation: 'gelu' as const,
      seed: 0,
      dHidden: 4 * config.nEmbd,
      ...config,
    };
    BERT.validate(c);
    this.config = c;
    const generator = new Generator(c.seed);
    this.wordEmbeddings = new Embedding(c.vocabSize, c.nEmbd, { generator });
    this.positionEmbeddings = new Embedding(c.maxPositions, c.nEmbd, { generator });
    if (c.typeVocabSize > 0)
      this.tokenTypeEmbeddings = new Embedding(c.typeVocabSize, c.nEmbd, { generator });
    this.embeddingNorm = new LayerNorm(c.nEmbd, { eps: c.layerNormEps });
    this.drop = new Dropout(c.dropout, generator);
    this.encoder = new TransformerEncoder(c.nLayer, {
      dModel: c.nEmbd,
      numHeads: c.nHead,
      dHidden: c.dHidden,
      dropout: c.dropout,
      norm: 'post',
      activation: c.activation,
      eps: c.layerNormEps,
      generator,
    });
    this.pooler = new Linear(c.nEmbd, c.nEmbd, { generator });
    this.mlmHead = new MLMHead(c.nEmbd, c.vocabSize, { eps: c.layerNormEps, generator });
    // BERT's initialisation: N(0, 0.02) weights and embeddings, zero biases, unit LayerNorm scales.
    for (const [name, p] of this.namedParameters()) {
      if (name.endsWith('.bias')) init.zeros(p);
      else if (p.ndim === 2) init.normal(p, 0, 0.02, { generator });
    }
    this.mlmHead.decoder.weight = this.wordEmbeddings.weight;
  }

  static validate(c: BERTConfig): void {
    for (const key of ['vocabSize', 'maxPositions', 'nLayer', 'nHead', 'nEmbd', 'dHidden'] as const) {
      const v = c[key];
      if (!Number.isInteger(v) || (v as number) <= 0)
        throw new ValueError(`BERT: config '${key}' must be a positive integer, got ${v}.`);
    }
    if (c.nEmbd % c.nHead !== 0)
      throw new ValueError(`BERT: 'nHead' (${c.nHead}) must divide 'nEmbd' (${c.nEmbd}).`);
    const types = c.typeVocabSize ?? 2;
    if (!Number.isInteger(types) || types < 0)
      throw new ValueError(`BERT: 'typeVocabSize' must be a non-negative integer, got ${types}.`);
    const d = c.dropout ?? 0;
    if (!(d >= 0 && d < 1)) throw new ValueError(`BERT: 'dropout' must be in [0, 1), got ${d}.`);
  }

  /** The final hidden states, (B, T, nEmbd), before the MLM head. */
  encode(ids: Tensor, options: BERTCallOptions = {}): Tensor {
    if (ids.dtype !== 'int32' || ids.ndim !== 2) {
      throw new ValueError(
        `BERT.encode: 'ids' must be int32 (B, T), got ${ids.dtype} [${ids.shape.join(', ')}].`,
      );
    }
    const [b, t] = ids.shape;
    if (t > this.config.maxPositions) {
      throw new ValueError(
        `BERT.encode: sequence length ${t} exceeds maxPositions=${this.config.maxPositions}.`,
      );
    }
    let x = this.wordEmbeddings.forward(ids); // (B, T, C)
    x = x.add(this.positionEmbeddings.forward(arange(t, undefined, 1, { dtype: 'int32' }))); // + (T, C)
    const types = options.tokenTypeIds ?? null;
    if (types && types.shape.join() !== [b, t].join()) {
      throw new ValueError(
        `BERT.encode: 'tokenTypeIds' must be (B, T) = [${b}, ${t}], got [${types.shape.join(', ')}].`,
      );
    }
    if (this.tokenTypeEmbeddings) {
      x = x.add(this.tokenTypeEmbeddings.forward(types ?? tensor(new Int32Array(t), { shape: [1, t] })));
    } else if (types) {
      throw new ValueError("BERT.encode: 'tokenTypeIds' given but the model has typeVocabSize 0.");
    }
    x = this.drop.forward(this.embeddingNorm.forward(x));
    return this.encoder.forward(x, { paddingMask: options.paddingMask, needWeights: options.needWeights });
  }

  /** The pooled sentence vector tanh(W h[:, 0] + b), (B, nEmbd), from `encode`'s hidden states. */
  pool(hidden: Tensor): Tensor {
    return this.pooler.forward(hidden.narrow(1, 0, 1).squeeze(1)).tanh();
  }

  /** MLM logits for every position, (B, T, vocabSize). */
  forward(ids: Tensor, options: BERTCallOptions = {}): Tensor {
    return this.mlmHead.forward(this.encode(ids, options));
  }

  /** Self-attention weights per layer, (B, nh, T, T), from the last call made with `needWeights`. */
  attentionMaps(): (Tensor | null)[] {
    return this.encoder.attentionMaps();
  }
}

export interface MaskTokensOptions {
  /** Id of the [MASK] token. */
  maskTokenId: number;
  /** Random replacements are drawn uniformly from [0, vocabSize). */
  vocabSize: number;
  /** Probability that a (non-special) position is selected for prediction (default 0.15). */
  maskProb?: number;
  /** Ids that are never selected ([CLS], [SEP], [PAD], ...). */
  specialTokenIds?: readonly number[];
  generator?: Generator;
}

/**
 * BERT's masked-language-model collator: each non-special position is selected with probability
 * `maskProb`; a selected token becomes [MASK] with probability 0.8, a uniformly random id with 0.1,
 * and stays itself with 0.1. `labels` hold the original id at selected positions and -100
 * elsewhere (the usual ignore index). Shapes: int32 ids (...) -> two int32 tensors of the same shape.
 */
export function maskTokens(ids: Tensor, options: MaskTokensOptions): { inputIds: Tensor; labels: Tensor } {
  if (ids.dtype !== 'int32') throw new ValueError(`maskTokens: 'ids' must be int32, got ${ids.dtype}.`);
  const { maskTokenId, vocabSize } = options;
  if (!Number.isInteger(vocabSize) || vocabSize <= 0)
    throw new ValueError(`maskTokens: 'vocabSize' must be a positive integer, got ${vocabSize}.`);
  if (!Number.isInteger(maskTokenId) || maskTokenId < 0 || maskTokenId >= vocabSize) {
    throw new ValueError(`maskTokens: 'maskTokenId' must be in [0, ${vocabSize}), got ${maskTokenId}.`);
  }
  const p = options.maskProb ?? 0.15;
  if (!(p >= 0 && p <= 1)) throw new ValueError(`maskTokens: 'maskProb' must be in [0, 1], got ${p}.`);
  const special = new Set(options.specialTokenIds ?? []);
  const g = options.generator ?? defaultGenerator;
  const src = ids.data as Int32Array;
  const inputs = Int32Array.from(src);
  const labels = new Int32Array(src.length).fill(-100);
  for (let i = 0; i < src.length; i++) {
    if (special.has(src[i]) || g.nextDouble() >= p) continue;
    labels[i] = src[i];
    const r = g.nextDouble();
    if (r < 0.8) inputs[i] = maskTokenId;
    else if (r < 0.9) inputs[i] = g.nextInt(0, vocabSize);
  }
  return {
    inputIds: tensor(inputs, { shape: [...ids.shape], dtype: 'int32' }),
    labels: tensor(labels, { shape: [...ids.shape], dtype: 'int32' }),
  };
}
