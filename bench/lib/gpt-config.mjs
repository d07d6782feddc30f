// The tiny GPT of issue #8, shared by every implementation in gpt-train-step.bench.mjs and, through the
// manifest that bench writes, by bench/python/gpt_train_step.py: one config, one batch, one optimizer.
import { mulberry32 } from './mulberry32.mjs';

/** GPT-2 layout (learned positions, pre-norm LayerNorm, GELU(tanh) MLP 4x, tied head, biases), no dropout. */
export const gptConfig = {
  /** Character vocabulary (tiny Shakespeare's 65 symbols). */
  vocabSize: 65,
  /** Context length: every sequence in the batch has this many tokens. */
  blockSize: 64,
  nLayer: 4,
  nHead: 4,
  /** Width of the residual stream; the MLP is 4x this. */
  nEmbd: 128,
  /** Sequences per training step. */
  batchSize: 16,
  /** LayerNorm epsilon (PyTorch's default). */
  layerNormEps: 1e-5,
  /** @llm/transformer's GPT seed; the other implementations load the weights it draws (same init). */
  seed: 0,
  /** Seed of the one token batch every implementation trains on, step after step. */
  batchSeed: 8,
};

/** AdamW as torch.optim.AdamW: decoupled weight decay on every parameter, one group. */
export const adamwConfig = { lr: 3e-4, betas: [0.9, 0.95], eps: 1e-8, weightDecay: 0.1 };

/** The count issue #8 gives for this model; the bench checks the built GPT against it. */
export const expectedParameters = 809_856;

/**
 * Parameters of the GPT-2 layout with a tied head: token and position tables, per layer two LayerNorms
 * (gain + bias), q/k/v/out projections and a 4x MLP with biases, and the final LayerNorm.
 */
export function parameterCount({ vocabSize, blockSize, nLayer, nEmbd: c }) {
  const perLayer = 2 * 2 * c + 4 * (c * c + c) + (c * 4 * c + 4 * c) + (4 * c * c + c);
  return vocabSize * c + blockSize * c + nLayer * perLayer + 2 * c;
}

/** The training batch: (batchSize, blockSize) token ids drawn uniformly from a seeded mulberry32 stream. */
export function batchTokens({ vocabSize, blockSize, batchSize, batchSeed } = gptConfig) {
  const next = mulberry32(batchSeed);
  const out = new Int32Array(batchSize * blockSize);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(next() * vocabSize);
  return out;
}
