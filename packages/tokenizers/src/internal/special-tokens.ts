import { ValueError } from '../errors';
import type { AllowedSpecial } from '../tokenizer';

/** One piece of a text split around special tokens: ordinary text, or the id of a special token. */
export type Segment = string | number;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * The special tokens of a tokenizer and the splitting of texts around them. Longer tokens win over
 * their prefixes, so `<|endoftext|>` is never cut into `<|end` + ... when both are special.
 */
export class SpecialTokens {
  readonly ids: ReadonlySet<number>;
  private readonly tokenIds: ReadonlyMap<string, number>;
  private readonly patterns = new Map<string, RegExp | null>();

  constructor(tokenIds: ReadonlyMap<string, number>) {
    this.tokenIds = tokenIds;
    this.ids = new Set(tokenIds.values());
  }

  get size(): number {
    return this.tokenIds.size;
  }

  get(token: string): number | undefined {
    return this.tokenIds.get(token);
  }

  /** The special token with this id, or `undefined`. */
  tokenOf(id: number): string | undefined {
    for (const [token, tokenId] of this.tokenIds) if (tokenId === id) return token;
    return undefined;
  }

  /** The special tokens in id order. */
  list(): string[] {
    return [...this.tokenIds].sort((a, b) => a[1] - b[1]).map(([token]) => token);
  }

  record(): Record<string, number> {
    return Object.fromEntries([...this.tokenIds].sort((a, b) => a[1] - b[1]));
  }

  /** Splits `text` into ordinary text and the ids of the allowed special tokens, in order. */
  split(text: string, allowed: AllowedSpecial | undefined, where: string): Segment[] {
    const pattern = this.pattern(allowed ?? 'all', where);
    if (pattern === null) return text.length > 0 ? [text] : [];
    const segments: Segment[] = [];
    let start = 0;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m.index > start) segments.push(text.slice(start, m.index));
      segments.push(this.tokenIds.get(m[0])!);
      start = m.index + m[0].length;
    }
    if (start < text.length) segments.push(text.slice(start));
    return segments;
  }

  private pattern(allowed: AllowedSpecial, where: string): RegExp | null {
    const cacheKey = typeof allowed === 'string' ? allowed : `list:${JSON.stringify(allowed)}`;
    const cached = this.patterns.get(cacheKey);
    if (cached !== undefined) return cached;
    let tokens: string[];
    if (allowed === 'all') tokens = [...this.tokenIds.keys()];
    else if (allowed === 'none') tokens = [];
    else if (Array.isArray(allowed)) {
      for (const token of allowed) {
        if (!this.tokenIds.has(token)) {
          throw new ValueError(
            `${where}: 'allowedSpecial' contains ${JSON.stringify(token)}, which is not a special token ` +
              `(special tokens: ${formatList([...this.tokenIds.keys()])}).`,
          );
        }
      }
      tokens = [...allowed];
    } else {
      throw new ValueError(
        `${where}: 'allowedSpecial' must be 'all', 'none' or a list of special tokens, got ${String(allowed)}.`,
      );
    }
    tokens.sort((a, b) => b.length - a.length);
    const pattern = tokens.length === 0 ? null : new RegExp(tokens.map(escapeRegExp).join('|'), 'gu');
    if (this.patterns.size > 32) this.patterns.clear();
    this.patterns.set(cacheKey, pattern);
    return pattern;
  }
}

/** Formats a list of strings for an error message: `['<pad>', '<unk>']`, or `none`. */
export function formatList(items: readonly string[]): string {
  return items.length === 0 ? 'none' : `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
}

/**
 * The ordered, de-duplicated list of special tokens: `specialTokens` in order, then `padToken` and
 * `unkToken` when they are not already listed.
 */
export function collectSpecialTokens(
  where: string,
  specialTokens: readonly string[] | undefined,
  padToken: string | null | undefined,
  unkToken: string | null | undefined,
): string[] {
  const list = [...(specialTokens ?? [])];
  if (padToken != null) list.push(padToken);
  if (unkToken != null) list.push(unkToken);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const token of list) {
    if (typeof token !== 'string' || token.length === 0) {
      throw new ValueError(
        `${where}: special tokens must be non-empty strings, got ${JSON.stringify(token)}.`,
      );
    }
    if (!seen.has(token)) {
      seen.add(token);
      out.push(token);
    }
  }
  return out;
}
