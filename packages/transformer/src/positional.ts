import { Module } from '@llm/nn';
import { arange, cat, type Tensor, ValueError } from '@llm/tensor';

/**
 * The fixed sine/cosine table of Vaswani et al. (2017): PE[pos, 2i] = sin(pos / 10000^(2i/d)),
 * PE[pos, 2i+1] = cos(pos / 10000^(2i/d)). Shape (maxLen, dModel).
 */
export function sinusoidalPositionalEncoding(maxLen: number, dModel: number): Tensor {
  if (dModel % 2 !== 0)
    throw new ValueError(`sinusoidalPositionalEncoding: 'dModel' must be even, got ${dModel}.`);
  const pos = arange(maxLen).unsqueeze(1); // (L, 1)
  const freq = arange(0, dModel, 2)
    .mul(-Math.log(10000) / dModel)
    .exp(); // (d/2)
  const angles = pos.mul(freq); // (L, d/2)
  // Interleave sin and cos: (L, d/2, 2) -> (L, d)
  return cat([angles.sin().unsqueeze(2), angles.cos().unsqueeze(2)], 2).reshape(maxLen, dModel);
}

/** Adds the sinusoidal table to (B, T, C) inputs, starting at position `offset`. */
export class SinusoidalPositionalEncoding extends Module {
  readonly table: Tensor;

  constructor(
    readonly maxLen: number,
    readonly dModel: number,
  ) {
    super();
    this.table = this.registerBuffer('table', sinusoidalPositionalEncoding(maxLen, dModel), false);
  }

  forward(x: Tensor, offset = 0): Tensor {
    const t = x.shape[x.ndim - 2];
    if (offset + t > this.maxLen) {
      throw new ValueError(
        `SinusoidalPositionalEncoding: positions up to ${offset + t} exceed maxLen ${this.maxLen}.`,
      );
    }
    return x.add(this.table.narrow(0, offset, t));
  }
}

/**
 * Rotary position embedding (RoFormer, Su et al. 2021, https://arxiv.org/abs/2104.09864), in the
 * rotate-half layout of GPT-NeoX/LLaMA: the first and second halves of each head are rotated as
 * pairs by angle pos * base^(-2i/headDim).
 */
export class RotaryEmbedding extends Module {
  readonly cos: Tensor;
  readonly sin: Tensor;

  constructor(
    readonly headDim: number,
    readonly maxLen: number,
    readonly base = 10000,
  ) {
    super();
    if (headDim % 2 !== 0) throw new ValueError(`RotaryEmbedding: 'headDim' must be even, got ${headDim}.`);
    const inv = arange(0, headDim, 2)
      .mul(-Math.log(base) / headDim)
      .exp(); // (hs/2)
    const angles = arange(maxLen).unsqueeze(1).mul(inv); // (L, hs/2)
    this.cos = this.registerBuffer('cos', angles.cos(), false);
    this.sin = this.registerBuffer('sin', angles.sin(), false);
  }

  /** Rotates (..., T, headDim) queries or keys that sit at positions offset..offset+T-1. */
  forward(x: Tensor, offset = 0): Tensor {
    const t = x.shape[x.ndim - 2];
    if (offset + t > this.maxLen)
      throw new ValueError(`RotaryEmbedding: positions up to ${offset + t} exceed maxLen ${this.maxLen}.`);
    const half = this.headDim / 2;
    const cos = this.cos.narrow(0, offset, t); // (T, hs/2)
    const sin = this.sin.narrow(0, offset, t);
    const [x1, x2] = x.split(half, -1);
    return cat([x1.mul(cos).sub(x2.mul(sin)), x2.mul(cos).add(x1.mul(sin))], -1);
  }
}
