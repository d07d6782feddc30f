import { Dropout, Embedding, init, Linear, Module } from '@llm/nn';
import { arange, Generator, noGrad, type Tensor, tensor, ValueError } from '@llm/tensor';
import { TransformerStack } from './block';
import type { FeedForwardActivation } from './feed-forward';
import { KVCache } from './kv-cache';
import { RotaryEmbedding } from './positional';
import { type SamplingOptions, sampleToken, validateSampling } from './sampling';

/** A GPT's shape and choices, one comment per field. */
export interface GPTConfig {
  /** Number of distinct token ids. */
  vocabSize: number;
  /** Longest context the model sees (size of the position table). */
  blockSize: number;
  /** Number of transformer blocks. */
  nLayer: number;
  /** Attention heads per block; must divide nEmbd. */
  nHead: number;
  /** Width of the residual stream. */
  nEmbd: number;
  /** Dropout on embeddings, attention and residual branches (default 0). */
  dropout?: number;
  /** Biases in Linear layers and norms (default true, as GPT-2). */
  bias?: boolean;
  /** Share the token embedding with the output head (default true, as GPT-2). */
  tieWeights?: boolean;
  /** 'learned' absolute positions (GPT-2, default) or 'rope' (rotary, LLaMA-style). */
  positional?: 'learned' | 'rope';
  /** Feed-forward nonlinearity (default 'geluTanh', as GPT-2). */
  activation?: FeedForwardActivation;
  normType?: 'layer' | 'rms';
  /** Seed for the weight initialisation. */
  seed?: number;
}

export interface GenerateOptions extends SamplingOptions {
  /** How many tokens to add. */
  maxNewTokens: number;
  /** Stop a sequence once it produces one of these ids (kept in the output). */
  stopTokens?: readonly number[];
  /** Reuse keys/values of earlier positions (default true); gives the same tokens as recomputing. */
  useCache?: boolean;
  /** Called with each new token of the first sequence (for streaming output). */
  onToken?: (id: number) => void;
}

/**
 * A decoder-only transformer language model in the GPT-2 layout (Radford et al. 2019): token (+
 * position) embeddings, `nLayer` pre-norm causal blocks, a final norm and a head tied to the token
 * embedding. Shapes: int32 ids (B, T) -> logits (B, T, vocabSize).
 */
export class GPT extends Module {
  wte: Embedding;
  wpe: Embedding | null = null;
  drop: Dropout;
  transformer: TransformerStack;
  lmHead: Linear;
  readonly config: Required<Omit<GPTConfig, 'seed'>> & { seed: number };

  constructor(config: GPTConfig) {
    super();
    const c = {
      dropout: 0,
      bias: true,
      tieWeights: true,
      positional: 'learned' as const,
      activation: 'geluTanh' as const,
      normType: 'layer' as const,
      seed: 0,
      ...config,
    };
    GPT.validate(c);
    this.config = c;
    const generator = new Generator(c.seed);
    this.wte = new Embedding(c.vocabSize, c.nEmbd, { generator });
    if (c.positional === 'learned') this.wpe = new Embedding(c.blockSize, c.nEmbd, { generator });
    this.drop = new Dropout(c.dropout, generator);
    const rotary = c.positional === 'rope' ? new RotaryEmbedding(c.nEmbd / c.nHead, c.blockSize) : null;
    this.transformer = new TransformerStack(c.nLayer, {
      dModel: c.nEmbd,
      numHeads: c.nHead,
      dropout: c.dropout,
      bias: c.bias,
      activation: c.activation,
      normType: c.normType,
      rotary,
      generator,
    });
    this.lmHead = new Linear(c.nEmbd, c.vocabSize, { bias: false, generator });
    // GPT-2 initialisation: N(0, 0.02) weights, zero biases, residual projections scaled by 1/sqrt(2 * nLayer).
    for (const [name, p] of this.namedParameters()) {
      if (name.endsWith('.bias')) init.zeros(p);
      else if (p.ndim === 2) {
        const residual = name.endsWith('attn.outProj.weight') || name.endsWith('mlp.proj.weight');
        init.normal(p, 0, residual ? 0.02 / Math.sqrt(2 * c.nLayer) : 0.02, { generator });
      }
    }
    if (c.tieWeights) this.lmHead.weight = this.wte.weight;
  }

