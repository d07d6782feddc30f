import { SACREBLEU_VERSION } from './bleu';
import { ValueError } from './errors';
import { pySplit } from './internal/python';
import { checkInteger, checkRange, checkReferences, checkStrings } from './internal/validate';

export interface ChrfOptions {
  /** Character n-gram order. Default 6. */
  charOrder?: number;
  /** Word n-gram order: 0 is chrF, 2 is chrF++. Default 0. */
  wordOrder?: number;
  /** Recall weight β of the F-score. Default 2. */
  beta?: number;
  /** Lowercase first. Default false. */
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams. Default false. */
  whitespace?: boolean;
  /** chrF++.py-style ε smoothing instead of sacreBLEU's effective order. Default false. */
  epsSmoothing?: boolean;
}

export interface ChrfResult {
  /** chrF on a 0–100 scale. */
  score: number;
  /** `chrF2`, `chrF2++`, … as sacreBLEU names the variant. */
  name: string;
  /** sacreBLEU reproducibility signature, e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.5.1`. */
  signature: string;
}

const PUNCTS = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

function count(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function charNgrams(line: string, order: number, whitespace: boolean): Map<string, number>[] {
  const chars = Array.from(whitespace ? line : pySplit(line).join(''));
  const out: Map<string, number>[] = [];
  for (let n = 1; n <= order; n++) {
    const grams: string[] = [];
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
    out.push(count(grams));
  }
  return out;
}

/** chrF++'s word split: one leading or trailing ASCII punctuation mark becomes its own word. */
function splitPunctuation(sent: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(sent)) {
    const cps = Array.from(w);
    if (cps.length === 1) out.push(w);
    else if (PUNCTS.has(cps[cps.length - 1]!)) out.push(cps.slice(0, -1).join(''), cps[cps.length - 1]!);
    else if (PUNCTS.has(cps[0]!)) out.push(cps[0]!, cps.slice(1).join(''));
    else out.push(w);
  }
  return out;
}

function wordNgrams(words: string[], n: number): Map<string, number> {
  const grams: string[] = [];
  for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(' '));
  return count(grams);
}

function fScore(stats: number[], order: number, beta: number, epsSmoothing: boolean): number {
  const eps = 1e-16;
  const factor = beta ** 2;
  let score = 0;
  let effOrder = 0;
  let avgPrec = 0;
  let avgRec = 0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i]!;
    const nRef = stats[3 * i + 1]!;
    const nMatch = stats[3 * i + 2]!;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effOrder++;
    }
  }
  if (epsSmoothing) return (100 * score) / order;
  if (effOrder === 0) avgPrec = avgRec = 0;
  else {
    avgPrec /= effOrder;
    avgRec /= effOrder;
  }
  if (avgPrec + avgRec) return (100 * ((1 + factor) * avgPrec * avgRec)) / (factor * avgPrec + avgRec);
  return 0;
}

/**
 * Character n-gram F-score `chrF_β = (1+β²)·chrP·chrR / (β²·chrP + chrR)` averaged over orders
 * (Popović 2015, https://aclanthology.org/W15-3049), plus word n-grams for chrF++ (`wordOrder: 2`),
 * as sacreBLEU's `corpus_chrf`; with several references the best-scoring one counts per segment.
 */
export function chrF(
  hypotheses: readonly string[],
  references: ReadonlyArray<string | readonly string[]>,
  options: ChrfOptions = {},
): ChrfResult {
  const fn = 'chrF';
  const hyps = checkStrings(fn, 'hypotheses', hypotheses);
  const refs = checkReferences(fn, 'references', references, 'hypotheses', hyps.length);
  const charOrder = checkInteger(fn, 'charOrder', options.charOrder ?? 6, 1);
  const wordOrder = checkInteger(fn, 'wordOrder', options.wordOrder ?? 0, 0);
  const beta = checkRange(fn, 'beta', options.beta ?? 2, 0, Number.MAX_VALUE, { loOpen: true });
  const lowercase = options.lowercase ?? false;
  const whitespace = options.whitespace ?? false;
  const epsSmoothing = options.epsSmoothing ?? false;
  const order = charOrder + wordOrder;
  const extract = (s: string) => {
    const grams = charNgrams(s, charOrder, whitespace);
    if (wordOrder > 0) {
      const words = splitPunctuation(s);
      for (let n = 1; n <= wordOrder; n++) grams.push(wordNgrams(words, n));
    }
    return grams;
  };
  const totals = new Array<number>(3 * order).fill(0);
  const nRefs = new Set<number>();
  hyps.forEach((hyp, i) => {
    const prep = (s: string) => (lowercase ? s.toLowerCase() : s);
    const lines = refs[i]!.filter((r) => r !== '');
    if (lines.length === 0)
      throw new ValueError(
        `${fn}: 'references[${i}]' must contain a non-empty reference, got only empty strings.`,
      );
    nRefs.add(lines.length);
    const hypGrams = extract(prep(hyp));
    let best: number[] = [];
    let bestF = -1;
    for (const ref of lines) {
      const refGrams = extract(prep(ref));
      const stats: number[] = [];
      hypGrams.forEach((h, n) => {
        const r = refGrams[n]!;
        let match = 0;
        let hypCount = 0;
        for (const [g, c] of h) {
          hypCount += c;
          const rc = r.get(g);
          if (rc !== undefined) match += Math.min(c, rc);
        }
        let refCount = 0;
        for (const c of r.values()) refCount += c;
        // sacreBLEU does not count hypothesis n-grams of an order the reference lacks.
        stats.push(r.size > 0 ? hypCount : 0, refCount, match);
      });
      const f = fScore(stats, order, beta, epsSmoothing);
      if (f > bestF) {
        bestF = f;
        best = stats;
      }
    }
    best.forEach((v, k) => {
      totals[k]! += v;
    });
  });
  const nrefs = nRefs.size === 1 ? String([...nRefs][0]) : 'var';
  return {
    score: fScore(totals, order, beta, epsSmoothing),
    name: `chrF${beta}${'+'.repeat(wordOrder)}`,
    signature:
      `nrefs:${nrefs}|case:${lowercase ? 'lc' : 'mixed'}|eff:${epsSmoothing ? 'no' : 'yes'}` +
      `|nc:${charOrder}|nw:${wordOrder}|space:${whitespace ? 'yes' : 'no'}|version:${SACREBLEU_VERSION}`,
  };
}
