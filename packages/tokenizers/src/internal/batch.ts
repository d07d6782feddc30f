import { ValueError } from '../errors';
import type { BatchEncoding, EncodeBatchOptions } from '../tokenizer';

function checkLength(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ValueError(`${where}: '${name}' must be a non-negative integer, got ${String(value)}.`);
  }
  return value;
}

/** Truncates and pads already-encoded sequences as `options` asks, and builds the attention mask. */
export function toBatch(
  where: string,
  sequences: number[][],
  options: EncodeBatchOptions,
  defaultPadId: number | undefined,
  vocabSize: number,
): BatchEncoding {
  const { maxLength, padTo, padSide = 'right' } = options;
  if (padSide !== 'left' && padSide !== 'right') {
    throw new ValueError(`${where}: 'padSide' must be 'left' or 'right', got ${String(padSide)}.`);
  }
  let ids = sequences;
  if (maxLength !== undefined) {
    const limit = checkLength(where, 'maxLength', maxLength);
    ids = ids.map((seq) => (seq.length > limit ? seq.slice(0, limit) : seq));
  }
  if (padTo === undefined) {
    return { ids, attentionMask: ids.map((seq) => new Array<number>(seq.length).fill(1)) };
  }
  let target: number;
  if (padTo === 'longest') {
    target = ids.reduce((longest, seq) => Math.max(longest, seq.length), 0);
  } else {
    target = checkLength(where, 'padTo', padTo);
    const index = ids.findIndex((seq) => seq.length > target);
    if (index >= 0) {
      throw new ValueError(
        `${where}: text ${index} has ${ids[index].length} tokens, more than 'padTo' (${target}); ` +
          `pass 'maxLength' to truncate.`,
      );
    }
  }
  const padId = options.padId ?? defaultPadId;
  if (padId === undefined) {
    if (ids.every((seq) => seq.length === target)) {
      return { ids, attentionMask: ids.map((seq) => new Array<number>(seq.length).fill(1)) };
    }
    throw new ValueError(
      `${where}: padding needs a pad token; configure 'padToken' on the tokenizer or pass 'padId'.`,
    );
  }
  if (!Number.isInteger(padId) || padId < 0 || padId >= vocabSize) {
    throw new ValueError(`${where}: 'padId' must be an id in [0, ${vocabSize}), got ${String(padId)}.`);
  }
  const padded: number[][] = [];
  const attentionMask: number[][] = [];
  for (const seq of ids) {
    const pad = new Array<number>(target - seq.length).fill(padId);
    const ones = new Array<number>(seq.length).fill(1);
    const zeros = new Array<number>(target - seq.length).fill(0);
    padded.push(padSide === 'right' ? [...seq, ...pad] : [...pad, ...seq]);
    attentionMask.push(padSide === 'right' ? [...ones, ...zeros] : [...zeros, ...ones]);
  }
  return { ids: padded, attentionMask };
}
