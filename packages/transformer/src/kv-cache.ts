import { cat, type Tensor } from '@llm/tensor';

/** Cached keys and values of one attention layer, each (B, nh, T, hs). */
export class LayerCache {
  k: Tensor | null = null;
  v: Tensor | null = null;

  /** Number of cached positions. */
  get length(): number {
    return this.k ? this.k.shape[2] : 0;
  }

  /** Appends new keys/values along the time axis and returns the full ones. */
  append(k: Tensor, v: Tensor): { k: Tensor; v: Tensor } {
    this.k = this.k ? cat([this.k, k.detach()], 2) : k.detach();
    this.v = this.v ? cat([this.v, v.detach()], 2) : v.detach();
    return { k: this.k, v: this.v };
  }
}

/**
 * Keys and values of every layer from earlier decoding steps, so each new token costs one
 * position of attention instead of the whole prefix. Pass the same cache to consecutive
 * `forward` calls of a decoder; `reset()` before a new prompt.
 */
export class KVCache {
  readonly layers: LayerCache[];

  constructor(numLayers: number) {
    this.layers = Array.from({ length: numLayers }, () => new LayerCache());
  }

  /** Number of positions already processed. */
  get length(): number {
    return this.layers[0]?.length ?? 0;
  }

  reset(): void {
    for (const l of this.layers) {
      l.k = null;
      l.v = null;
    }
  }
}
