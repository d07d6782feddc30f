import { noGrad, Tensor, tensor, ValueError } from '@llm/tensor';
import { positiveInt } from './internal/validate';

export interface GradAccumulatorOptions {
  /** Micro-batches per optimizer step. */
  microBatches: number;
}

/**
 * Gradient accumulation that averages correctly over micro-batches of unequal size. After each
 * micro-batch's `loss.backward()` (with `loss` a mean over that micro-batch), `accumulate(n)` adds
 * `n · grad` into a float64 buffer and clears `grad`; `finalize()` writes `Σ nᵢ gᵢ / Σ nᵢ` — the gradient
 * of the mean loss over the whole batch — into `grad`, ready for `optimizer.step()`.
 *
 * ```ts
 * loss.backward();
 * if (acc.accumulate(batchSize)) { acc.finalize(); opt.step(); opt.zeroGrad(true); }
 * ```
 */
export class GradAccumulator {
  readonly params: readonly Tensor[];
  readonly microBatches: number;
  #sums: (Float64Array | null)[];
  #weight = 0;
  #count = 0;

  constructor(params: Iterable<Tensor>, options: GradAccumulatorOptions) {
    this.params = [...params];
    this.params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new ValueError(`GradAccumulator: 'params[${i}]' must be a Tensor.`);
    });
    this.microBatches = positiveInt('GradAccumulator', 'microBatches', options.microBatches);
    this.#sums = this.params.map(() => null);
  }

  /** Micro-batches accumulated since the last `finalize()`. */
  get count(): number {
    return this.#count;
  }

  /**
   * Adds the current gradients with `weight` (the micro-batch's example or token count; default 1)
   * and clears them. Returns true once `microBatches` micro-batches are in.
   */
  accumulate(weight = 1): boolean {
    if (typeof weight !== 'number' || !(weight > 0) || !Number.isFinite(weight)) {
      throw new ValueError(`GradAccumulator: 'weight' must be a positive number, got ${weight}.`);
    }
    this.params.forEach((p, k) => {
      if (p.grad === null) return;
      const g = p.grad.data;
      const sum = (this.#sums[k] ??= new Float64Array(g.length));
      for (let i = 0; i < g.length; i++) sum[i] += weight * g[i];
      p.grad = null;
    });
    this.#weight += weight;
    this.#count += 1;
    return this.#count >= this.microBatches;
  }

  /** Writes the weighted mean gradient into each parameter's `grad` (left `null` where none arrived) and resets. */
  finalize(): void {
    if (this.#count === 0)
      throw new ValueError('GradAccumulator: finalize() needs at least one accumulate().');
    const total = this.#weight;
    noGrad(() => {
      this.params.forEach((p, k) => {
        const sum = this.#sums[k];
        if (!sum) return;
        const mean = new Float32Array(sum.length);
        for (let i = 0; i < sum.length; i++) mean[i] = sum[i] / total;
        p.grad = tensor(mean, { shape: p.shape });
      });
    });
    this.reset();
  }

  /** Drops everything accumulated so far. */
  reset(): void {
    this.#sums = this.params.map(() => null);
    this.#weight = 0;
    this.#count = 0;
  }
}
