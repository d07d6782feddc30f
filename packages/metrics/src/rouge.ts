import { ValueError } from './errors';
import { mulberry32, percentile } from './internal/random';
import { droppedShare, rougeTokenize, unicodeTokenize } from './internal/rouge-tokenize';
import { checkInteger, checkRange, checkReferences, checkStrings, describe } from './internal/validate';

/** `rouge1` … `rouge9` (n-gram overlap), `rougeL` (LCS) and `rougeLsum` (summary-level LCS over lines). */
export type RougeType =
  | 'rouge1'
  | 'rouge2'
  | 'rouge3'
  | 'rouge4'
  | 'rouge5'
  | 'rouge6'
  | 'rouge7'
  | 'rouge8'
  | 'rouge9'
  | 'rougeL'
  | 'rougeLsum';

/** The rouge-score release whose rules this package reproduces; it closes every ROUGE signature. */
export const ROUGE_SCORE_VERSION = '0.1.2';

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeInterval {
  low: RougeScore;
  mid: RougeScore;
  high: RougeScore;
}

export interface RougeOptions {
  /** Which scores to compute. Default `['rouge1', 'rouge2', 'rougeL', 'rougeLsum']`. */
  rougeTypes?: readonly RougeType[];
  /** Porter-stem tokens longer than 3 characters (rouge-score's `use_stemmer`). Default false. */
  useStemmer?: boolean;
  /**
   * `'default'`: rouge-score's ASCII tokeniser (drops non-ASCII letters); `'unicode'`: keeps every script,
   * one token per character for Chinese, Japanese, Thai and other unspaced scripts; or your own function.
   */
  tokenizer?: 'default' | 'unicode' | ((text: string) => string[]);
  /** Bootstrap confidence intervals like rouge-score's `BootstrapAggregator`; `true` uses the defaults. */
  bootstrap?: boolean | { nSamples?: number; confidenceInterval?: number; seed?: number };
}

export interface RougeResult {
  /** Per-prediction scores (the best reference by F-measure when there are several). */
  scores: Array<Record<string, RougeScore>>;
  /** Mean of the per-prediction scores. */
  mean: Record<string, RougeScore>;
  /** Bootstrap 2.5/50/97.5 percentiles (by default) of the mean, when `bootstrap` is set. */
  bootstrap?: Record<string, RougeInterval>;
  /** Reproducibility signature, e.g. `nrefs:1|tok:default|stem:no|version:0.1.2`. */
  signature: string;
  /** Problems worth knowing about, e.g. the default tokeniser dropping most of a non-English text. */
  warnings: string[];
}

