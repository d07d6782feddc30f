import { ValueError } from './errors';
import { pySplit } from './internal/python';
import { checkReferences, checkStrings, describe } from './internal/validate';

// string.punctuation, which the official SQuAD v1.1 script removes.
const PUNCT = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
// Python's \b is Unicode-aware (word characters are letters, digits and _), JS's is ASCII-only.
const ARTICLES = /(?<![\p{L}\p{N}_])(a|an|the)(?![\p{L}\p{N}_])/gu;

/** SQuAD's `normalize_answer`: lowercase, drop punctuation and articles, collapse whitespace. */
function normalizeAnswer(s: string): string {
  const lower = s.toLowerCase();
  const noPunct = Array.from(lower)
    .filter((c) => !PUNCT.has(c))
    .join('');
  return pySplit(noPunct.replace(ARTICLES, ' ')).join(' ');
}

function tokenF1Single(prediction: string, truth: string): number {
  const p = pySplit(normalizeAnswer(prediction));
  const t = pySplit(normalizeAnswer(truth));
  const counts = new Map<string, number>();
  for (const w of t) counts.set(w, (counts.get(w) ?? 0) + 1);
  let same = 0;
  for (const w of p) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      same++;
      counts.set(w, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / t.length;
  return (2 * precision * recall) / (precision + recall);
}

function checkQa(fn: string, predictions: unknown, references: unknown) {
  const preds = checkStrings(fn, 'predictions', predictions);
  if (preds.length === 0)
    throw new ValueError(`${fn}: 'predictions' must not be empty, got ${describe(preds)}.`);
  const refs = checkReferences(fn, 'references', references, 'predictions', preds.length);
  return { preds, refs };
}

/**
 * SQuAD exact match `(1/n) Σ_i max_j 1[norm(pred_i) = norm(ref_ij)]` on a 0–1 scale, with the official
 * v1.1 answer normalisation (https://rajpurkar.github.io/SQuAD-explorer/).
 */
export function exactMatch(
  predictions: readonly string[],
  references: ReadonlyArray<string | readonly string[]>,
): number {
  const { preds, refs } = checkQa('exactMatch', predictions, references);
  let total = 0;
  preds.forEach((p, i) => {
    const np = normalizeAnswer(p);
    total += refs[i]!.some((r) => normalizeAnswer(r) === np) ? 1 : 0;
  });
  return total / preds.length;
}

/**
 * SQuAD token F1 `(1/n) Σ_i max_j 2PR/(P+R)` over bags of normalised answer tokens, on a 0–1 scale, as
 * the official v1.1 evaluation script.
 */
export function f1(
  predictions: readonly string[],
  references: ReadonlyArray<string | readonly string[]>,
): number {
  const { preds, refs } = checkQa('f1', predictions, references);
  let total = 0;
  preds.forEach((p, i) => {
    total += Math.max(...refs[i]!.map((r) => tokenF1Single(p, r)));
  });
  return total / preds.length;
}
