import { type Generator, linear, type Tensor, ValueError, zeros } from '@llm/tensor';
import { fans, kaimingUniform, uniform } from './init';
import { Module } from './module';
import { Parameter } from './parameter';

export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  generator?: Generator;
}

/**
 * y = x W^T + b, like `torch.nn.Linear`. Shapes: (..., inFeatures) -> (..., outFeatures); `weight`
 * is [outFeatures, inFeatures]. Initialised as PyTorch does: U(-1/sqrt(in), 1/sqrt(in)).
 */
export class Linear extends Module {
  weight: Parameter;
  bias: Parameter | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    for (const [name, v] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v <= 0)
        throw new ValueError(`Linear: '${name}' must be a positive integer, got ${v}.`);
    }
    this.weight = new Parameter(zeros([outFeatures, inFeatures]));
    // kaiming_uniform with a = sqrt(5) gives U(-1/sqrt(fanIn), 1/sqrt(fanIn)), PyTorch's default.
    kaimingUniform(this.weight, { a: Math.sqrt(5), generator: options.generator });
    this.bias = null;
    if (options.bias ?? true) {
      const bound = 1 / Math.sqrt(fans(this.weight).fanIn);
      this.bias = new Parameter(uniform(zeros([outFeatures]), -bound, bound, options));
    }
  }

  forward(x: Tensor): Tensor {
    if (x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new ValueError(
        `Linear.forward: 'input' must end in ${this.inFeatures} features, got shape [${x.shape.join(', ')}].`,
      );
    }
    return linear(x, this.weight, this.bias);
  }

  protected override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
