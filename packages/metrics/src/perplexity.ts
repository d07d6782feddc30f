import { ShapeError, ValueError } from './errors';
import {
  checkArray,
  checkInteger,
  checkNonEmpty,
  checkNumbers,
  checkRange,
  describe,
} from './internal/validate';

export interface PerplexityResult {
  /** `exp(meanNll)`. */
  perplexity: number;
  /** Mean negative log-likelihood per token, in nats. */
  meanNll: number;
  /** Number of tokens the mean is over. */
  tokens: number;
}

/**
 * Perplexity `PPL = exp(NLL̄)` from a mean negative log-likelihood in nats (the loss a language model
 * reports); with `base: 2` the NLL is read in bits and `PPL = 2^NLL̄`.
 */
export function perplexityFromNll(meanNll: number, options: { base?: 'e' | 2 } = {}): number {
  const fn = 'perplexityFromNll';
  checkRange(fn, 'meanNll', meanNll, 0, Number.MAX_VALUE);
  const base = options.base ?? 'e';
  if (base !== 'e' && base !== 2)
    throw new ValueError(`${fn}: 'base' must be one of 'e', 2, got ${describe(base)}.`);
  return base === 2 ? 2 ** meanNll : Math.exp(meanNll);
}

/**
 * Perplexity `exp(−(1/T) Σ_t log p(x_t | x_<t))` from per-token natural-log probabilities, optionally masked
 * (mask 0 drops a token, e.g. padding).
 */
export function perplexity(
  logProbs: ArrayLike<number>,
  options: { mask?: ArrayLike<number> } = {},
): PerplexityResult {
  const fn = 'perplexity';
  const lp = checkNumbers(fn, 'logProbs', logProbs);
  checkNonEmpty(fn, 'logProbs', lp);
  let mask: ArrayLike<number> | undefined;
  if (options.mask !== undefined) {
    mask = checkNumbers(fn, 'mask', options.mask);
    if (mask.length !== lp.length) {
      throw new ShapeError(
        `${fn}: 'mask' must have length ${lp.length} to match 'logProbs', got ${mask.length}.`,
      );
    }
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < lp.length; i++) {
    if (lp[i]! > 0)
      throw new ValueError(`${fn}: 'logProbs' must be <= 0 (log-probabilities), got ${lp[i]} at index ${i}.`);
    if (mask && mask[i] === 0) continue;
    sum -= lp[i]!;
    count++;
  }
  if (count === 0) throw new ValueError(`${fn}: 'mask' must keep at least one token, got none.`);
  const meanNll = sum / count;
  return { perplexity: Math.exp(meanNll), meanNll, tokens: count };
}

/** A [T, V] matrix of logits: nested arrays, or a flat array with its vocabulary size (as a tensor's data). */
export type Logits = ReadonlyArray<ArrayLike<number>> | { data: ArrayLike<number>; vocabSize: number };

/**
 * Per-token log-probabilities `log softmax(z_t)[y_t] = z_{t,y} − log Σ_v e^{z_{t,v}}` (max-shifted for
 * stability) from logits and target ids; feed the result to `perplexity`. Use `ignoreIndex` for padding.
 */
export function logProbsFromLogits(
  logits: Logits,
  targets: ArrayLike<number>,
  options: { ignoreIndex?: number } = {},
): { logProbs: number[]; mask: number[] } {
  const fn = 'logProbsFromLogits';
  let rows: number;
  let V: number;
  let at: (t: number, v: number) => number;
  if (Array.isArray(logits)) {
    checkArray(fn, 'logits', logits);
    const m = logits as ReadonlyArray<ArrayLike<number>>;
    checkNonEmpty(fn, 'logits', m);
    rows = m.length;
    V = m[0]!.length;
    m.forEach((r, i) => {
      checkNumbers(fn, `logits[${i}]`, r);
      if (r.length !== V)
        throw new ShapeError(
          `${fn}: 'logits[${i}]' must have length ${V} to match 'logits[0]', got ${r.length}.`,
        );
    });
    at = (t, v) => m[t]![v]!;
  } else {
    const { data, vocabSize } = logits as { data: ArrayLike<number>; vocabSize: number };
    V = checkInteger(fn, 'vocabSize', vocabSize, 1);
    const d = checkNumbers(fn, 'logits.data', data);
    if (d.length % V !== 0) {
      throw new ShapeError(
        `${fn}: 'logits.data' must have a length divisible by 'vocabSize' ${V}, got ${d.length}.`,
      );
    }
    rows = d.length / V;
    at = (t, v) => d[t * V + v]!;
  }
  const tg = checkNumbers(fn, 'targets', targets);
  if (tg.length !== rows)
    throw new ShapeError(`${fn}: 'targets' must have length ${rows} to match 'logits', got ${tg.length}.`);
  const logProbs: number[] = [];
  const mask: number[] = [];
  for (let t = 0; t < rows; t++) {
    const y = tg[t]!;
    if (options.ignoreIndex !== undefined && y === options.ignoreIndex) {
      logProbs.push(0);
      mask.push(0);
      continue;
    }
    if (!Number.isInteger(y) || y < 0 || y >= V) {
      throw new ValueError(`${fn}: 'targets' must be integers in [0, ${V - 1}], got ${y} at index ${t}.`);
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let v = 0; v < V; v++) max = Math.max(max, at(t, v));
    let sum = 0;
    for (let v = 0; v < V; v++) sum += Math.exp(at(t, v) - max);
    logProbs.push(at(t, y) - max - Math.log(sum));
    mask.push(1);
  }
  return { logProbs, mask };
}

/**
 * Bits per unit `BPC = Σ_t NLL_t / (units · ln 2)` from the total negative log-likelihood in nats of a text and
 * its length in characters (bits per character) or UTF-8 bytes (bits per byte).
 */
export function bitsPerUnit(totalNll: number, units: number): number {
  const fn = 'bitsPerUnit';
  checkRange(fn, 'totalNll', totalNll, 0, Number.MAX_VALUE);
  checkInteger(fn, 'units', units, 1);
  return totalNll / (units * Math.LN2);
}

/** Bits per character `Σ NLL / (n_chars · ln 2)` of `text` (characters are Unicode code points). */
export function bitsPerCharacter(totalNll: number, text: string): number {
  if (typeof text !== 'string')
    throw new ValueError(`bitsPerCharacter: 'text' must be a string, got ${describe(text)}.`);
  return bitsPerUnit(totalNll, [...text].length);
}

/** Bits per byte `Σ NLL / (n_bytes · ln 2)` of `text` encoded as UTF-8. */
export function bitsPerByte(totalNll: number, text: string): number {
  if (typeof text !== 'string')
    throw new ValueError(`bitsPerByte: 'text' must be a string, got ${describe(text)}.`);
  return bitsPerUnit(totalNll, new TextEncoder().encode(text).length);
}
