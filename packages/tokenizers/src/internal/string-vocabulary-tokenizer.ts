import { NotTrainedError } from '../errors';
import type { BatchEncoding, EncodeBatchOptions, EncodeOptions } from '../tokenizer';
import { toBatch } from './batch';
import { checkText, checkTexts } from './ids';
import type { StringVocabulary } from './string-vocabulary';

/**
 * What CharTokenizer and WordTokenizer share around a {@link StringVocabulary}: the not-trained
 * check, the vocabulary getters and lookups, and encoding around special tokens. A subclass says how
 * to train, how ordinary text becomes ids, how ids become text, and what its JSON holds.
 */
export abstract class StringVocabularyTokenizer {
  /** Set by `train` or `fromJSON`; `undefined` until then. */
  protected vocab: StringVocabulary | undefined;

  /** `className` names the tokenizer in error messages (`CharTokenizer.encode: …`). */
  protected constructor(private readonly className: string) {}

  /**
   * Appends the ids of `segment`, a stretch of text without special tokens that starts at UTF-16
   * index `start` of the text being encoded (for error messages).
   */
  protected abstract encodeOrdinary(
    segment: string,
    start: number,
    vocab: StringVocabulary,
    ids: number[],
  ): void;

  /** The number of ids: special tokens plus ordinary tokens (characters or words). */
  get vocabSize(): number {
    return this.trained('vocabSize').size;
  }

  /** The special tokens and their ids. */
  get specialTokens(): Readonly<Record<string, number>> {
    return this.trained('specialTokens').specials.record();
  }

  /** The id of the padding token, or `undefined` without one. */
  get padId(): number | undefined {
    return this.trained('padId').padId;
  }

  /** The id of the unknown token (`unkToken`), or `undefined` without one. */
  get unkId(): number | undefined {
    return this.trained('unkId').unkId;
  }

  /**
   * Turns a text into ids: special tokens that `allowedSpecial` admits become their ids, the text
   * between them one id per character or word; unknown ones become `unkToken` or throw a VocabularyError.
   */
  encode(text: string, options: EncodeOptions = {}): number[] {
    const where = `${this.className}.encode`;
    const vocab = this.trained('encode');
    checkText(where, text);
    const ids: number[] = [];
    let offset = 0;
    for (const segment of vocab.specials.split(text, options.allowedSpecial, where)) {
      if (typeof segment === 'number') {
        ids.push(segment);
        offset += vocab.idToToken(segment)!.length;
      } else {
        this.encodeOrdinary(segment, offset, vocab, ids);
        offset += segment.length;
      }
    }
    return ids;
  }

  /** Encodes many texts, then truncates to `maxLength` and pads to `padTo`, returning ids and attention masks. */
  encodeBatch(texts: readonly string[], options: EncodeBatchOptions = {}): BatchEncoding {
    const where = `${this.className}.encodeBatch`;
    checkTexts(where, texts);
    const vocab = this.trained('encodeBatch');
    const sequences = texts.map((text) => this.encode(text, options));
    return toBatch(where, sequences, options, vocab.padId, vocab.size);
  }

  /** The id of an ordinary or special token, or `undefined`. */
  tokenToId(token: string): number | undefined {
    return this.trained('tokenToId').tokenToId(token);
  }

  /** The ordinary or special token of an id, or `undefined`. */
  idToToken(id: number): string | undefined {
    return this.trained('idToToken').idToToken(id);
  }

  /** The vocabulary, or a NotTrainedError naming the method that needed it. */
  protected trained(method: string): StringVocabulary {
    if (this.vocab === undefined) {
      const name = this.className;
      throw new NotTrainedError(
        `${name}.${method}: the tokenizer has no vocabulary yet; call train(text) or ${name}.fromText(text) first.`,
      );
    }
    return this.vocab;
  }
}
