import { Dropout, Linear, Module } from '@llm/nn';
import { type Generator, type Tensor, ValueError } from '@llm/tensor';

export type FeedForwardActivation = 'gelu' | 'geluTanh' | 'relu' | 'swiglu';

export interface FeedForwardOptions {
  activation?: FeedForwardActivation;
  dropout?: number;
  bias?: boolean;
  generator?: Generator;
}

/**
 * The position-wise MLP of a transformer block: proj(act(fc(x))), or for SwiGLU (Shazeer 2020,
 * https://arxiv.org/abs/2002.05202) proj(silu(fc(x)) * gate(x)). Shapes: (..., dModel) -> (..., dModel).
 */
export class FeedForward extends Module {
  fc: Linear;
  gate: Linear | null = null;
  proj: Linear;
  dropout: Dropout;
  readonly activation: FeedForwardActivation;

  constructor(dModel: number, dHidden: number, options: FeedForwardOptions = {}) {
    super();
    this.activation = options.activation ?? 'gelu';
    if (!['gelu', 'geluTanh', 'relu', 'swiglu'].includes(this.activation)) {
      throw new ValueError(`FeedForward: unknown 'activation' ${String(this.activation)}.`);
    }
    const lin = { bias: options.bias ?? true, generator: options.generator };
    this.fc = new Linear(dModel, dHidden, lin);
    if (this.activation === 'swiglu') this.gate = new Linear(dModel, dHidden, lin);
    this.proj = new Linear(dHidden, dModel, lin);
    this.dropout = new Dropout(options.dropout ?? 0, options.generator);
  }

  forward(x: Tensor): Tensor {
    const h = this.fc.forward(x);
    let a: Tensor;
    switch (this.activation) {
      case 'gelu':
        a = h.gelu();
        break;
      case 'geluTanh':
        a = h.gelu('tanh');
        break;
      case 'relu':
        a = h.relu();
        break;
      case 'swiglu':
        a = h.silu().mul(this.gate!.forward(x));
        break;
    }
    return this.dropout.forward(this.proj.forward(a));
  }
}