  static validate(c: GPTConfig): void {
    for (const key of ['vocabSize', 'blockSize', 'nLayer', 'nHead', 'nEmbd'] as const) {
      const v = c[key];
      if (!Number.isInteger(v) || v <= 0)
        throw new ValueError(`GPT: config '${key}' must be a positive integer, got ${v}.`);
    }
    if (c.nEmbd % c.nHead !== 0)
      throw new ValueError(`GPT: 'nHead' (${c.nHead}) must divide 'nEmbd' (${c.nEmbd}).`);
    if (c.positional === 'rope' && (c.nEmbd / c.nHead) % 2 !== 0) {
      throw new ValueError(`GPT: rotary positions need an even head size, got ${c.nEmbd / c.nHead}.`);
    }
    if (c.positional !== undefined && c.positional !== 'learned' && c.positional !== 'rope') {
      throw new ValueError(`GPT: 'positional' must be 'learned' or 'rope', got ${String(c.positional)}.`);
    }
    const d = c.dropout ?? 0;
    if (!(d >= 0 && d < 1)) throw new ValueError(`GPT: 'dropout' must be in [0, 1), got ${d}.`);
  }

  /**
   * Logits for every position. With a `kvCache`, `ids` are the positions after the cached ones
   * (incremental decoding); `needWeights` keeps attention maps for `attentionMaps()`.
   */
  forward(ids: Tensor, options: { kvCache?: KVCache; needWeights?: boolean } = {}): Tensor {
    if (ids.dtype !== 'int32' || ids.ndim !== 2) {
      throw new ValueError(
        `GPT.forward: 'ids' must be int32 (B, T), got ${ids.dtype} [${ids.shape.join(', ')}].`,
      );
    }
    const t = ids.shape[1];
    const offset = options.kvCache?.length ?? 0;
    if (offset + t > this.config.blockSize) {
      throw new ValueError(
        `GPT.forward: sequence length ${offset + t} exceeds the context length blockSize=${this.config.blockSize}.`,
      );
    }
    let x = this.wte.forward(ids); // (B, T, C)
    if (this.wpe) x = x.add(this.wpe.forward(arange(offset, offset + t, 1, { dtype: 'int32' }))); // + (T, C)
    x = this.drop.forward(x);
    x = this.transformer.forward(x, {
      causal: true,
      kvCache: options.kvCache,
      needWeights: options.needWeights,
    });
    return this.lmHead.forward(x); // (B, T, V)
  }

  /** Self-attention weights per layer, (B, nh, T, T), from the last forward with `needWeights`. */
  attentionMaps(): (Tensor | null)[] {
    return this.transformer.attentionMaps();
  }

  /** A fresh KV cache sized for this model. */
  createCache(): KVCache {
    return new KVCache(this.config.nLayer);
  }

  /**
   * Extends each row of `ids` (int32 (B, T)) by up to `maxNewTokens` sampled tokens. Contexts longer
   * than blockSize are cropped to the last blockSize tokens, as nanoGPT does. Returns (B, T + n).
   */
  generate(ids: Tensor, options: GenerateOptions): Tensor {
    validateSampling('GPT.generate', options);
    if (!Number.isInteger(options.maxNewTokens) || options.maxNewTokens < 0) {
      throw new ValueError(
        `GPT.generate: 'maxNewTokens' must be a non-negative integer, got ${options.maxNewTokens}.`,
      );
    }
    if (ids.dtype !== 'int32' || ids.ndim !== 2 || ids.shape[1] === 0) {
      throw new ValueError(
        `GPT.generate: 'ids' must be non-empty int32 (B, T), got ${ids.dtype} [${ids.shape.join(', ')}].`,
      );
    }
    const wasTraining = this.training;
    this.eval();
    const rows = (ids.toArray() as number[][]).map((r) => [...r]);
    for (const r of rows) {
      for (const id of r) {
        if (id < 0 || id >= this.config.vocabSize) {
          throw new ValueError(
            `GPT.generate: token id ${id} is out of range for vocabSize ${this.config.vocabSize}.`,
          );
        }
      }
    }
    const stop = new Set(options.stopTokens ?? []);
    const done = rows.map(() => false);
    const useCache = options.useCache ?? true;
    const cache = this.createCache();
    const block = this.config.blockSize;
    try {
      noGrad(() => {
        for (let step = 0; step < options.maxNewTokens && !done.every(Boolean); step++) {
          let logits: Tensor;
          const len = rows[0].length;
          if (useCache && cache.length > 0 && cache.length < block) {
            logits = this.forward(
              tensor(
                rows.map((r) => [r[len - 1]]),
                { dtype: 'int32' },
              ),
              { kvCache: cache },
            );
          } else {
            cache.reset();
            const context = rows.map((r) => r.slice(Math.max(0, r.length - block)));
            logits = this.forward(tensor(context, { dtype: 'int32' }), useCache ? { kvCache: cache } : {});
          }
          const [b, t, v] = logits.shape;
          const data = logits.data;
          for (let i = 0; i < b; i++) {
            if (done[i]) {
              rows[i].push(rows[i][rows[i].length - 1]);
              continue;
            }
            const row = data.subarray((i * t + t - 1) * v, (i * t + t) * v);
            const next = sampleToken(row, rows[i], options);
            rows[i].push(next);
            if (i === 0) options.onToken?.(next);
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
