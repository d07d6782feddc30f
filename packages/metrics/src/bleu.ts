import { ValueError } from './errors';
import { formatFixed, pyRstrip, pySplit } from './internal/python';
import { type BleuTokenizer, bleuTokenize } from './internal/sacrebleu-tokenizers';
import { checkInteger, checkOption, checkReferences, checkStrings, describe } from './internal/validate';

export type { BleuTokenizer } from './internal/sacrebleu-tokenizers';

/** sacreBLEU smoothing (Chen & Cherry 2014): `exp` is mteval's, `floor` and `add-k` take `smoothValue`. */
export type BleuSmoothing = 'exp' | 'floor' | 'add-k' | 'none';

/** The sacreBLEU release whose BLEU/chrF rules this package reproduces; it closes every signature. */
export const SACREBLEU_VERSION = '2.5.1';

export interface BleuOptions {
  /** Tokenizer applied to hypotheses and references. Default `'13a'` (mteval-v13a). */
  tokenize?: BleuTokenizer;
  /** Lowercase before tokenising. Default false. */
  lowercase?: boolean;
  /** Smoothing for zero n-gram matches. Default `'exp'`. */
  smoothMethod?: BleuSmoothing;
  /** Value for `floor` (default 0.1) and `add-k` (default 1). */
  smoothValue?: number;
  /** Highest n-gram order. Default 4. */
  maxNgramOrder?: number;
  /** Average only over orders that have n-grams (sentence-level BLEU). Default false (true in `sentenceBleu`). */
  effectiveOrder?: boolean;
}

export interface BleuResult {
  /** BLEU on a 0–100 scale. */
  score: number;
  /** Matched (clipped) n-grams per order; `add-k` adds k to orders ≥ 2, as sacreBLEU reports them. */
  counts: number[];
  /** Hypothesis n-grams per order (with the same `add-k` adjustment). */
  totals: number[];
  /** Modified n-gram precisions per order, 0–100. */
  precisions: number[];
  /** Brevity penalty `min(1, exp(1 − r/c))`. */
  bp: number;
  /** `sysLen / refLen`. */
  ratio: number;
  /** Total hypothesis tokens. */
  sysLen: number;
  /** Total closest-reference tokens. */
  refLen: number;
  /** sacreBLEU reproducibility signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.5.1`. */
  signature: string;
}

const SMOOTH_DEFAULTS: Record<BleuSmoothing, number | null> = {
  none: null,
  floor: 0.1,
  'add-k': 1,
  exp: null,
};

function ngramCounts(tokens: string[], maxOrder: number): Map<string, number>[] {
  const out: Map<string, number>[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const m = new Map<string, number>();
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = tokens.slice(i, i + n).join(' ');
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    out.push(m);
  }
  return out;
}

/** sacreBLEU's `my_log`: log with log(0) floored to −9999999999. */
function myLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

function computeBleu(
  correct: number[],
  total: number[],
  sysLen: number,
  refLen: number,
  smoothMethod: BleuSmoothing,
  smoothValue: number | null,
  effectiveOrder: boolean,
  maxOrder: number,
) {
  const value = smoothValue ?? SMOOTH_DEFAULTS[smoothMethod] ?? 0;
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(maxOrder).fill(0);
  if (!correct.some((c) => c !== 0)) return { score: 0, precisions, bp };
  let smoothMteval = 1;
  let effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (smoothMethod === 'add-k' && n > 1) {
      correct[n - 1]! += value;
      total[n - 1]! += value;
    }
    if (total[n - 1] === 0) break;
    if (effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (smoothMethod === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]!);
      } else if (smoothMethod === 'floor') {
        precisions[n - 1] = (100 * value) / total[n - 1]!;
      }
    } else {
      precisions[n - 1] = (100 * correct[n - 1]!) / total[n - 1]!;
    }
  }
  let logSum = 0;
  for (let i = 0; i < effOrder; i++) logSum += myLog(precisions[i]!);
  return { score: bp * Math.exp(logSum / effOrder), precisions, bp };
}

