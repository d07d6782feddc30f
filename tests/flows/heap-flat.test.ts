import { causalLmLoss } from '@llm/losses';
import { AdamW, clipGradNorm, getCosineScheduleWithWarmup } from '@llm/optim';
import { ones, registerWasmBackend, type Tensor, tensor, withBackend } from '@llm/tensor';
import { GPT } from '@llm/transformer';
import { beforeAll, describe, expect, it } from 'vitest';

// The training loop must not keep anything from one step to the next: over 2,000 steps of a tiny GPT
// (AdamW, gradient clipping, a warm-up + cosine schedule), the heap measured after a full GC must not
// grow. A leak is seen as a slope: bytes per step, fitted by least squares through samples taken
// every 100 steps after a warm-up, so a single noisy sample cannot fail it and a steady leak of a
// kilobyte a step cannot pass.

const steps = 2_000;
const warmup = 500;
const every = 100;
/**
 * Largest growth in bytes per step that still counts as flat. V8 keeps compiling hot functions for a
 * few thousand steps (code space and feedback grow by ~0.5 MB in all, ever more slowly), which clean
 * runs show as 50–350 B/step; keeping the loss tensors, with their graphs, costs ~190 KB a step, and
 * keeping one 512-float tensor a step 2 KB of array buffers.
 */
const flatBytesPerStep = 1024;

/** `globalThis.gc`, which the `tests` project's fork pool exposes with `--expose-gc`. */
function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc)
    throw new Error('heap-flat: run with --expose-gc (tests/vitest.config.ts passes it to the fork pool).');
  gc();
  gc();
}

interface Growth {
  heapUsed: number;
  arrayBuffers: number;
  samples: number;
}

/** Least-squares slope of `ys` over `xs`. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Runs `step` `count` times; from step `from` on, samples the collected heap every `every` steps. */
function measureGrowth(step: (i: number) => void, count: number, from = warmup): Growth {
  const at: number[] = [];
  const heap: number[] = [];
  const buffers: number[] = [];
  for (let i = 1; i <= count; i++) {
    step(i);
    if (i >= from && i % every === 0) {
      collect();
      const usage = process.memoryUsage();
      at.push(i);
      heap.push(usage.heapUsed);
      buffers.push(usage.arrayBuffers);
    }
  }
  return { heapUsed: slope(at, heap), arrayBuffers: slope(at, buffers), samples: at.length };
}

/** One step of a tiny GPT trained on a fixed batch; `keep` receives each step's loss tensor. */
function trainer(keep?: (loss: Tensor) => void): (i: number) => void {
  const model = new GPT({ vocabSize: 12, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 16, seed: 1, dropout: 0 });
  model.train();
  const optimizer = new AdamW(model.parameters(), { lr: 3e-3, weightDecay: 0.1 });
  const schedule = getCosineScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: steps });
  const ids = Array.from({ length: 4 }, (_, b) => Array.from({ length: 8 }, (_, t) => (b * 5 + t * 3) % 12));
  const x = tensor(ids, { dtype: 'int32' });
  return () => {
    const loss = causalLmLoss(model.forward(x), x);
    optimizer.zeroGrad();
    loss.backward();
    clipGradNorm(model.parameters(), 1);
    optimizer.step();
    schedule.step();
    keep?.(loss);
    if (!Number.isFinite(loss.item())) throw new Error('heap-flat: the loss is not finite.');
  };
}

const ones512 = ones([512]);

describe('the training loop keeps the heap flat', () => {
  beforeAll(async () => {
    await registerWasmBackend();
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`over ${steps} steps of a tiny GPT with AdamW, clipping and a schedule on ${backend}`, () => {
      const growth = withBackend(backend, () => measureGrowth(trainer(), steps));
      console.log(`heap-flat ${backend}: ${JSON.stringify(growth)} bytes/step`);
      expect(growth.samples).toBe((steps - warmup) / every + 1);
      expect(Math.abs(growth.heapUsed)).toBeLessThan(flatBytesPerStep);
      expect(Math.abs(growth.arrayBuffers)).toBeLessThan(flatBytesPerStep);
    });
  }

  it('detects real leaks: the same loop keeping every loss tensor, or one small tensor a step', () => {
    const losses: Tensor[] = [];
    const graphs = withBackend('wasm', () =>
      measureGrowth(
        trainer((loss) => losses.push(loss)),
        400,
        100,
      ),
    );
    console.log(`heap-flat keeping losses: ${JSON.stringify(graphs)} bytes/step`);
    expect(graphs.heapUsed + graphs.arrayBuffers).toBeGreaterThan(10 * flatBytesPerStep);
    const small: Tensor[] = [];
    const one = withBackend('wasm', () =>
      measureGrowth(
        trainer((loss) => small.push(loss.detach().mul(ones512))),
        1_000,
        200,
      ),
    );
    console.log(`heap-flat keeping a 512-float tensor: ${JSON.stringify(one)} bytes/step`);
    expect(one.arrayBuffers).toBeGreaterThan(flatBytesPerStep);
  });
});
