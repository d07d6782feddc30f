import { BpeTokenizer } from './bpe-tokenizer';
import { CharTokenizer } from './char-tokenizer';
import { ValueError } from './errors';
import type { Tokenizer } from './tokenizer';
import { WordTokenizer } from './word-tokenizer';

/** Rebuilds whichever tokenizer a `toJSON` output (object or JSON string) describes, by its `type` field. */
export function tokenizerFromJSON(json: unknown): Tokenizer {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new ValueError(
        `tokenizerFromJSON: 'json' is a string but not valid JSON (${(error as Error).message}).`,
      );
    }
  }
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  switch (type) {
    case 'char':
      return CharTokenizer.fromJSON(value);
    case 'word':
      return WordTokenizer.fromJSON(value);
    case 'bpe':
      return BpeTokenizer.fromJSON(value);
    default:
      throw new ValueError(
        `tokenizerFromJSON: 'json.type' must be 'char', 'word' or 'bpe', got ${JSON.stringify(type) ?? 'undefined'}.`,
      );
  }
}
