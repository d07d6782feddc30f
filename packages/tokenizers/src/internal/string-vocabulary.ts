import { ValueError } from '../errors';
import { checkIdCover, checkNamedSpecial, readOptionalString, readTokenIds } from './json';
import { SpecialTokens } from './special-tokens';

/**
 * The vocabulary of a tokenizer whose tokens are strings (characters, words): special tokens and
 * ordinary tokens share one id space, and lookups go both ways.
 */
export class StringVocabulary {
  readonly specials: SpecialTokens;
  /** Ordinary (non-special) tokens and their ids. */
  readonly ordinary: ReadonlyMap<string, number>;
  readonly padToken: string | null;
  readonly unkToken: string | null;
  readonly padId: number | undefined;
  readonly unkId: number | undefined;
  private readonly tokens: string[];

  constructor(
    specials: ReadonlyMap<string, number>,
    ordinary: ReadonlyMap<string, number>,
    padToken: string | null,
    unkToken: string | null,
  ) {
    this.specials = new SpecialTokens(specials);
    this.ordinary = ordinary;
    this.padToken = padToken;
    this.unkToken = unkToken;
    this.padId = padToken === null ? undefined : specials.get(padToken);
    this.unkId = unkToken === null ? undefined : specials.get(unkToken);
    this.tokens = new Array<string>(specials.size + ordinary.size);
    for (const [token, id] of specials) this.tokens[id] = token;
    for (const [token, id] of ordinary) this.tokens[id] = token;
  }

  /** Special tokens get ids `0..k-1` in order, ordinary tokens follow in order. */
  static build(
    specialList: readonly string[],
    ordinaryList: readonly string[],
    padToken: string | null,
    unkToken: string | null,
  ): StringVocabulary {
    const specials = new Map(specialList.map((token, i) => [token, i] as const));
    const ordinary = new Map(ordinaryList.map((token, i) => [token, specialList.length + i] as const));
    return new StringVocabulary(specials, ordinary, padToken, unkToken);
  }

  /** Reads and validates the `vocab`, `specialTokens`, `padToken` and `unkToken` fields of a JSON object. */
  static fromJSON(where: string, obj: Record<string, unknown>): StringVocabulary {
    const ordinary = readTokenIds(where, obj, 'vocab');
    const specials = readTokenIds(where, obj, 'specialTokens');
    checkIdCover(where, [
      ['vocab', ordinary],
      ['specialTokens', specials],
    ]);
    for (const token of [...ordinary.keys(), ...specials.keys()]) {
      if (token.length === 0) throw new ValueError(`${where}: the vocabulary contains an empty token.`);
    }
    const padToken = readOptionalString(where, obj, 'padToken');
    const unkToken = readOptionalString(where, obj, 'unkToken');
    checkNamedSpecial(where, 'padToken', padToken, specials);
    checkNamedSpecial(where, 'unkToken', unkToken, specials);
    return new StringVocabulary(specials, ordinary, padToken, unkToken);
  }

  get size(): number {
    return this.tokens.length;
  }

  tokenToId(token: string): number | undefined {
    return this.ordinary.get(token) ?? this.specials.get(token);
  }

  idToToken(id: number): string | undefined {
    return Number.isInteger(id) ? this.tokens[id] : undefined;
  }

  /** The fields every string-vocabulary tokenizer writes, with tokens in id order. */
  toJSON(): {
    vocab: Record<string, number>;
    specialTokens: Record<string, number>;
    padToken: string | null;
    unkToken: string | null;
  } {
    const byId = (map: ReadonlyMap<string, number>) =>
      Object.fromEntries([...map].sort((a, b) => a[1] - b[1]));
    return {
      vocab: byId(this.ordinary),
      specialTokens: this.specials.record(),
      padToken: this.padToken,
      unkToken: this.unkToken,
    };
  }
}

/** Orders strings by Unicode code point (not UTF-16 unit), so astral characters sort after U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