function fmeasure(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = tokens.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function scoreNgrams(target: string[], prediction: string[], n: number): RougeScore {
  const t = ngrams(target, n);
  const p = ngrams(prediction, n);
  let inter = 0;
  for (const [g, c] of t) inter += Math.min(c, p.get(g) ?? 0);
  let tc = 0;
  for (const c of t.values()) tc += c;
  let pc = 0;
  for (const c of p.values()) pc += c;
  const precision = inter / Math.max(pc, 1);
  const recall = inter / Math.max(tc, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function lcsTable(ref: string[], can: string[]): number[][] {
  const t = Array.from({ length: ref.length + 1 }, () => new Array<number>(can.length + 1).fill(0));
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      t[i]![j] = ref[i - 1] === can[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
    }
  }
  return t;
}

function scoreLcs(target: string[], prediction: string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = lcsTable(target, prediction)[target.length]![prediction.length]!;
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Indices into `ref` of one longest common subsequence, read back as rouge-score does. */
function lcsIndices(ref: string[], can: string[]): number[] {
  const t = lcsTable(ref, can);
  let i = ref.length;
  let j = can.length;
  const out: number[] = [];
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.unshift(i - 1);
      i--;
      j--;
    } else if (t[i]![j - 1]! > t[i - 1]![j]!) j--;
    else i--;
  }
  return out;
}

function summaryLevelLcs(refSents: string[][], canSents: string[][]): RougeScore {
  const zero = { precision: 0, recall: 0, fmeasure: 0 };
  if (refSents.length === 0 || canSents.length === 0) return zero;
  const m = refSents.reduce((a, s) => a + s.length, 0);
  const n = canSents.reduce((a, s) => a + s.length, 0);
  if (!n || !m) return zero;
  const cntR = new Map<string, number>();
  const cntC = new Map<string, number>();
  for (const s of refSents) for (const t of s) cntR.set(t, (cntR.get(t) ?? 0) + 1);
  for (const s of canSents) for (const t of s) cntC.set(t, (cntC.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of refSents) {
    const union = new Set<number>();
    for (const c of canSents) for (const idx of lcsIndices(r, c)) union.add(idx);
    // Each token counts at most as often as it appears on both sides (ROUGE-1.5.5's rule).
    for (const idx of [...union].sort((a, b) => a - b)) {
      const tok = r[idx]!;
      if ((cntC.get(tok) ?? 0) > 0 && (cntR.get(tok) ?? 0) > 0) {
        hits++;
        cntC.set(tok, cntC.get(tok)! - 1);
        cntR.set(tok, cntR.get(tok)! - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

const TYPE_RE = /^rouge([1-9]|L|Lsum)$/;

/**
 * ROUGE-N `|N(pred) ∩ N(ref)| / |N(·)|`, ROUGE-L (LCS) and ROUGE-Lsum precision, recall and
 * `F = 2PR/(P+R)` (Lin 2004, https://aclanthology.org/W04-1013), as Google's rouge-score computes them,
 * with optional bootstrap intervals and a Unicode-aware tokeniser.
 */
export function rouge(
  predictions: readonly string[],
  references: ReadonlyArray<string | readonly string[]>,
  options: RougeOptions = {},
): RougeResult {
  const fn = 'rouge';
  const preds = checkStrings(fn, 'predictions', predictions);
  const refs = checkReferences(fn, 'references', references, 'predictions', preds.length);
  const types = options.rougeTypes ?? (['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const);
  if (!Array.isArray(types) || types.length === 0) {
    throw new ValueError(`${fn}: 'rougeTypes' must be a non-empty array, got ${describe(types)}.`);
  }
  for (const t of types) {
    if (typeof t !== 'string' || !TYPE_RE.test(t)) {
      throw new ValueError(
        `${fn}: 'rougeTypes' must hold 'rouge1'…'rouge9', 'rougeL' or 'rougeLsum', got ${describe(t)}.`,
      );
    }
  }
  const stem = options.useStemmer ?? false;
  const tokOpt = options.tokenizer ?? 'default';
  let tokenize: (s: string) => string[];
  let tokName: string;
  if (typeof tokOpt === 'function') {
    tokenize = (s) => {
      const out = tokOpt(s);
      if (!Array.isArray(out) || out.some((x) => typeof x !== 'string')) {
        throw new ValueError(`${fn}: 'tokenizer' must return an array of strings, got ${describe(out)}.`);
      }
      return out;
    };
    tokName = 'custom';
  } else if (tokOpt === 'default' || tokOpt === 'unicode') {
    tokenize = tokOpt === 'default' ? (s) => rougeTokenize(s, stem) : (s) => unicodeTokenize(s, stem);
    tokName = tokOpt;
  } else {
    throw new ValueError(
      `${fn}: 'tokenizer' must be 'default', 'unicode' or a function, got ${describe(tokOpt)}.`,
    );
  }

  const warnings: string[] = [];
  if (tokName === 'default') {
    let lossy = 0;
    const texts = [...preds, ...refs.flat()];
    for (const t of texts) {
      const { dropped, total } = droppedShare(t);
      if (total > 0 && dropped / total > 0.5) lossy++;
    }
    if (lossy > 0) {
      warnings.push(
        `rouge: the default tokenizer dropped most letters and digits (non-ASCII) of ${lossy} of ${texts.length} texts; their scores are meaningless. Pass tokenizer: 'unicode' to keep every script.`,
      );
    }
  }

  const scoreOne = (target: string, prediction: string): Record<string, RougeScore> => {
    const tt = tokenize(target);
    const pt = tokenize(prediction);
    const res: Record<string, RougeScore> = {};
    for (const type of types) {
      if (type === 'rougeL') res[type] = scoreLcs(tt, pt);
      else if (type === 'rougeLsum') {
        const sents = (s: string) => s.split('\n').filter((x) => x.length > 0);
        res[type] = summaryLevelLcs(sents(target).map(tokenize), sents(prediction).map(tokenize));
      } else res[type] = scoreNgrams(tt, pt, Number(type.slice(5)));
    }
    return res;
  };

  const scores = preds.map((pred, i) => {
    const perRef = refs[i]!.map((r) => scoreOne(r, pred));
    if (perRef.length === 1) return perRef[0]!;
    // rouge-score's score_multi: per type, the reference with the highest F-measure (first on ties).
    const best: Record<string, RougeScore> = {};
    for (const type of types) {
      let k = 0;
      perRef.forEach((s, j) => {
        if (s[type]!.fmeasure > perRef[k]![type]!.fmeasure) k = j;
      });
      best[type] = perRef[k]![type]!;
    }
    return best;
  });

  const mean: Record<string, RougeScore> = {};
  for (const type of types) {
    const m = { precision: 0, recall: 0, fmeasure: 0 };
    for (const s of scores) {
      m.precision += s[type]!.precision;
      m.recall += s[type]!.recall;
      m.fmeasure += s[type]!.fmeasure;
    }
    const n = Math.max(scores.length, 1);
    mean[type] = { precision: m.precision / n, recall: m.recall / n, fmeasure: m.fmeasure / n };
  }

  const nRefs = new Set(refs.map((r) => r.length));
  let signature = `nrefs:${nRefs.size <= 1 ? (refs[0]?.length ?? 1) : 'var'}|tok:${tokName}|stem:${stem ? 'yes' : 'no'}`;
  let bootstrap: Record<string, RougeInterval> | undefined;
  if (options.bootstrap) {
    const cfg = options.bootstrap === true ? {} : options.bootstrap;
    const nSamples = checkInteger(fn, 'bootstrap.nSamples', cfg.nSamples ?? 1000, 1);
    const ci = checkRange(fn, 'bootstrap.confidenceInterval', cfg.confidenceInterval ?? 0.95, 0, 1);
    const seed = checkInteger(fn, 'bootstrap.seed', cfg.seed ?? 0, 0);
    if (scores.length === 0)
      throw new ValueError(`${fn}: 'predictions' must not be empty to bootstrap, got 0.`);
    bootstrap = bootstrapScores(scores, types, nSamples, ci, seed);
    signature += `|bs:${nSamples}|ci:${ci}|rs:${seed}`;
  }
  signature += `|version:${ROUGE_SCORE_VERSION}`;
  return { scores, mean, ...(bootstrap ? { bootstrap } : {}), signature, warnings };
}

/** rouge-score's BootstrapAggregator with a seeded mulberry32 stream in place of NumPy's global RNG. */
function bootstrapScores(
  scores: Array<Record<string, RougeScore>>,
  types: readonly string[],
  nSamples: number,
  ci: number,
  seed: number,
): Record<string, RougeInterval> {
  const rng = mulberry32(seed);
  const n = scores.length;
  const delta = (1 - ci) / 2;
  const qs = [100 * delta, 100 * 0.5, 100 * (1 - delta)];
  const out: Record<string, RougeInterval> = {};
  for (const type of types) {
    const means: [number[], number[], number[]] = [[], [], []];
    for (let s = 0; s < nSamples; s++) {
      let p = 0;
      let r = 0;
      let f = 0;
      for (let k = 0; k < n; k++) {
        const x = scores[Math.floor(rng() * n)]![type]!;
        p += x.precision;
        r += x.recall;
        f += x.fmeasure;
      }
      means[0].push(p / n);
      means[1].push(r / n);
      means[2].push(f / n);
    }
    const at = (q: number): RougeScore => ({
      precision: percentile(means[0], q),
      recall: percentile(means[1], q),
      fmeasure: percentile(means[2], q),
    });
    out[type] = { low: at(qs[0]!), mid: at(qs[1]!), high: at(qs[2]!) };
  }
  return out;
}
