// Ported from tiktoken: `(?i:'s|'t|...)` is spelled out because JavaScript before ES2025 has no inline
// flags, and `\s` is `\p{White_Space}` because JavaScript's `\s` differs from Rust's and Python's (it
// includes U+FEFF and excludes U+0085); parity/fixtures/pre_split.json checks the port.

/**
 * GPT-4's (`cl100k_base`) pre-split pattern, for the `u` and `g` flags: English contractions, words with one
 * leading non-letter, numbers in groups of at most 3 digits, punctuation runs, and whitespace (a run before
 * a word leaves its last space to the word).
 */
export const GPT4_SPLIT_PATTERN = String.raw`'(?:[sdmtSDMT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\p{White_Space}\p{L}\p{N}]+[\r\n]*|\p{White_Space}*[\r\n]+|\p{White_Space}+(?!\P{White_Space})|\p{White_Space}+`;

/** GPT-2's pre-split pattern (openai/gpt-2 `encoder.py`), for the `u` and `g` flags: contractions, then letters, digits or other symbols with at most one leading space. */
export const GPT2_SPLIT_PATTERN = String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\p{White_Space}\p{L}\p{N}]+|\p{White_Space}+(?!\P{White_Space})|\p{White_Space}+`;
