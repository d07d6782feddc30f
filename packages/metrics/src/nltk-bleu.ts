import { ShapeError, ValueError } from './errors';
import { fsum, pySplit } from './internal/python';
import { checkArray, checkInteger, checkRange, describe } from './internal/validate';

/** nltk's `SmoothingFunction().method0` … `method7` (Chen & Cherry 2014, https://aclanthology.org/W14-3346). */
export type NltkSmoothing = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface NltkBleuOptions {
  /** Weights of the n-gram orders. Default `[0.25, 0.25, 0.25, 0.25]`. */
  weights?: readonly number[];
  /** Smoothing method number. Default 0 (none). */
  smoothing?: NltkSmoothing;
  /** `epsilon` of method 1. Default 0.1. */
  epsilon?: number;
  /** `alpha` of method 6. Default 5. */
  alpha?: number;
  /** `k` of method 4. Default 5. */
  k?: number;
  /** Use uniform weights over the hypothesis length when the corpus has fewer than 4 tokens. Default false. */
  autoReweigh?: boolean;
}

/** A precision kept as nltk keeps it: an unreduced fraction until smoothing turns it into a float. */
type Precision = { num: number; den: number } | number;

const value = (p: Precision) => (typeof p === 'number' ? p : p.num / p.den);
const numerator = (p: Precision) => (typeof p === 'number' ? p : p.num);
const FLOAT_MIN = 2.2250738585072014e-308; // Python's sys.float_info.min (not JS's denormal MIN_VALUE)

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0000');
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

function modifiedPrecision(
  refs: readonly string[][],
  hyp: readonly string[],
  n: number,
): { num: number; den: number } {
  const counts = ngramCounts(hyp, n);
  const maxCounts = new Map<string, number>();
  for (const ref of refs) {
    const rc = ngramCounts(ref, n);
    for (const g of counts.keys()) maxCounts.set(g, Math.max(maxCounts.get(g) ?? 0, rc.get(g) ?? 0));
  }
  let num = 0;
  let total = 0;
  for (const [g, c] of counts) {
    num += Math.min(c, maxCounts.get(g)!);
    total += c;
  }
  return { num, den: Math.max(1, total) };
}

function toTokens(fn: string, name: string, v: unknown): string[] {
  if (typeof v === 'string') return pySplit(v);
  checkArray(fn, name, v);
  return (v as unknown[]).map((t, i) => {
    if (typeof t !== 'string')
      throw new ValueError(`${fn}: '${name}[${i}]' must be a string token, got ${describe(t)}.`);
    return t;
  });
}

/**
 * Corpus BLEU `BP · exp(Σ_n w_n log p_n)` over pre-tokenised text with nltk's smoothing methods 0–7, as
 * nltk's `corpus_bleu` (3.8) returns it, quirks included (methods 5 and 6 read the corpus's last sentence).
 */
