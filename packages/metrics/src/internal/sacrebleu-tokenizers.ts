// Re-implementations of sacrebleu's BLEU tokenizers (13a, intl, char, none); the rules follow
// sacrebleu 2.x `tokenizers/tokenizer_13a.py`, `tokenizer_re.py`, `tokenizer_intl.py`, `tokenizer_char.py`.
import { pySplit } from './python';

export type BleuTokenizer = '13a' | 'intl' | 'char' | 'none';

// mteval-v13a: pad most ASCII punctuation and symbols (the ranges include the space).
const RE_13A_PUNCT = /([{-~[-` -&(-+:-@/])/gu;
// Period and comma are split off unless they sit between digits.
const RE_13A_PERIOD_BEFORE = /([^0-9])([.,])/gu;
const RE_13A_PERIOD_AFTER = /([.,])([^0-9])/gu;
const RE_13A_DASH = /([0-9])(-)/gu;

function tokenize13a(line: string): string {
  let s = line
    .replaceAll('<skipped>', '')
    .replaceAll('-\n', '')
    .replaceAll('\n', ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
  s = ` ${s} `;
  s = s.replace(RE_13A_PUNCT, ' $1 ');
  s = s.replace(RE_13A_PERIOD_BEFORE, '$1 $2 ');
  s = s.replace(RE_13A_PERIOD_AFTER, ' $1 $2');
  s = s.replace(RE_13A_DASH, '$1 $2 ');
  return pySplit(s).join(' ');
}

// mteval-v14 international: split Unicode punctuation unless it sits between digits, and all symbols.
const RE_INTL_1 = /(\P{N})(\p{P})/gu;
const RE_INTL_2 = /(\p{P})(\P{N})/gu;
const RE_INTL_3 = /(\p{S})/gu;

function tokenizeIntl(line: string): string {
  let s = line.replace(RE_INTL_1, '$1 $2 ');
  s = s.replace(RE_INTL_2, ' $1 $2');
  s = s.replace(RE_INTL_3, ' $1 ');
  return pySplit(s).join(' ');
}

function tokenizeChar(line: string): string {
  return Array.from(line).join(' ');
}

export function bleuTokenize(line: string, tokenizer: BleuTokenizer): string {
  switch (tokenizer) {
    case '13a':
      return tokenize13a(line);
    case 'intl':
      return tokenizeIntl(line);
    case 'char':
      return tokenizeChar(line);
    case 'none':
      return line;
  }
}
