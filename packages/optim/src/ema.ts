import { noGrad, Tensor, tensor, ValueError } from '@llm/tensor';
import { bool, inRange } from './internal/validate';

export interface EMAOptions {
  /** Decay d of the average (default 0.999). */
  decay?: number;
  /** Ramp the decay up as `min(d, (1 + n) / (10 + n))` after n updates, so early averages are not stuck at the initial weights (default false). */
  warmup?: boolean;
}

/** The JSON-serialisable state of an `EMA`. */
export interface EMAStateDict {
  decay: number;
  warmup: boolean;
  numUpdates: number;
  shadow: number[][];
}

const f = Math.fround;

/**
 * An exponential moving average of parameters for evaluation: `s ← s + (1 − d)(p − s)`, i.e.
 * `s ← d·s + (1 − d)·p` (timm's ModelEmaV2, `torch.optim.swa_utils.AveragedModel` with an EMA `avg_fn`).
 * The average starts as a copy of the parameters. Swap it in with `store()` + `copyTo()`, and back with
 * `restore()`. Polyak & Juditsky 1992, https://doi.org/10.1137/0330046
 */
export class EMA {
  readonly params: readonly Tensor[];
  decay: number;
  warmup: boolean;
  numUpdates = 0;
  #shadow: Float32Array[];
  #stored: Float32Array[] | null = null;

  constructor(params: Iterable<Tensor>, options: EMAOptions = {}) {
    this.params = [...params];
    this.params.forEach((p, i) => {
      if (!(p instanceof Tensor) || p.dtype !== 'float32') {
        throw new ValueError(`EMA: 'params[${i}]' must be a float32 Tensor.`);
      }
    });
    this.decay = inRange('EMA', 'decay', options.decay ?? 0.999, 0, 1, true);
    this.warmup = bool('EMA', 'warmup', options.warmup ?? false);
    this.#shadow = this.params.map((p) => Float32Array.from(p.data));
  }

  /** The decay the next `update()` uses. */
  currentDecay(): number {
    return this.warmup ? Math.min(this.decay, (1 + this.numUpdates) / (10 + this.numUpdates)) : this.decay;
  }

  /** Folds the parameters' current values into the average. */
  update(): void {
    const w = f(1 - this.currentDecay());
    this.params.forEach((p, k) => {
      const s = this.#shadow[k];
      const x = p.data;
      for (let i = 0; i < s.length; i++) s[i] = s[i] + f(w * f(x[i] - s[i]));
    });
    this.numUpdates += 1;
  }

  /** The averaged values of parameter `index` as a tensor of its shape. */
  averaged(index: number): Tensor {
    return tensor(this.#shadow[index], { shape: this.params[index].shape });
  }

  /** Writes the averages into `targets` (default: the tracked parameters), e.g. an evaluation copy of the model. */
  copyTo(targets: readonly Tensor[] = this.params): void {
    if (targets.length !== this.params.length) {
      throw new ValueError(`EMA: 'targets' must have ${this.params.length} tensors, got ${targets.length}.`);
    }
    noGrad(() => {
      targets.forEach((t, k) => {
        t.assign(this.averaged(k));
      });
    });
  }

  /** Saves the tracked parameters' current values, to bring back with `restore()` after evaluating with the average. */
  store(): void {
    this.#stored = this.params.map((p) => Float32Array.from(p.data));
  }

  restore(): void {
    if (!this.#stored) throw new ValueError('EMA: restore() needs a store() first.');
    const stored = this.#stored;
    noGrad(() => {
      this.params.forEach((p, k) => {
        p.assign(tensor(stored[k], { shape: p.shape }));
      });
    });
    this.#stored = null;
  }

  stateDict(): EMAStateDict {
    return {
      decay: this.decay,
      warmup: this.warmup,
      numUpdates: this.numUpdates,
      shadow: this.#shadow.map((s) => Array.from(s)),
    };
  }

  loadStateDict(state: EMAStateDict): void {
    if (state.shadow.length !== this.params.length) {
      throw new ValueError(
        `EMA: loadStateDict: the state has ${state.shadow.length} tensors, EMA tracks ${this.params.length}.`,
      );
    }
    this.decay = state.decay;
    this.warmup = state.warmup;
    this.numUpdates = state.numUpdates;
    this.#shadow = state.shadow.map((s) => Float32Array.from(s));
  }
}
