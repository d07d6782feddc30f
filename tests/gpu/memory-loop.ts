import { SGD } from '@llm/optim';
import { Generator, getBackend, randn, setBackend, type Tensor } from '@llm/tensor';

export interface MemoryLoopResult {
  /** Live device buffers after each sample point (every `steps / 6` steps, after a forced GC). */
  readonly samples: readonly number[];
  /** Growth from the first sample (after warm-up) to the last. */
  readonly growth: number;
}

/** Runs a full collection and lets FinalizationRegistry callbacks (which free device buffers) run. */
async function collect(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memoryLoop: run with --expose-gc, the check must force garbage collection.');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export interface MemoryLoopOptions {
  /** Called with each step's loss (a test keeps them to prove that a leak is seen). */
  onStep?: (loss: Tensor) => void;
}

/**
 * Trains a two-layer MLP (8 → 16 → 1) with SGD for `steps` small steps under `backend` without
 * `tidy` or `dispose`, as a user would write it, and samples `liveBuffers()` (the backend's count of
 * device buffers) after forced GCs. Memory is flat when the count does not grow once warmed up.
 */
export async function memoryLoop(
  backend: string,
  steps: number,
  liveBuffers: () => number,
  options: MemoryLoopOptions = {},
): Promise<MemoryLoopResult> {
  const previous = getBackend().name;
  setBackend(backend);
  try {
    const g = new Generator(5);
    const w1 = randn([8, 16], { generator: g }).mul(0.3).detach().requiresGrad_();
    const w2 = randn([16, 1], { generator: g }).mul(0.3).detach().requiresGrad_();
    const optimizer = new SGD([w1, w2], { lr: 0.05 });
    const x = randn([4, 8], { generator: g });
    const y = randn([4, 1], { generator: g });
    const every = Math.max(1, Math.floor(steps / 6));
    const samples: number[] = [];
    for (let step = 1; step <= steps; step++) {
      const loss = x.matmul(w1).relu().matmul(w2).sub(y).square().mean(); // (4, 1) → scalar
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
      await loss.itemAsync();
      options.onStep?.(loss);
      if (step % every === 0) {
        await collect();
        samples.push(liveBuffers());
      }
    }
    return { samples, growth: samples.at(-1)! - samples[0] };
  } finally {
    setBackend(previous);
  }
}