export function nltkBleu(
  hypotheses: ReadonlyArray<string | readonly string[]>,
  references: ReadonlyArray<ReadonlyArray<string | readonly string[]>>,
  options: NltkBleuOptions = {},
): number {
  const fn = 'nltkBleu';
  checkArray(fn, 'hypotheses', hypotheses);
  checkArray(fn, 'references', references);
  if (references.length !== hypotheses.length) {
    throw new ShapeError(
      `${fn}: 'references' must have length ${hypotheses.length} to match 'hypotheses', got ${references.length}.`,
    );
  }
  const hyps = hypotheses.map((h, i) => toTokens(fn, `hypotheses[${i}]`, h));
  const refs = references.map((rs, i) => {
    checkArray(fn, `references[${i}]`, rs);
    if (rs.length === 0)
      throw new ShapeError(`${fn}: 'references[${i}]' must hold at least one reference, got 0.`);
    return rs.map((r, j) => toTokens(fn, `references[${i}][${j}]`, r));
  });
  const weights = options.weights ?? [0.25, 0.25, 0.25, 0.25];
  checkArray(fn, 'weights', weights);
  if (weights.length === 0) throw new ShapeError(`${fn}: 'weights' must not be empty, got length 0.`);
  for (const [i, w] of weights.entries()) {
    checkRange(fn, `weights[${i}]`, w, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  }
  const smoothing = checkInteger(fn, 'smoothing', options.smoothing ?? 0, 0);
  if (smoothing > 7)
    throw new ValueError(`${fn}: 'smoothing' must be an integer in [0, 7], got ${smoothing}.`);
  const epsilon = options.epsilon ?? 0.1;
  const alpha = options.alpha ?? 5;
  const k = options.k ?? 5;

  const maxN = weights.length;
  const nums = new Array<number>(maxN + 1).fill(0);
  const dens = new Array<number>(maxN + 1).fill(0);
  let hypLen = 0;
  let refLen = 0;
  hyps.forEach((hyp, s) => {
    for (let n = 1; n <= maxN; n++) {
      const p = modifiedPrecision(refs[s]!, hyp, n);
      nums[n]! += p.num;
      dens[n]! += p.den;
    }
    hypLen += hyp.length;
    // Closest reference length, the shorter one on ties.
    let best = Number.POSITIVE_INFINITY;
    for (const r of refs[s]!) {
      const d = Math.abs(r.length - hyp.length);
      const bd = Math.abs(best - hyp.length);
      if (d < bd || (d === bd && r.length < best)) best = r.length;
    }
    refLen += best;
  });
  const bp = hypLen > refLen ? 1 : hypLen === 0 ? 0 : Math.exp(1 - refLen / hypLen);
  if (nums[1] === 0) return 0;
  let pn: Precision[] = [];
  for (let n = 1; n <= maxN; n++) pn.push({ num: nums[n]!, den: dens[n]! });
  // Methods 5 and 6 see only the last sentence of the corpus, as nltk passes them.
  const lastHyp = hyps[hyps.length - 1]!;
  const lastRefs = refs[refs.length - 1]!;

  const method4 = (p: Precision[]) => {
    let inc = 1;
    return p.map((pi) => {
      if (numerator(pi) === 0 && hypLen > 1) {
        const num = 1 / ((2 ** inc * k) / Math.log(hypLen));
        inc++;
        return num / (pi as { den: number }).den;
      }
      return pi;
    });
  };
  const method5 = (p: Precision[]) => {
    const plus1 = [...p, modifiedPrecision(lastRefs, lastHyp, 5)];
    let prev = value(p[0]!) + 1;
    return p.map((pi, i) => {
      prev = (prev + value(pi) + value(plus1[i + 1]!)) / 3;
      return prev;
    });
  };
  switch (smoothing) {
    case 0:
      pn = pn.map((pi) => (numerator(pi) !== 0 ? pi : FLOAT_MIN));
      break;
    case 1:
      pn = pn.map((pi) =>
        numerator(pi) === 0 ? (numerator(pi) + epsilon) / (pi as { den: number }).den : pi,
      );
      break;
    case 2:
      pn = pn.map((pi, i) =>
        i === 0 ? pi : { num: numerator(pi) + 1, den: (pi as { den: number }).den + 1 },
      );
      break;
    case 3: {
      let inc = 1;
      pn = pn.map((pi) => (numerator(pi) === 0 ? 1 / (2 ** inc++ * (pi as { den: number }).den) : pi));
      break;
    }
    case 4:
      pn = method4(pn);
      break;
    case 5:
      pn = method5(pn);
      break;
    case 6: {
      if (pn.length < 3 || value(pn[2]!) === 0) {
        throw new ValueError(`${fn}: smoothing 6 needs a non-zero trigram precision, got 0.`);
      }
      const out = [...pn];
      for (let i = 2; i < pn.length; i++) {
        const pi0 = value(out[i - 2]!) === 0 ? 0 : value(out[i - 1]!) ** 2 / value(out[i - 2]!);
        const l = Math.max(0, lastHyp.length - i);
        out[i] = (numerator(pn[i]!) + alpha * pi0) / (l + alpha);
      }
      pn = out;
      break;
    }
    case 7:
      pn = method5(method4(pn));
      break;
  }
  let w = weights;
  if (options.autoReweigh && hypLen < 4 && w.length === 4 && w.every((x) => x === 0.25)) {
    w = new Array<number>(hypLen).fill(1 / hypLen);
  }
  const terms: number[] = [];
  for (let i = 0; i < Math.min(w.length, pn.length); i++) {
    const p = value(pn[i]!);
    if (p > 0) terms.push(w[i]! * Math.log(p));
  }
  return bp * Math.exp(fsum(terms));
}
