import { ValueError } from './errors';
import { toBatch } from './internal/batch';
import { applyMerges } from './internal/bpe-encode';
import { trainMerges } from './internal/bpe-train';
import { bytesToToken, tokenToBytes } from './internal/byte-level';
import { checkIds, checkText, checkTexts } from './internal/ids';
import {
  checkIdCover,
  checkNamedSpecial,
  FORMAT_VERSION,
  readHeader,
  readOptionalString,
  readString,
  readStringArray,
  readTokenIds,
} from './internal/json';
import { preSplit } from './internal/pre-split';
import { collectSpecialTokens, SpecialTokens } from './internal/special-tokens';
import { GPT4_SPLIT_PATTERN } from './split-patterns';
import type { BatchEncoding, DecodeOptions, EncodeBatchOptions, EncodeOptions, Tokenizer } from './tokenizer';

/** Options for {@link BpeTokenizer}. */
export interface BpeTokenizerOptions {
  /** The pre-split regex source (compiled with the `gu` flags); merges never cross its pieces. {@link GPT4_SPLIT_PATTERN} by default. */
  pattern?: string;
  /** Special tokens, never split, given the ids after the merged tokens in this order; none by default. */
  specialTokens?: readonly string[];
  /** The token `encodeBatch` pads with (added to the special tokens); none by default. */
  padToken?: string | null;
}

/** Options for {@link BpeTokenizer.train}. */
export interface BpeTrainOptions {
  /** Called after every merge with the number of merges done and the number planned, for progress bars. */
  onProgress?: (merged: number, total: number) => void;
}

/**
 * The JSON form of a {@link BpeTokenizer}, with tokens in GPT-2's byte-level alphabet (a space is `Ġ`, a
 * newline `Ċ`) as in Hugging Face `vocab.json` / `merges.txt`.
 */
export interface BpeTokenizerJSON {
  type: 'bpe';
  version: 1;
  /** The pre-split regex source. */
  pattern: string;
  /** Every byte-level token (the 256 bytes and every merge result) and its id. */
  vocab: Record<string, number>;
  /** The merges in rank order, each `'left right'`. */
  merges: string[];
  /** Every special token and its id. */
  specialTokens: Record<string, number>;
  padToken: string | null;
}

const NAME = 'BpeTokenizer';
const CACHE_LIMIT = 100_000;

function compilePattern(where: string, pattern: unknown): RegExp {
  if (typeof pattern !== 'string') {
    throw new ValueError(`${where}: 'pattern' must be a regex source string, got ${typeof pattern}.`);
  }
  try {
    return new RegExp(pattern, 'gu');
  } catch (error) {
    throw new ValueError(
      `${where}: 'pattern' is not a valid regex with the 'u' flag (${(error as Error).message}).`,
    );
  }
}

/**
 * A byte-level byte-pair-encoding tokenizer (GPT-2 / GPT-4 style, after Sennrich et al. 2016,
 * https://arxiv.org/abs/1508.07909): text is pre-split by a regex, each piece is UTF-8 bytes (ids 0-255),
 * and learned merges join frequent pairs, so any string encodes and `decode(encode(s)) === s`.
 */
export class BpeTokenizer implements Tokenizer {
  private readonly regex: RegExp;
  private specials: SpecialTokens;
  private padToken: string | null;
  /** The id of each byte value. */
  private byteIds: number[] = [];
  /** The bytes of each ordinary (non-special) id. */
  private idBytes: Uint8Array[] = [];
  /** The merged pairs in rank order. */
  private mergePairs: Array<[number, number]> = [];
  /** The id produced by the merge of each rank. */
  private mergedIds: number[] = [];
  private ranks = new Map<number, number>();
  private stride = 256;
  private size = 256;
  private tokenIds: Map<string, number> | undefined;
  private cache = new Map<string, number[]>();

