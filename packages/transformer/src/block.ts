import { LayerNorm, Module, ModuleList, RMSNorm } from '@llm/nn';
import { type Generator, type Tensor, ValueError } from '@llm/tensor';
import { FeedForward, type FeedForwardActivation } from './feed-forward';
import type { KVCache, LayerCache } from './kv-cache';
import { MultiHeadAttention } from './multi-head-attention';
import type { RotaryEmbedding } from './positional';

export interface BlockOptions {
  dModel: number;
  numHeads: number;
  /** Hidden size of the feed-forward net (default 4 * dModel). */
  dHidden?: number;
  dropout?: number;
  bias?: boolean;
  /** 'pre' (GPT-2 and later: x + f(norm(x))) or 'post' (the original transformer: norm(x + f(x))). Default 'pre'. */
  norm?: 'pre' | 'post';
  /** LayerNorm (default) or RMSNorm. */
  normType?: 'layer' | 'rms';
  activation?: FeedForwardActivation;
  /** Add encoder-decoder attention over a `context` (decoder blocks). */
  crossAttention?: boolean;
  /** Size of the context vectors for cross-attention (default dModel). */
  contextDim?: number;
  rotary?: RotaryEmbedding | null;
  eps?: number;
  generator?: Generator;
}

export interface BlockCallOptions {
  causal?: boolean;
  /** (B, T) bool, true at padding positions of this sequence. */
  paddingMask?: Tensor | null;
  /** Encoder output for cross-attention, (B, S, contextDim). */
  context?: Tensor;
  /** (B, S) bool, true at padding positions of the context. */
  contextPaddingMask?: Tensor | null;
  cache?: LayerCache;
  needWeights?: boolean;
}

export function makeNorm(
  type: 'layer' | 'rms',
  dModel: number,
  eps?: number,
  bias = true,
): Module & { forward(x: Tensor): Tensor } {
  if (type === 'rms') return new RMSNorm(dModel, { eps: eps ?? 1e-6 });
  if (type === 'layer') return new LayerNorm(dModel, { eps: eps ?? 1e-5, bias });
  throw new ValueError(`makeNorm: 'normType' must be 'layer' or 'rms', got ${String(type)}.`);
}

/**
 * One transformer layer: self-attention, optional cross-attention, feed-forward, each wrapped in a
 * residual connection with pre- or post-normalisation. Shapes: (B, T, dModel) -> (B, T, dModel).
 */
export class TransformerBlock extends Module {
  ln1: Module & { forward(x: Tensor): Tensor };
  attn: MultiHeadAttention;
  lnCross: (Module & { forward(x: Tensor): Tensor }) | null = null;
  crossAttn: MultiHeadAttention | null = null;
  ln2: Module & { forward(x: Tensor): Tensor };
  mlp: FeedForward;
  readonly normPosition: 'pre' | 'post';

  constructor(options: BlockOptions) {
    super();
    const { dModel, numHeads } = options;
    this.normPosition = options.norm ?? 'pre';
    if (this.normPosition !== 'pre' && this.normPosition !== 'post') {
      throw new ValueError(`TransformerBlock: 'norm' must be 'pre' or 'post', got ${String(options.norm)}.`);
    }
    const normType = options.normType ?? 'layer';
    const common = { bias: options.bias, dropout: options.dropout, generator: options.generator };
    this.ln1 = makeNorm(normType, dModel, options.eps, options.bias ?? true);
    this.attn = new MultiHeadAttention(dModel, numHeads, { ...common, rotary: options.rotary });
    if (options.crossAttention) {
      this.lnCross = makeNorm(normType, dModel, options.eps, options.bias ?? true);
      this.crossAttn = new MultiHeadAttention(dModel, numHeads, {
        ...common,
        kvDim: options.contextDim ?? dModel,
      });
    }
    this.ln2 = makeNorm(normType, dModel, options.eps, options.bias ?? true);
    this.mlp = new FeedForward(dModel, options.dHidden ?? 4 * dModel, {
      ...common,
      activation: options.activation,
    });
  }

