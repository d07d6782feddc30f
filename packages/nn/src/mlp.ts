import { type Generator, type Tensor, ValueError } from '@llm/tensor';
import { GELU, ReLU, SiLU, Tanh } from './activations';
import { Sequential } from './containers';
import { Dropout } from './dropout';
import { Linear } from './linear';
import type { Module } from './module';

export interface MLPOptions {
  /** Nonlinearity between layers (default 'relu'). */
  activation?: 'relu' | 'gelu' | 'tanh' | 'silu';
  /** Dropout after each hidden activation (default 0). */
  dropout?: number;
  bias?: boolean;
  generator?: Generator;
}

const ACTIVATIONS = {
  relu: () => new ReLU(),
  gelu: () => new GELU(),
  tanh: () => new Tanh(),
  silu: () => new SiLU(),
};

/** A multilayer perceptron: Linear layers of `sizes[0] -> sizes[1] -> ... -> sizes[n-1]` with an activation between them. */
export class MLP extends Sequential {
  constructor(sizes: readonly number[], options: MLPOptions = {}) {
    if (sizes.length < 2)
      throw new ValueError(
        `MLP: 'sizes' needs at least an input and an output size, got [${sizes.join(', ')}].`,
      );
    const make = ACTIVATIONS[options.activation ?? 'relu'];
    if (!make) throw new ValueError(`MLP: unknown 'activation' ${String(options.activation)}.`);
    const layers: (Module & { forward(x: Tensor): Tensor })[] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      layers.push(new Linear(sizes[i], sizes[i + 1], { bias: options.bias, generator: options.generator }));
      if (i + 2 < sizes.length) {
        layers.push(make());
        if (options.dropout) layers.push(new Dropout(options.dropout, options.generator));
      }
    }
    super(...layers);
  }
}