  /** Stores and validates the options; the tokenizer starts with the 256 byte tokens and no merges. */
  constructor(options: BpeTokenizerOptions = {}) {
    this.regex = compilePattern(NAME, options.pattern ?? GPT4_SPLIT_PATTERN);
    const specialList = collectSpecialTokens(NAME, options.specialTokens, options.padToken, null);
    this.padToken = options.padToken ?? null;
    this.specials = new SpecialTokens(new Map());
    this.setModel(
      Array.from({ length: 256 }, (_, byte) => byte),
      Array.from({ length: 256 }, (_, byte) => Uint8Array.of(byte)),
      [],
      [],
      new Map(specialList.map((token, i) => [token, 256 + i])),
    );
  }

  /** Rebuilds a tokenizer from {@link BpeTokenizer.toJSON} output (an object or a JSON string), validating it. */
  static fromJSON(json: unknown): BpeTokenizer {
    const where = `${NAME}.fromJSON`;
    const obj = readHeader(where, json, 'bpe');
    const pattern = readString(where, obj, 'pattern');
    compilePattern(where, pattern);
    const vocab = readTokenIds(where, obj, 'vocab');
    const merges = readStringArray(where, obj, 'merges');
    const specials = readTokenIds(where, obj, 'specialTokens');
    const padToken = readOptionalString(where, obj, 'padToken');
    const size = checkIdCover(where, [
      ['vocab', vocab],
      ['specialTokens', specials],
    ]);
    checkNamedSpecial(where, 'padToken', padToken, specials);
    for (const token of specials.keys()) {
      if (token.length === 0) throw new ValueError(`${where}: 'json.specialTokens' contains an empty token.`);
    }

    const idBytes = new Array<Uint8Array>(size);
    const byteIds = new Array<number>(256);
    for (const [token, id] of vocab) {
      const bytes = tokenToBytes(token);
      if (bytes === undefined || bytes.length === 0) {
        throw new ValueError(
          `${where}: 'json.vocab' contains ${JSON.stringify(token)}, which is not a byte-level token ` +
            `(GPT-2's byte-to-character alphabet).`,
        );
      }
      idBytes[id] = bytes;
      if (bytes.length === 1) byteIds[bytes[0]] = id;
    }
    for (let byte = 0; byte < 256; byte++) {
      if (byteIds[byte] === undefined) {
        throw new ValueError(
          `${where}: 'json.vocab' lacks the token ${JSON.stringify(bytesToToken([byte]))} of byte ${byte}; ` +
            'all 256 byte tokens are required.',
        );
      }
    }

    // Each merge may use only byte tokens and the results of earlier merges.
    const known = new Set(byteIds);
    const pairs: Array<[number, number]> = [];
    const mergedIds: number[] = [];
    const seenPairs = new Set<string>();
    merges.forEach((merge, rank) => {
      const parts = merge.split(' ');
      if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
        throw new ValueError(
          `${where}: 'json.merges[${rank}]' must be two tokens separated by one space, got ${JSON.stringify(merge)}.`,
        );
      }
      const ids = parts.map((part) => {
        const id = vocab.get(part);
        if (id === undefined || !known.has(id)) {
          throw new ValueError(
            `${where}: 'json.merges[${rank}]' (${JSON.stringify(merge)}) refers to ${JSON.stringify(part)}, ` +
              `which is not a byte token or the result of an earlier merge.`,
          );
        }
        return id;
      });
      const merged = vocab.get(parts[0] + parts[1]);
      if (merged === undefined) {
        throw new ValueError(
          `${where}: 'json.merges[${rank}]' (${JSON.stringify(merge)}) makes ${JSON.stringify(parts[0] + parts[1])}, ` +
            'which is not in the vocabulary.',
        );
      }
      if (known.has(merged) || seenPairs.has(merge)) {
        throw new ValueError(
          `${where}: 'json.merges[${rank}]' (${JSON.stringify(merge)}) makes ${JSON.stringify(parts[0] + parts[1])}, ` +
            'which an earlier merge or the byte tokens already make.',
        );
      }
      seenPairs.add(merge);
      known.add(merged);
      pairs.push([ids[0], ids[1]]);
      mergedIds.push(merged);
    });
    for (const [token, id] of vocab) {
      if (!known.has(id)) {
        throw new ValueError(
          `${where}: 'json.vocab' contains ${JSON.stringify(token)} (id ${id}), which no merge makes.`,
        );
      }
    }

