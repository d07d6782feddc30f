import { porterStem } from './porter-stemmer';

/**
 * rouge-score's default tokeniser: lowercase, every run of characters outside [a-z0-9] becomes a space,
 * tokens longer than 3 characters are Porter-stemmed, and only [a-z0-9]+ tokens are kept. Every non-ASCII
 * letter is dropped, which is why Thai or Chinese text scores 0 with it.
 */
export function rougeTokenize(text: string, stem: boolean): string[] {
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/);
  const out: string[] = [];
  for (const t of tokens) {
    const s = stem && t.length > 3 ? porterStem(t) : t;
    if (/^[a-z0-9]+$/.test(s)) out.push(s);
  }
  return out;
}

// Scripts written without spaces between words: each character is a token.
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * A Unicode-aware tokeniser: lowercase, NFC, words are runs of letters, digits and marks, and characters of
 * scripts without word spaces (Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan) are single tokens; only
 * ASCII words are Porter-stemmed.
 */
export function unicodeTokenize(text: string, stem: boolean): string[] {
  const out: string[] = [];
  for (const [word] of text.normalize('NFC').toLowerCase().matchAll(WORD)) {
    let buf = '';
    for (const ch of word) {
      if (UNSPACED.test(ch)) {
        if (buf) out.push(buf);
        buf = '';
        out.push(ch);
      } else if (
        /\p{M}/u.test(ch) &&
        buf === '' &&
        out.length > 0 &&
        UNSPACED.test(out[out.length - 1]!.slice(-1))
      ) {
        // A combining mark (Thai vowel signs, tone marks) stays with the character before it.
        out[out.length - 1] += ch;
      } else buf += ch;
    }
    if (buf) out.push(buf);
  }
  return out.map((t) => (stem && t.length > 3 && /^[a-z0-9]+$/.test(t) ? porterStem(t) : t));
}

/** Share of letters and digits the default tokeniser throws away (non-ASCII ones). */
export function droppedShare(text: string): { dropped: number; total: number } {
  let dropped = 0;
  let total = 0;
  for (const ch of text.toLowerCase()) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      total++;
      if (!/[a-z0-9]/.test(ch)) dropped++;
    }
  }
  return { dropped, total };
}
