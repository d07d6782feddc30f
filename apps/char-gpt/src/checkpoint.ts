import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSafetensorsFile, saveSafetensorsFile } from '@llm/nn/node';
import type { OptimizerStateDict, SchedulerStateDict } from '@llm/optim';
import type { GeneratorState } from '@llm/tensor';
import type { CharTokenizerJSON } from '@llm/tokenizers';
import type { GPT, GPTConfig } from '@llm/transformer';
import type { TrainConfig } from './config';

/** One point of the learning curves. */
export interface HistoryPoint {
  step: number;
  trainLoss: number;
  valLoss?: number;
  lr: number;
}

/** What `state.json` holds next to `model.safetensors`. */
export interface CheckpointState {
  version: 1;
  step: number;
  model: GPTConfig;
  train: TrainConfig;
  tokenizer: CharTokenizerJSON;
  optimizer: OptimizerStateDict;
  scheduler: SchedulerStateDict;
  generator: GeneratorState;
  history: HistoryPoint[];
}

const MODEL_FILE = 'model.safetensors';
const STATE_FILE = 'state.json';

export function hasCheckpoint(dir: string): boolean {
  return existsSync(join(dir, MODEL_FILE)) && existsSync(join(dir, STATE_FILE));
}

/**
 * Saves weights (safetensors, with the step in its metadata) then training state (JSON), each
 * written to a temporary file and renamed, so an interrupted save never leaves a torn file. The
 * step recorded in both lets `loadCheckpoint` reject a pair from two different saves.
 */
export async function saveCheckpoint(
  dir: string,
  model: GPT,
  state: Omit<CheckpointState, 'version' | 'model'>,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await saveSafetensorsFile(join(dir, MODEL_FILE), model.stateDict(), {
    step: String(state.step),
    format: 'char-gpt',
  });
  const full: CheckpointState = { version: 1, model: model.config, ...state };
  const tmp = join(dir, `.${STATE_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(full));
  renameSync(tmp, join(dir, STATE_FILE));
}

/** Reads and validates a checkpoint; the caller builds the model from `state.model` and loads `weights` into it. */
export async function loadCheckpoint(
  dir: string,
): Promise<{ state: CheckpointState; weights: Awaited<ReturnType<typeof loadSafetensorsFile>> }> {
  if (!hasCheckpoint(dir))
    throw new Error(`--resume: no checkpoint in '${dir}' (expected ${MODEL_FILE} and ${STATE_FILE}).`);
  let state: CheckpointState;
  try {
    state = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8'));
  } catch (e) {
    throw new Error(`--resume: '${join(dir, STATE_FILE)}' is not valid JSON (${(e as Error).message}).`);
  }
  if (
    state?.version !== 1 ||
    !Number.isInteger(state.step) ||
    !state.model ||
    !state.tokenizer ||
    !state.optimizer
  ) {
    throw new Error(`--resume: '${join(dir, STATE_FILE)}' is not a char-gpt checkpoint (version 1).`);
  }
  const weights = await loadSafetensorsFile(join(dir, MODEL_FILE));
  if (weights.metadata?.step !== String(state.step)) {
    throw new Error(
      `--resume: the weights are from step ${weights.metadata?.step ?? '?'} but the state from step ${state.step}; the checkpoint is torn.`,
    );
  }
  return { state, weights };
}
