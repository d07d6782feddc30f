import { causalLmLoss } from '@llm/losses';
import { AdamW, type AdamWOptions } from '@llm/optim';
import { Generator, getBackend, randint, setBackend } from '@llm/tensor';
import { GPT, type GPTConfig } from '@llm/transformer';

/** The tiny GPT every GPU path trains: small enough for software GPUs, with every GPT kernel in it. */
export const tinyGptConfig: GPTConfig = {
  vocabSize: 16,
  blockSize: 8,
  nLayer: 2,
  nHead: 2,
  nEmbd: 16,
  dropout: 0,
  seed: 3,
};

/** Sequences per step; the batch is fixed (seeded), so the loss must fall step after step. */
const batchSize = 2;

/** torch.optim.AdamW's defaults but a large lr, so that three steps move the loss well past rounding. */
const adamw: AdamWOptions = {
  lr: 1e-2,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0.01,
  amsgrad: false,
  maximize: false,
};

export interface TinyGptOptions {
  /** AdamW steps to take (default 3). */
  steps?: number;
  /**
   * `'sync'` (default): `AdamW.step()`, which reads parameters and gradients synchronously.
   * `'async'`, for backends whose results can only be read asynchronously (WebGPU):
   * `AdamW.stepAsync()`, the same update over `dataAsync()` reads.
   */
  readback?: 'sync' | 'async';
}

/**
 * Trains the tiny GPT (`tinyGptConfig`) with AdamW (lr 1e-2, weight decay 0.01) on one seeded batch
 * of token ids under `backend`, and returns the loss of every step (read with `itemAsync`, which every
 * backend supports). The previously active backend is active again afterwards.
 */
export async function trainTinyGpt(backend: string, options: TinyGptOptions = {}): Promise<number[]> {
  const { steps = 3, readback = 'sync' } = options;
  const previous = getBackend().name;
  setBackend(backend);
  try {
    const model = new GPT(tinyGptConfig);
    model.train();
    const params = model.parameters();
    const optimizer = new AdamW(params, adamw);
    const ids = randint(0, tinyGptConfig.vocabSize, [batchSize, tinyGptConfig.blockSize], {
      generator: new Generator(11),
    });
    const losses: number[] = [];
    for (let step = 0; step < steps; step++) {
      const logits = model.forward(ids); // (B, T, V)
      const loss = causalLmLoss(logits, ids);
      optimizer.zeroGrad();
      loss.backward();
      if (readback === 'sync') optimizer.step();
      else await optimizer.stepAsync();
      losses.push(await loss.itemAsync());
    }
    return losses;
  } finally {
    setBackend(previous);
  }
}

/**
 * The worst |got − want| / (1e-6 + rtol·|want|) over the step losses of two runs (<= 1: they agree);
 * throws when the runs took different numbers of steps or the reference did not learn.
 */
export function compareLosses(got: readonly number[], want: readonly number[], rtol = 1e-4): number {
  if (got.length !== want.length || want.length < 2)
    throw new Error(`compareLosses: ${got.length} losses against ${want.length} reference losses.`);
  if (!(want.at(-1)! < want[0]))
    throw new Error(`compareLosses: the reference loss did not fall (${want.join(', ')}).`);
  return Math.max(...want.map((w, i) => Math.abs(got[i] - w) / (1e-6 + rtol * Math.abs(w))));
}
