/**
 * GPT-2's byte-to-character table (`bytes_to_unicode` in openai/gpt-2 `encoder.py`): printable bytes map
 * to themselves, the rest to U+0100 and up, so every byte sequence has a readable, space-free token string
 * (a space is `Ġ`, a newline `Ċ`). Hugging Face's byte-level BPE vocabularies use the same table.
 */
const BYTE_TO_CHAR: string[] = (() => {
  const table = new Array<string>(256);
  let next = 256;
  for (let byte = 0; byte < 256; byte++) {
    const printable =
      (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    table[byte] = String.fromCharCode(printable ? byte : next++);
  }
  return table;
})();

const CHAR_TO_BYTE = new Map(BYTE_TO_CHAR.map((ch, byte) => [ch, byte]));

/** The byte-level token string of a byte sequence. */
export function bytesToToken(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_CHAR[bytes[i]];
  return out;
}

/** The bytes of a byte-level token string, or `undefined` when it uses a character outside the table. */
export function tokenToBytes(token: string): Uint8Array | undefined {
  const bytes = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const byte = CHAR_TO_BYTE.get(token[i]);
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}
