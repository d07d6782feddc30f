/**
 * Splits `text` into the matches of `pattern` (a global regex) plus the text between them, so the pieces
 * always concatenate back to `text` whatever the pattern; empty matches are skipped.
 */
export function preSplit(text: string, pattern: RegExp, onChunk: (chunk: string) => void): void {
  let start = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      // Step over one code point so an empty match cannot loop forever.
      pattern.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      continue;
    }
    if (m.index > start) onChunk(text.slice(start, m.index));
    onChunk(m[0]);
    start = end;
  }
  if (start < text.length) onChunk(text.slice(start));
}
