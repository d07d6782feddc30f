import { causalLmLoss } from '@llm/losses';
import { AdamW, clipGradNorm, getCosineScheduleWithWarmup } from '@llm/optim';
import { Generator, noGrad, registerWasmBackend, setBackend } from '@llm/tensor';
import { registerWasmBackendThreaded } from '@llm/tensor/node';
import { CharTokenizer } from '@llm/tokenizers';
import { GPT } from '@llm/transformer';
import { type CheckpointState, type HistoryPoint, loadCheckpoint, saveCheckpoint } from './checkpoint';
import type { TrainConfig } from './config';
import { buildCorpus, type Corpus, loadText, sampleBatch } from './data';

export interface StepReport {
  step: number;
  loss: number;
  lr: number;
  tokensPerSecond: number;
  valLoss?: number;
}

export interface TrainHooks {
  /** Called after every optimizer step. */
  onStep?: (r: StepReport) => void;
  /** Called once the data is ready, with the step training starts after (non-zero when resumed). */
  onStart?: (info: { startStep: number; corpus: Corpus; model: GPT }) => void;
  /** Stop early after this step (tests use it to simulate an interrupted run). */
  stopAfter?: number;
  /** Text to train on instead of reading `config.data` (tests). */
  text?: string;
}

export interface TrainResult {
  model: GPT;
  tokenizer: CharTokenizer;
  corpus: Corpus;
  history: HistoryPoint[];
  step: number;
}

/** Mean causal-LM loss over `batches` random validation windows, from a generator that leaves training's stream alone. */
export function estimateLoss(model: GPT, ids: Int32Array, config: TrainConfig, seed: number): number {
  const g = new Generator(seed);
  const wasTraining = model.training;
  model.eval();
  let total = 0;
  noGrad(() => {
    for (let i = 0; i < config.evalBatches; i++) {
      const x = sampleBatch(ids, config.batchSize, config.blockSize, g);
      total += causalLmLoss(model.forward(x), x).item();
    }
  });
  model.train(wasTraining);
  return total / config.evalBatches;
}

/**
 * Trains (or resumes training of) a character-level GPT with AdamW, linear warm-up + cosine decay and
 * gradient clipping, evaluating and checkpointing as configured.
 */
export async function train(config: TrainConfig, hooks: TrainHooks = {}): Promise<TrainResult> {
  if (config.backend === 'wasm') {
    // Threads split large matmuls by rows; results are bitwise identical to one thread.
    if (config.threads > 1) await registerWasmBackendThreaded({ threads: config.threads });
    else await registerWasmBackend();
  }
  setBackend(config.backend);
  let resumed: CheckpointState | null = null;
  let weights: Awaited<ReturnType<typeof loadCheckpoint>>['weights'] | null = null;
  if (config.resume) ({ state: resumed, weights } = await loadCheckpoint(config.out));

  const text = hooks.text ?? loadText(config.data, config.maxChars);
  const tokenizer = resumed ? CharTokenizer.fromJSON(resumed.tokenizer) : CharTokenizer.fromText(text);
  const corpus = buildCorpus(text, config.valFraction, tokenizer);

  const model = new GPT(
    resumed?.model ?? {
      vocabSize: tokenizer.vocabSize,
      blockSize: config.blockSize,
      nLayer: config.nLayer,
      nHead: config.nHead,
      nEmbd: config.nEmbd,
      dropout: config.dropout,
      seed: config.seed,
    },
  );
  if (weights) model.loadStateDict(weights.tensors);
  const blockSize = model.config.blockSize;
  const runConfig = { ...config, blockSize };

  // Decay matrices only (nanoGPT's grouping): biases and norm gains keep their scale.
  const params = model.parameters();
  const optimizer = new AdamW(
    [
      { params: params.filter((p) => p.ndim >= 2), weightDecay: config.weightDecay },
      { params: params.filter((p) => p.ndim < 2), weightDecay: 0 },
    ],
    { lr: config.lr, betas: [0.9, 0.95] },
  );
  const scheduler = getCosineScheduleWithWarmup(optimizer, {
    numWarmupSteps: Math.min(config.warmupSteps, config.steps),
    numTrainingSteps: config.steps,
    minLrRate: config.minLrRate,
  });
  const g = new Generator(config.seed);
  const history: HistoryPoint[] = resumed?.history ?? [];
  let step = resumed?.step ?? 0;
  if (resumed) {
    optimizer.loadStateDict(resumed.optimizer);
    scheduler.loadStateDict(resumed.scheduler);
    g.setState(resumed.generator);
  }
  hooks.onStart?.({ startStep: step, corpus, model });

  const save = () =>
    saveCheckpoint(config.out, model, {
      step,
      train: config,
      tokenizer: tokenizer.toJSON(),
      optimizer: optimizer.stateDict(),
      scheduler: scheduler.stateDict(),
      generator: g.getState(),
      history,
    });

  model.train();
  while (step < config.steps) {
    const started = performance.now();
    const x = sampleBatch(corpus.train, config.batchSize, blockSize, g);
    const loss = causalLmLoss(model.forward(x), x); // predicts x[:, 1:] from x[:, :-1]
    optimizer.zeroGrad();
    loss.backward();
    if (config.gradClip > 0) clipGradNorm(params, config.gradClip);
    const lr = scheduler.getLastLr()[0];
    optimizer.step();
    scheduler.step();
    step++;
    const point: HistoryPoint = { step, trainLoss: loss.item(), lr };
    if (step % config.evalInterval === 0 || step === config.steps) {
      point.valLoss = estimateLoss(model, corpus.val, runConfig, config.seed + step);
    }
    history.push(point);
    const seconds = (performance.now() - started) / 1000;
    hooks.onStep?.({
      step,
      loss: point.trainLoss,
      lr,
      tokensPerSecond: (config.batchSize * blockSize) / seconds,
      valLoss: point.valLoss,
    });
    if (step % config.checkpointInterval === 0 || step === config.steps || step === hooks.stopAfter)
      await save();
    if (step === hooks.stopAfter) break;
  }
  return { model, tokenizer, corpus, history, step };
}