function bleuImpl(
  fn: string,
  hypotheses: readonly string[],
  refs: string[][],
  options: BleuOptions,
  defaultEffectiveOrder: boolean,
): BleuResult {
  const tokenize = checkOption(fn, 'tokenize', options.tokenize ?? '13a', [
    '13a',
    'intl',
    'char',
    'none',
  ] as const);
  const smoothMethod = checkOption(fn, 'smoothMethod', options.smoothMethod ?? 'exp', [
    'exp',
    'floor',
    'add-k',
    'none',
  ] as const);
  const smoothValue = options.smoothValue ?? null;
  if (
    smoothValue !== null &&
    (typeof smoothValue !== 'number' || !Number.isFinite(smoothValue) || smoothValue < 0)
  ) {
    throw new ValueError(`${fn}: 'smoothValue' must be a finite number >= 0, got ${describe(smoothValue)}.`);
  }
  const maxOrder = checkInteger(fn, 'maxNgramOrder', options.maxNgramOrder ?? 4, 1);
  const effectiveOrder = options.effectiveOrder ?? defaultEffectiveOrder;
  const lowercase = options.lowercase ?? false;
  const prep = (s: string) => pySplit(bleuTokenize(pyRstrip(lowercase ? s.toLowerCase() : s), tokenize));

  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  let sysLen = 0;
  let refLen = 0;
  const nRefs = new Set<number>();
  hypotheses.forEach((hyp, i) => {
    // sacreBLEU drops empty references, which lets segments have different numbers of references.
    const lines = refs[i]!.filter((r) => r !== '');
    if (lines.length === 0) {
      throw new ValueError(
        `${fn}: 'references[${i}]' must contain a non-empty reference, got only empty strings.`,
      );
    }
    nRefs.add(lines.length);
    const refNgrams = new Map<string, number>();
    const refLens: number[] = [];
    for (const line of lines) {
      const toks = prep(line);
      refLens.push(toks.length);
      for (const m of ngramCounts(toks, maxOrder)) {
        for (const [k, v] of m) refNgrams.set(k, Math.max(refNgrams.get(k) ?? 0, v));
      }
    }
    const hypToks = prep(hyp);
    let closestDiff = -1;
    let closestLen = -1;
    for (const len of refLens) {
      const diff = Math.abs(hypToks.length - len);
      if (closestDiff === -1 || diff < closestDiff) {
        closestDiff = diff;
        closestLen = len;
      } else if (diff === closestDiff && len < closestLen) closestLen = len;
    }
    sysLen += hypToks.length;
    refLen += closestLen;
    ngramCounts(hypToks, maxOrder).forEach((m, n) => {
      for (const [k, v] of m) {
        total[n]! += v;
        const r = refNgrams.get(k);
        if (r !== undefined) correct[n]! += Math.min(v, r);
      }
    });
  });
  const { score, precisions, bp } = computeBleu(
    correct,
    total,
    sysLen,
    refLen,
    smoothMethod,
    smoothValue,
    effectiveOrder,
    maxOrder,
  );
  const def = SMOOTH_DEFAULTS[smoothMethod];
  const smooth = def === null ? smoothMethod : `${smoothMethod}[${formatFixed(smoothValue ?? def, 2)}]`;
  const nrefs = nRefs.size === 1 ? String([...nRefs][0]) : 'var';
  const signature =
    `nrefs:${nrefs}|case:${lowercase ? 'lc' : 'mixed'}|eff:${effectiveOrder ? 'yes' : 'no'}` +
    `|tok:${tokenize}|smooth:${smooth}|version:${SACREBLEU_VERSION}`;
  return {
    score,
    counts: correct,
    totals: total,
    precisions,
    bp,
    ratio: refLen ? sysLen / refLen : 0,
    sysLen,
    refLen,
    signature,
  };
}

/**
 * Corpus BLEU `BP · exp((1/N) Σ_n log p_n)` with `BP = min(1, e^{1 − r/c})` (Papineni et al. 2002,
 * https://aclanthology.org/P02-1040), computed as sacreBLEU's `corpus_bleu`; `references[i]` holds the
 * reference(s) of `hypotheses[i]`.
 */
export function bleu(
  hypotheses: readonly string[],
  references: ReadonlyArray<string | readonly string[]>,
  options: BleuOptions = {},
): BleuResult {
  const fn = 'bleu';
  const hyps = checkStrings(fn, 'hypotheses', hypotheses);
  const refs = checkReferences(fn, 'references', references, 'hypotheses', hyps.length);
  return bleuImpl(fn, hyps, refs, options, false);
}

/**
 * Sentence BLEU of one hypothesis against its reference(s), as sacreBLEU's `sentence_bleu`
 * (`effectiveOrder` on by default).
 */
export function sentenceBleu(
  hypothesis: string,
  references: string | readonly string[],
  options: BleuOptions = {},
): BleuResult {
  const fn = 'sentenceBleu';
  if (typeof hypothesis !== 'string') {
    throw new ValueError(`${fn}: 'hypothesis' must be a string, got ${describe(hypothesis)}.`);
  }
  const refs = checkReferences(fn, 'references', [references], 'hypothesis', 1);
  return bleuImpl(fn, [hypothesis], refs, options, true);
}
