import { Dropout, Linear, Module } from '@llm/nn';
import { type Generator, type Tensor, ValueError, where } from '@llm/tensor';
import { scaledDotProductAttention } from './attention';
import type { LayerCache } from './kv-cache';
import type { RotaryEmbedding } from './positional';

export interface MultiHeadAttentionOptions {
  /** Size of the key/value inputs in cross-attention (default: dModel). */
  kvDim?: number;
  /** Biases on the projections (default true). */
  bias?: boolean;
  /** Dropout on attention weights and on the output (default 0). */
  dropout?: number;
  /** Rotary position embedding applied to queries and keys (self-attention). */
  rotary?: RotaryEmbedding | null;
  generator?: Generator;
}

export interface AttentionCallOptions {
  /** Keys/values come from here instead of the query input (cross-attention). (B, S, kvDim) */
  context?: Tensor;
  /** Causal (autoregressive) masking. */
  causal?: boolean;
  /** Bool (B, S) with `true` at padding positions of the keys, which no query may attend to. */
  keyPaddingMask?: Tensor | null;
  /** Extra mask broadcastable to (B, nh, T, S): bool `true` = may attend, or float added to scores. */
  mask?: Tensor | null;
  /** Self-attention KV cache of this layer for incremental decoding. */
  cache?: LayerCache;
  /** Keep this call's attention weights in `lastAttention` (for visualisation). */
  needWeights?: boolean;
}

/**
 * Multi-head attention (Vaswani et al. 2017): project to `numHeads` heads of size dModel/numHeads,
 * attend in each, concatenate, project back. Shapes: x (B, T, dModel) -> (B, T, dModel).
 */
export class MultiHeadAttention extends Module {
  qProj: Linear;
  kProj: Linear;
  vProj: Linear;
  outProj: Linear;
  attnDropout: number;
  residDropout: Dropout;
  readonly headDim: number;
  /** (B, nh, T, S) weights of the last call made with `needWeights`. */
  lastAttention: Tensor | null = null;
  readonly #rotary: RotaryEmbedding | null;
  readonly #generator?: Generator;

  constructor(
    readonly dModel: number,
    readonly numHeads: number,
    options: MultiHeadAttentionOptions = {},
  ) {
    super();
    if (!Number.isInteger(numHeads) || numHeads <= 0 || dModel % numHeads !== 0) {
      throw new ValueError(`MultiHeadAttention: 'numHeads' (${numHeads}) must divide 'dModel' (${dModel}).`);
    }
    this.headDim = dModel / numHeads;
    const kvDim = options.kvDim ?? dModel;
    const lin = { bias: options.bias ?? true, generator: options.generator };
    this.qProj = new Linear(dModel, dModel, lin);
    this.kProj = new Linear(kvDim, dModel, lin);
    this.vProj = new Linear(kvDim, dModel, lin);
    this.outProj = new Linear(dModel, dModel, lin);
    this.attnDropout = options.dropout ?? 0;
    this.residDropout = new Dropout(options.dropout ?? 0, options.generator);
    this.#rotary = options.rotary ?? null;
    this.#generator = options.generator;
  }

  /** (B, T, C) -> (B, nh, T, hs) */
  private splitHeads(x: Tensor): Tensor {
    const [b, t] = x.shape;
    return x.reshape(b, t, this.numHeads, this.headDim).transpose(1, 2);
  }

  forward(x: Tensor, options: AttentionCallOptions = {}): Tensor {
    if (x.ndim !== 3 || x.shape[2] !== this.dModel) {
      throw new ValueError(
        `MultiHeadAttention.forward: 'input' must be (B, T, ${this.dModel}), got [${x.shape.join(', ')}].`,
      );
    }
    const [b, t] = x.shape;
    const source = options.context ?? x;
    let q = this.splitHeads(this.qProj.forward(x)); // (B, nh, T, hs)
    let k = this.splitHeads(this.kProj.forward(source)); // (B, nh, S, hs)
    let v = this.splitHeads(this.vProj.forward(source));
    const offset = options.cache?.length ?? 0;
    if (this.#rotary) {
      q = this.#rotary.forward(q, offset);
      k = this.#rotary.forward(k, offset);
    }
    if (options.cache) ({ k, v } = options.cache.append(k, v));
    let mask = options.mask ?? null;
    if (options.keyPaddingMask) {
      const s = k.shape[2];
      if (options.keyPaddingMask.shape.join() !== [b, s].join()) {
        throw new ValueError(
          `MultiHeadAttention.forward: 'keyPaddingMask' must be (B, S) = [${b}, ${s}], got [${options.keyPaddingMask.shape.join(', ')}].`,
        );
      }
      const keep = options.keyPaddingMask.logicalNot().reshape(b, 1, 1, s);
      mask = mask
        ? mask.dtype === 'bool'
          ? mask.logicalAnd(keep)
          : where(keep, mask, Number.NEGATIVE_INFINITY) // broadcasts a (T, S) float mask up to (B, 1, T, S)
        : keep;
    }
    const { output, weights } = scaledDotProductAttention(q, k, v, {
      mask,
      causal: options.causal,
      dropout: this.attnDropout,
      training: this.training,
      generator: this.#generator,
    });
    this.lastAttention = options.needWeights ? weights.detach() : null;
    const merged = output.transpose(1, 2).reshape(b, t, this.dModel); // (B, T, C)
    return this.residDropout.forward(this.outProj.forward(merged));
  }

  protected override extraRepr(): string {
    return `dModel=${this.dModel}, numHeads=${this.numHeads}`;
  }
}