    const tokenizer = new BpeTokenizer({
      pattern,
      specialTokens: [...specials].sort((a, b) => a[1] - b[1]).map(([token]) => token),
      padToken,
    });
    tokenizer.setModel(byteIds, idBytes, pairs, mergedIds, specials);
    return tokenizer;
  }

  /**
   * Learns `vocabSize - 256 - (number of special tokens)` merges from `text` and returns `this`; each merge
   * joins the most frequent adjacent pair inside a pre-split piece (ties: smaller ids first). Special tokens
   * in `text` are left out. Stops early, with a smaller vocabulary, when no pair is left.
   */
  train(text: string, vocabSize: number, options: BpeTrainOptions = {}): this {
    const where = `${NAME}.train`;
    checkText(where, text);
    const specialList = this.specials.list();
    const minimum = 256 + specialList.length;
    if (!Number.isInteger(vocabSize) || vocabSize < minimum) {
      throw new ValueError(
        `${where}: 'vocabSize' must be an integer >= ${minimum} (256 byte tokens + ${specialList.length} special tokens), got ${String(vocabSize)}.`,
      );
    }
    if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
      throw new ValueError(`${where}: 'onProgress' must be a function, got ${typeof options.onProgress}.`);
    }
    const chunks = new Map<string, number>();
    const count = (chunk: string) => chunks.set(chunk, (chunks.get(chunk) ?? 0) + 1);
    for (const segment of this.specials.split(text, 'all', where)) {
      if (typeof segment === 'string') preSplit(segment, this.regex, count);
    }
    const pairs = trainMerges(chunks, vocabSize - minimum, options.onProgress);

    const idBytes = Array.from({ length: 256 }, (_, byte) => Uint8Array.of(byte));
    const mergedIds: number[] = [];
    for (const [a, b] of pairs) {
      const bytes = new Uint8Array(idBytes[a].length + idBytes[b].length);
      bytes.set(idBytes[a]);
      bytes.set(idBytes[b], idBytes[a].length);
      mergedIds.push(idBytes.length);
      idBytes.push(bytes);
    }
    const specialIds = new Map(specialList.map((token, i) => [token, idBytes.length + i]));
    this.setModel(
      Array.from({ length: 256 }, (_, byte) => byte),
      idBytes,
      pairs,
      mergedIds,
      specialIds,
    );
    return this;
  }

  /** The number of ids: 256 byte tokens, one per merge, and the special tokens. */
  get vocabSize(): number {
    return this.size;
  }

  /** The number of learned merges. */
  get numMerges(): number {
    return this.mergePairs.length;
  }

  /** The pre-split regex source. */
  get pattern(): string {
    return this.regex.source;
  }

  /** The special tokens and their ids. */
  get specialTokens(): Readonly<Record<string, number>> {
    return this.specials.record();
  }

  /** The id of the padding token, or `undefined` without one. */
  get padId(): number | undefined {
    return this.padToken === null ? undefined : this.specials.get(this.padToken);
  }

  /** Turns any string into ids: special tokens (as allowed) become their id, the rest is pre-split, UTF-8 encoded and merged by rank. */
  encode(text: string, options: EncodeOptions = {}): number[] {
    const where = `${NAME}.encode`;
    checkText(where, text);
    const ids: number[] = [];
    const encodeChunk = (chunk: string) => {
      let chunkIds = this.cache.get(chunk);
      if (chunkIds === undefined) {
        chunkIds = this.encodeChunk(chunk);
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(chunk, chunkIds);
      }
      for (const id of chunkIds) ids.push(id);
    };
    for (const segment of this.specials.split(text, options.allowedSpecial, where)) {
      if (typeof segment === 'number') ids.push(segment);
      else preSplit(segment, this.regex, encodeChunk);
    }
    return ids;
  }

  /** Encodes many texts, then truncates to `maxLength` and pads to `padTo`, returning ids and attention masks. */
  encodeBatch(texts: readonly string[], options: EncodeBatchOptions = {}): BatchEncoding {
    const where = `${NAME}.encodeBatch`;
    checkTexts(where, texts);
    const sequences = texts.map((text) => this.encode(text, options));
    return toBatch(where, sequences, options, this.padId, this.size);
  }

  /**
   * Turns ids back into text: the bytes of the ids, decoded as UTF-8, with special tokens as their text.
   * Byte sequences that are not valid UTF-8 (a prefix of a multi-byte character) become U+FFFD.
   */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    checkIds(`${NAME}.decode`, ids, this.size);
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let out = '';
    let run: Uint8Array[] = [];
    let runLength = 0;
    const flush = () => {
      if (runLength === 0) return;
      const bytes = new Uint8Array(runLength);
      let offset = 0;
      for (const part of run) {
        bytes.set(part, offset);
        offset += part.length;
      }
      out += decoder.decode(bytes);
      run = [];
      runLength = 0;
    };
    for (const id of ids) {
      const bytes = this.idBytes[id];
      if (bytes !== undefined) {
        run.push(bytes);
        runLength += bytes.length;
      } else if (!options.skipSpecialTokens) {
        flush();
        out += this.idToToken(id)!;
      }
    }
    flush();
    return out;
  }

  /** The id of a byte-level token string (`'Ġthe'` for `' the'`) or of a special token, or `undefined`. */
  tokenToId(token: string): number | undefined {
    if (this.tokenIds === undefined) {
      const tokenIds = new Map<string, number>();
      this.idBytes.forEach((bytes, id) => {
        tokenIds.set(bytesToToken(bytes), id);
      });
      this.tokenIds = tokenIds;
    }
    return this.tokenIds.get(token) ?? this.specials.get(token);
  }

  /** The byte-level token string of an id (`'Ġthe'` for the bytes of `' the'`), the text of a special token, or `undefined`. */
  idToToken(id: number): string | undefined {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) return undefined;
    const bytes = this.idBytes[id];
    if (bytes !== undefined) return bytesToToken(bytes);
    return this.specials.tokenOf(id);
  }

  /** A plain JSON object (see {@link BpeTokenizerJSON}) that {@link BpeTokenizer.fromJSON} turns back into an equal tokenizer. */
  toJSON(): BpeTokenizerJSON {
    const vocab: Array<[string, number]> = [];
    this.idBytes.forEach((bytes, id) => {
      if (bytes !== undefined) vocab.push([bytesToToken(bytes), id]);
    });
    return {
      type: 'bpe',
      version: FORMAT_VERSION,
      pattern: this.regex.source,
      vocab: Object.fromEntries(vocab),
      merges: this.mergePairs.map(
        ([a, b]) => `${bytesToToken(this.idBytes[a])} ${bytesToToken(this.idBytes[b])}`,
      ),
      specialTokens: this.specials.record(),
      padToken: this.padToken,
    };
  }

  private encodeChunk(chunk: string): number[] {
    const bytes = new TextEncoder().encode(chunk);
    const ids = new Array<number>(bytes.length);
    for (let i = 0; i < bytes.length; i++) ids[i] = this.byteIds[bytes[i]];
    return applyMerges(ids, this.ranks, this.mergedIds, this.stride);
  }

  private setModel(
    byteIds: number[],
    idBytes: Uint8Array[],
    mergePairs: Array<[number, number]>,
    mergedIds: number[],
    specialIds: ReadonlyMap<string, number>,
  ): void {
    this.byteIds = byteIds;
    this.idBytes = idBytes;
    this.mergePairs = mergePairs;
    this.mergedIds = mergedIds;
    this.specials = new SpecialTokens(specialIds);
    this.size = idBytes.reduce((n) => n + 1, 0) + specialIds.size;
    // Ordinary ids may interleave with special ids after fromJSON, so the stride covers them all.
    this.stride = this.size;
    this.ranks = new Map(mergePairs.map(([a, b], rank) => [a * this.stride + b, rank]));
    this.tokenIds = undefined;
    this.cache = new Map();
  }
}
