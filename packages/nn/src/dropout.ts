import { type Generator, rand, type Tensor, ValueError } from '@llm/tensor';
import { Module } from './module';

/**
 * Zeroes each element with probability `p` during training and scales the rest by 1/(1-p)
 * (inverted dropout, Srivastava et al. 2014); the identity in eval mode. Seeded through `generator`
 * or the default generator.
 */
export function dropout(x: Tensor, p: number, training = true, generator?: Generator): Tensor {
  if (!(p >= 0 && p <= 1)) throw new ValueError(`dropout: 'p' must be in [0, 1], got ${p}.`);
  if (!training || p === 0) return x;
  if (p === 1) return x.mul(0);
  const keep = rand([...x.shape], { generator }).ge(p);
  return x.mul(keep.to(x.dtype)).div(1 - p);
}

export class Dropout extends Module {
  constructor(
    readonly p = 0.5,
    private readonly generator?: Generator,
  ) {
    super();
    if (!(p >= 0 && p <= 1)) throw new ValueError(`Dropout: 'p' must be in [0, 1], got ${p}.`);
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training, this.generator);
  }

  protected override extraRepr(): string {
    return `p=${this.p}`;
  }
}