  forward(x: Tensor, options: BlockCallOptions = {}): Tensor {
    const self = (h: Tensor) =>
      this.attn.forward(h, {
        causal: options.causal,
        keyPaddingMask: options.paddingMask,
        cache: options.cache,
        needWeights: options.needWeights,
      });
    const cross = (h: Tensor) => {
      if (!options.context)
        throw new ValueError(
          'TransformerBlock.forward: this block has cross-attention and needs a `context`.',
        );
      return this.crossAttn!.forward(h, {
        context: options.context,
        keyPaddingMask: options.contextPaddingMask,
      });
    };
    const ff = (h: Tensor) => this.mlp.forward(h);
    const sublayers: [Module & { forward(x: Tensor): Tensor }, (h: Tensor) => Tensor][] = [[this.ln1, self]];
    if (this.crossAttn && this.lnCross) sublayers.push([this.lnCross, cross]);
    sublayers.push([this.ln2, ff]);
    let h = x;
    for (const [norm, f] of sublayers) {
      h = this.normPosition === 'pre' ? h.add(f(norm.forward(h))) : norm.forward(h.add(f(h)));
    }
    return h;
  }
}

/** A stack of blocks with an optional final norm (pre-norm stacks need one). */
export class TransformerStack extends Module {
  layers: ModuleList<TransformerBlock>;
  lnFinal: (Module & { forward(x: Tensor): Tensor }) | null;

  constructor(numLayers: number, options: BlockOptions) {
    super();
    if (!Number.isInteger(numLayers) || numLayers <= 0) {
      throw new ValueError(`TransformerStack: 'numLayers' must be a positive integer, got ${numLayers}.`);
    }
    this.layers = new ModuleList(Array.from({ length: numLayers }, () => new TransformerBlock(options)));
    this.lnFinal =
      (options.norm ?? 'pre') === 'pre'
        ? makeNorm(options.normType ?? 'layer', options.dModel, options.eps, options.bias ?? true)
        : null;
  }

  forward(x: Tensor, options: BlockCallOptions & { kvCache?: KVCache } = {}): Tensor {
    let h = x;
    let i = 0;
    for (const layer of this.layers) {
      h = layer.forward(h, { ...options, cache: options.kvCache?.layers[i++] });
    }
    return this.lnFinal ? this.lnFinal.forward(h) : h;
  }

  /** Attention weights of each layer's self-attention from the last call made with `needWeights`. */
  attentionMaps(): (Tensor | null)[] {
    return [...this.layers].map((l) => l.attn.lastAttention);
  }
}

/** Bidirectional encoder: self-attention without a causal mask. */
export class TransformerEncoder extends TransformerStack {
  constructor(numLayers: number, options: Omit<BlockOptions, 'crossAttention'>) {
    super(numLayers, { ...options, crossAttention: false });
  }

  override forward(x: Tensor, options: { paddingMask?: Tensor | null; needWeights?: boolean } = {}): Tensor {
    return super.forward(x, { ...options, causal: false });
  }
}

/** Decoder: causal self-attention, then cross-attention over the encoder output (`memory`). */
export class TransformerDecoder extends TransformerStack {
  constructor(numLayers: number, options: Omit<BlockOptions, 'crossAttention'>) {
    super(numLayers, { ...options, crossAttention: true });
  }

  decode(
    x: Tensor,
    memory: Tensor,
    options: {
      paddingMask?: Tensor | null;
      memoryPaddingMask?: Tensor | null;
      kvCache?: KVCache;
      needWeights?: boolean;
    } = {},
  ): Tensor {
    return super.forward(x, {
      causal: true,
      paddingMask: options.paddingMask,
      context: memory,
      contextPaddingMask: options.memoryPaddingMask,
      kvCache: options.kvCache,
      needWeights: options.needWeights,
    });
  }
}
