import { defaultGenerator, type Generator, ValueError } from '@llm/tensor';

export interface SamplingOptions {
  /** Softmax temperature; 0 means greedy (argmax). Default 1. */
  temperature?: number;
  /** Keep only the k most likely tokens (0 or undefined: all). */
  topK?: number;
  /** Keep the smallest set of tokens whose probability reaches p (nucleus sampling, Holtzman et al. 2019). */
  topP?: number;
  /** Divide positive (multiply negative) logits of tokens already in the sequence by this (CTRL, Keskar et al. 2019). Default 1. */
  repetitionPenalty?: number;
  generator?: Generator;
}

export function validateSampling(op: string, o: SamplingOptions): void {
  const t = o.temperature ?? 1;
  if (!(t >= 0) || !Number.isFinite(t)) throw new ValueError(`${op}: 'temperature' must be >= 0, got ${t}.`);
  if (o.topK !== undefined && (!Number.isInteger(o.topK) || o.topK < 0)) {
    throw new ValueError(`${op}: 'topK' must be a non-negative integer, got ${o.topK}.`);
  }
  if (o.topP !== undefined && !(o.topP > 0 && o.topP <= 1))
    throw new ValueError(`${op}: 'topP' must be in (0, 1], got ${o.topP}.`);
  const r = o.repetitionPenalty ?? 1;
  if (!(r > 0)) throw new ValueError(`${op}: 'repetitionPenalty' must be positive, got ${r}.`);
}

/**
 * Picks the next token from one row of logits after repetition penalty, temperature, top-k and
 * top-p filtering (in that order, as Hugging Face's generate applies them). `history` holds the
 * ids generated or prompted so far.
 */
export function sampleToken(
  logits: ArrayLike<number>,
  history: readonly number[],
  options: SamplingOptions = {},
): number {
  const v = logits.length;
  const scores = Float64Array.from(logits);
  const penalty = options.repetitionPenalty ?? 1;
  if (penalty !== 1) {
    for (const id of new Set(history)) {
      if (id >= 0 && id < v) scores[id] = scores[id] < 0 ? scores[id] * penalty : scores[id] / penalty;
    }
  }
  const temperature = options.temperature ?? 1;
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < v; i++) if (scores[i] > scores[best]) best = i;
    return best;
  }
  for (let i = 0; i < v; i++) scores[i] /= temperature;
  const order = Array.from({ length: v }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  let keep = v;
  if (options.topK && options.topK < v) {
    const kth = scores[order[options.topK - 1]];
    keep = order.findIndex((i) => scores[i] < kth);
    if (keep < 0) keep = v;
  }
  const max = scores[order[0]];
  const probs = order.slice(0, keep).map((i) => Math.exp(scores[i] - max));
  let total = probs.reduce((a, b) => a + b, 0);
  if (options.topP !== undefined && options.topP < 1) {
    let cumulative = 0;
    let cut = probs.length;
    for (let j = 0; j < probs.length; j++) {
      cumulative += probs[j] / total;
      if (cumulative >= options.topP) {
        cut = j + 1;
        break;
      }
    }
    probs.length = cut;
    total = probs.reduce((a, b) => a + b, 0);
  }
  const g = options.generator ?? defaultGenerator;
  let r = g.nextDouble() * total;
  for (let j = 0; j < probs.length; j++) {
    r -= probs[j];
    if (r < 0) return order[j];
  }
  return order[probs.length - 1];
}
