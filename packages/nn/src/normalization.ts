import { layerNorm, ones, type Tensor, ValueError, zeros } from '@llm/tensor';
import { Module } from './module';
import { Parameter } from './parameter';

function normalizedDims(op: string, x: Tensor, shape: readonly number[]): number[] {
  const k = shape.length;
  const tail = x.shape.slice(x.ndim - k);
  if (x.ndim < k || tail.join() !== shape.join()) {
    throw new ValueError(
      `${op}: 'input' [${x.shape.join(', ')}] must end in the normalized shape [${shape.join(', ')}].`,
    );
  }
  return Array.from({ length: k }, (_, i) => x.ndim - k + i);
}

export interface LayerNormOptions {
  /** Added to the variance for stability. Default 1e-5. */
  eps?: number;
  /** Learn a per-element scale and shift (default true). */
  elementwiseAffine?: boolean;
  /** Learn the shift when affine (default true). */
  bias?: boolean;
}

/**
 * Layer normalisation over the trailing `normalizedShape` dims (Ba et al., 2016,
 * https://arxiv.org/abs/1607.06450): (x - mean) / sqrt(var + eps) * weight + bias, with the biased
 * variance, like `torch.nn.LayerNorm`.
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  weight: Parameter | null = null;
  bias: Parameter | null = null;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    if (this.normalizedShape.some((d) => !Number.isInteger(d) || d <= 0)) {
      throw new ValueError(
        `LayerNorm: 'normalizedShape' must hold positive integers, got [${this.normalizedShape.join(', ')}].`,
      );
    }
    this.eps = options.eps ?? 1e-5;
    if (options.elementwiseAffine ?? true) {
      this.weight = new Parameter(ones(this.normalizedShape));
      if (options.bias ?? true) this.bias = new Parameter(zeros(this.normalizedShape));
    }
  }

  forward(x: Tensor): Tensor {
    normalizedDims('LayerNorm.forward', x, this.normalizedShape);
    // One fused node (forward + closed-form backward) where the backend has the kernels.
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  protected override extraRepr(): string {
    return `[${this.normalizedShape.join(', ')}], eps=${this.eps}, elementwiseAffine=${this.weight !== null}`;
  }
}

export interface RMSNormOptions {
  /** Added to the mean square for stability. Default 1e-6 (LLaMA's choice). */
  eps?: number;
  /** Learn a per-element scale (default true). */
  elementwiseAffine?: boolean;
}

/**
 * Root-mean-square normalisation (Zhang & Sennrich, 2019, https://arxiv.org/abs/1910.07467):
 * x / sqrt(mean(x^2) + eps) * weight over the trailing dims, as used by T5 and LLaMA.
 */
export class RMSNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  weight: Parameter | null = null;

  constructor(normalizedShape: number | readonly number[], options: RMSNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    if (this.normalizedShape.some((d) => !Number.isInteger(d) || d <= 0)) {
      throw new ValueError(
        `RMSNorm: 'normalizedShape' must hold positive integers, got [${this.normalizedShape.join(', ')}].`,
      );
    }
    this.eps = options.eps ?? 1e-6;
    if (options.elementwiseAffine ?? true) this.weight = new Parameter(ones(this.normalizedShape));
  }

  forward(x: Tensor): Tensor {
    const dims = normalizedDims('RMSNorm.forward', x, this.normalizedShape);
    const y = x.mul(x.square().mean(dims, true).add(this.eps).rsqrt());
    return this.weight ? y.mul(this.weight) : y;
  }

  protected override extraRepr(): string {
    return `[${this.normalizedShape.join(', ')}], eps=${this.eps}`;
  }
}
