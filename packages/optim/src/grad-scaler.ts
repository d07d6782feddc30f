import { noGrad, type Tensor, tensor, ValueError } from '@llm/tensor';
import { bool, nonNegative, positiveInt } from './internal/validate';
import type { BaseGroupOptions, Optimizer, ParamState } from './optimizer';

export interface GradScalerOptions {
  /** Starting loss scale (default 2¹⁶). */
  initScale?: number;
  /** Multiply the scale by this after `growthInterval` good steps (default 2). */
  growthFactor?: number;
  /** Multiply the scale by this after a step with inf/NaN gradients (default 0.5). */
  backoffFactor?: number;
  /** Good steps before the scale grows (default 2000). */
  growthInterval?: number;
  /** When false every method is a pass-through (default true). */
  enabled?: boolean;
}

type AnyOptimizer = Optimizer<BaseGroupOptions, ParamState>;
type Stage = 'unscaled' | 'stepped';

/** The JSON-serialisable state of a `GradScaler`. */
export interface GradScalerStateDict {
  scale: number;
  growthFactor: number;
  backoffFactor: number;
  growthInterval: number;
  growthTracker: number;
}

const f = Math.fround;

/**
 * Dynamic loss scaling for reduced-precision training — `torch.cuda.amp.GradScaler`'s semantics:
 * `scale(loss)` multiplies the loss by S before `backward()`; `unscale(opt)` divides the gradients by S
 * and records whether any is inf/NaN; `step(opt)` skips the optimizer step when one was; `update()`
 * halves S after an overflow and doubles it after `growthInterval` clean steps. Micikevicius et al.
 * 2018, https://arxiv.org/abs/1710.03740
 *
 * ```ts
 * scaler.scale(loss).backward();
 * scaler.unscale(opt); clipGradNorm(params, 1);  // optional: clip the true gradients
 * scaler.step(opt);
 * scaler.update();
 * ```
 */
export class GradScaler {
  #scale: number;
  #growthFactor: number;
  #backoffFactor: number;
  #growthInterval: number;
  #growthTracker = 0;
  readonly #enabled: boolean;
  readonly #perOptimizer = new Map<AnyOptimizer, { stage: Stage; foundInf: boolean }>();

  constructor(options: GradScalerOptions = {}) {
    const op = 'GradScaler';
    this.#scale = f(nonNegative(op, 'initScale', options.initScale ?? 2 ** 16));
    this.#growthFactor = options.growthFactor ?? 2;
    if (!(this.#growthFactor > 1)) {
      throw new ValueError(`${op}: 'growthFactor' must be a number > 1, got ${this.#growthFactor}.`);
    }
    this.#backoffFactor = options.backoffFactor ?? 0.5;
    if (!(this.#backoffFactor > 0 && this.#backoffFactor < 1)) {
      throw new ValueError(`${op}: 'backoffFactor' must be a number in (0, 1), got ${this.#backoffFactor}.`);
    }
    this.#growthInterval = positiveInt(op, 'growthInterval', options.growthInterval ?? 2000);
    this.#enabled = bool(op, 'enabled', options.enabled ?? true);
  }

  isEnabled(): boolean {
    return this.#enabled;
  }

  /** The current loss scale (1 when disabled). */
  getScale(): number {
    return this.#enabled ? this.#scale : 1;
  }

  /** Good steps since the scale last changed. */
  getGrowthTracker(): number {
    return this.#growthTracker;
  }

  /** `loss · S`, to call `backward()` on. */
  scale(loss: Tensor): Tensor {
    return this.#enabled ? loss.mul(this.#scale) : loss;
  }

  /**
   * Divides the gradients of `optimizer`'s parameters by the scale in place and records whether any
   * is inf/NaN. Call it at most once per `update()`; `step()` calls it if you did not.
   */
  unscale(optimizer: AnyOptimizer): void {
    if (!this.#enabled) return;
    const entry = this.#perOptimizer.get(optimizer);
    if (entry?.stage === 'unscaled') {
      throw new ValueError(
        'GradScaler: unscale() has already been called on this optimizer since the last update().',
      );
    }
    if (entry?.stage === 'stepped')
      throw new ValueError('GradScaler: unscale() is being called after step().');
    // torch: inv_scale = scale.double().reciprocal().float()
    const inv = f(1 / this.#scale);
    let foundInf = false;
    noGrad(() => {
      for (const group of optimizer.paramGroups) {
        for (const p of group.params) {
          if (p.grad === null) continue;
          const g = p.grad.data;
          const out = new Float32Array(g.length);
          for (let i = 0; i < g.length; i++) {
            if (!Number.isFinite(g[i])) foundInf = true;
            out[i] = g[i] * inv;
          }
          p.grad.assign(tensor(out, { shape: p.shape }));
        }
      }
    });
    this.#perOptimizer.set(optimizer, { stage: 'unscaled', foundInf });
  }

  /**
   * Unscales (unless done) and runs `optimizer.step()` unless a gradient was inf/NaN, in which case the
   * step is skipped and parameters and optimizer state stay untouched. Returns whether it stepped.
   */
  step(optimizer: AnyOptimizer): boolean {
    if (!this.#enabled) {
      optimizer.step();
      return true;
    }
    if (this.#perOptimizer.get(optimizer)?.stage === 'stepped') {
      throw new ValueError('GradScaler: step() has already been called since the last update().');
    }
    if (!this.#perOptimizer.has(optimizer)) this.unscale(optimizer);
    const entry = this.#perOptimizer.get(optimizer)!;
    entry.stage = 'stepped';
    if (entry.foundInf) return false;
    optimizer.step();
    return true;
  }

  /**
   * Updates the scale after the iteration's steps: backs off after an overflow in any optimizer, grows
   * after `growthInterval` consecutive clean iterations. `newScale` sets it directly instead.
   */
  update(newScale?: number): void {
    if (!this.#enabled) return;
    if (newScale !== undefined) {
      this.#scale = f(nonNegative('GradScaler', 'newScale', newScale));
    } else {
      if (this.#perOptimizer.size === 0) {
        throw new ValueError(
          'GradScaler: update() needs at least one unscale() or step() since the last update().',
        );
      }
      const foundInf = [...this.#perOptimizer.values()].some((e) => e.foundInf);
      if (foundInf) {
        this.#scale = f(this.#scale * this.#backoffFactor);
        this.#growthTracker = 0;
      } else if (this.#growthTracker + 1 === this.#growthInterval) {
        this.#scale = f(this.#scale * this.#growthFactor);
        this.#growthTracker = 0;
      } else {
        this.#growthTracker += 1;
      }
    }
    this.#perOptimizer.clear();
  }

  stateDict(): GradScalerStateDict {
    return {
      scale: this.#scale,
      growthFactor: this.#growthFactor,
      backoffFactor: this.#backoffFactor,
      growthInterval: this.#growthInterval,
      growthTracker: this.#growthTracker,
    };
  }

  loadStateDict(state: GradScalerStateDict): void {
    this.#scale = state.scale;
    this.#growthFactor = state.growthFactor;
    this.#backoffFactor = state.backoffFactor;
    this.#growthInterval = state.growthInterval;
    this.#growthTracker = state.growthTracker;
  }
}
