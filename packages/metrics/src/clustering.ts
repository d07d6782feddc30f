import { ValueError } from './errors';
import { uniqueLabels } from './internal/labels';
import {
  checkLabels,
  checkMatrix,
  checkNonEmpty,
  checkOption,
  checkSameLength,
  type Label,
} from './internal/validate';

function encode(labels: readonly Label[]): { codes: number[]; k: number } {
  const classes = uniqueLabels(labels);
  const index = new Map<Label, number>();
  for (const [i, c] of classes.entries()) index.set(c, i);
  return { codes: labels.map((l) => index.get(l)!), k: classes.length };
}

function checkClusterings(fn: string, labelsTrue: unknown, labelsPred: unknown) {
  const t = checkLabels(fn, 'labelsTrue', labelsTrue);
  const p = checkLabels(fn, 'labelsPred', labelsPred);
  checkSameLength(fn, 'labelsPred', p, 'labelsTrue', t);
  return { t, p };
}

function contingency(t: readonly Label[], p: readonly Label[]) {
  const a = encode(t);
  const b = encode(p);
  const table = Array.from({ length: a.k }, () => new Array<number>(b.k).fill(0));
  for (let i = 0; i < t.length; i++) table[a.codes[i]!]![b.codes[i]!]!++;
  return { table, rows: a.k, cols: b.k };
}

/**
 * Adjusted Rand index `ARI = 2(tp·tn − fn·fp) / ((tp+fn)(fn+tn) + (tp+fp)(fp+tn))` over sample pairs
 * (Hubert & Arabie 1985), as scikit-learn's `adjusted_rand_score`.
 */
export function adjustedRandScore(labelsTrue: readonly Label[], labelsPred: readonly Label[]): number {
  const { t, p } = checkClusterings('adjustedRandScore', labelsTrue, labelsPred);
  const n = BigInt(t.length);
  const { table } = contingency(t, p);
  // Pair counts grow as n²; BigInt keeps them exact like Python's integers.
  let sumSquares = 0n;
  const nc = table.map((r) => BigInt(r.reduce((a, b) => a + b, 0)));
  const nk = table[0] ? table[0].map((_, j) => BigInt(table.reduce((a, r) => a + r[j]!, 0))) : [];
  let rowDot = 0n;
  let colDot = 0n;
  for (const [i, r] of table.entries()) {
    for (const [j, v] of r.entries()) {
      const x = BigInt(v);
      sumSquares += x * x;
      rowDot += x * nk[j]!;
      colDot += x * nc[i]!;
    }
  }
  const tp = sumSquares - n;
  const fp = rowDot - sumSquares;
  const fn = colDot - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0n && fp === 0n) return 1;
  return (2 * Number(tp * tn - fn * fp)) / Number((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

function entropy(labels: readonly Label[]): number {
  if (labels.length === 0) return 1;
  const { codes, k } = encode(labels);
  const counts = new Array<number>(k).fill(0);
  for (const c of codes) counts[c]!++;
  if (k === 1) return 0;
  const total = counts.reduce((a, b) => a + b, 0);
  let h = 0;
  for (const c of counts) h += (c / total) * (Math.log(c) - Math.log(total));
  return -h;
}

/**
 * Normalised mutual information `NMI = I(U;V) / mean(H(U), H(V))` (mean: arithmetic, geometric, min or
 * max), as scikit-learn's `normalized_mutual_info_score`.
 */
export function normalizedMutualInfo(
  labelsTrue: readonly Label[],
  labelsPred: readonly Label[],
  options: { averageMethod?: 'arithmetic' | 'geometric' | 'min' | 'max' } = {},
): number {
  const fnName = 'normalizedMutualInfo';
  const { t, p } = checkClusterings(fnName, labelsTrue, labelsPred);
  const method = checkOption(fnName, 'averageMethod', options.averageMethod ?? 'arithmetic', [
    'arithmetic',
    'geometric',
    'min',
    'max',
  ] as const);
  const { table, rows, cols } = contingency(t, p);
  if ((rows === 1 && cols === 1) || (rows === 0 && cols === 0)) return 1;
  if (rows === 1 || cols === 1) return 0;
  const N = t.length;
  const pi = table.map((r) => r.reduce((a, b) => a + b, 0));
  const pj = table[0]!.map((_, j) => table.reduce((a, r) => a + r[j]!, 0));
  const logN = Math.log(N);
  let mi = 0;
  // Column-major over the non-zero cells, as SciPy's sparse `find` returns them.
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      const v = table[i]![j]!;
      if (v === 0) continue;
      const nm = v / N;
      const logOuter = -Math.log(pi[i]! * pj[j]!) + logN + logN;
      let term = nm * (Math.log(v) - logN) + nm * logOuter;
      if (Math.abs(term) < 2.220446049250313e-16) term = 0;
      mi += term;
    }
  }
  mi = Math.max(mi, 0);
  if (mi === 0) return 0;
  const ht = entropy(t);
  const hp = entropy(p);
  const norm =
    method === 'min'
      ? Math.min(ht, hp)
      : method === 'max'
        ? Math.max(ht, hp)
        : method === 'geometric'
          ? Math.sqrt(ht * hp)
          : (ht + hp) / 2;
  return mi / norm;
}

function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d]! - b[d]!) ** 2;
  return Math.sqrt(s);
}

function checkXLabels(fn: string, X: unknown, labels: unknown) {
  checkMatrix(fn, 'X', X);
  const rows = X as ReadonlyArray<ArrayLike<number>>;
  const l = checkLabels(fn, 'labels', labels);
  checkSameLength(fn, 'labels', l, 'X', rows);
  checkNonEmpty(fn, 'labels', l);
  const { codes, k } = encode(l);
  if (k < 2 || k > rows.length - 1) {
    throw new ValueError(
      `${fn}: 'labels' must hold between 2 and n_samples - 1 = ${rows.length - 1} clusters, got ${k}.`,
    );
  }
  return { rows, codes, k };
}

/**
 * Mean silhouette `s_i = (b_i − a_i) / max(a_i, b_i)` with `a` the mean intra-cluster and `b` the nearest
 * other cluster's mean distance (Rousseeuw 1987), as scikit-learn's `silhouette_score`; Euclidean or a
 * precomputed [n, n] distance matrix.
 */
export function silhouetteScore(
  X: ReadonlyArray<ArrayLike<number>>,
  labels: readonly Label[],
  options: { metric?: 'euclidean' | 'precomputed' } = {},
): number {
  const fn = 'silhouetteScore';
  const metric = checkOption(fn, 'metric', options.metric ?? 'euclidean', [
    'euclidean',
    'precomputed',
  ] as const);
  const { rows, codes, k } = checkXLabels(fn, X, labels);
  const n = rows.length;
  if (metric === 'precomputed') {
    for (let i = 0; i < n; i++) {
      if (rows[i]!.length !== n) {
        throw new ValueError(
          `${fn}: 'X' must be a square [${n}, ${n}] distance matrix, got rows of ${rows[i]!.length}.`,
        );
      }
      if (Math.abs(rows[i]![i]!) > 100 * 2.220446049250313e-16) {
        throw new ValueError(
          `${fn}: 'X' must have a zero diagonal when metric is 'precomputed', got ${rows[i]![i]}.`,
        );
      }
    }
  }
  const freq = new Array<number>(k).fill(0);
  for (const c of codes) freq[c]!++;
  let total = 0;
  const sums = new Array<number>(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      const d = metric === 'precomputed' ? rows[i]![j]! : i === j ? 0 : euclidean(rows[i]!, rows[j]!);
      sums[codes[j]!]! += d;
    }
    const own = codes[i]!;
    const a = sums[own]! / (freq[own]! - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own) b = Math.min(b, sums[c]! / freq[c]!);
    const s = (b - a) / Math.max(a, b);
    // Singletons (a = 0/0) and coincident points (0/0) score 0, as NumPy's nan_to_num makes them.
    total += Number.isFinite(s) ? s : 0;
  }
  return total / n;
}

/**
 * Davies–Bouldin index `(1/k) Σ_i max_{j≠i} (s_i + s_j) / d(c_i, c_j)` with `s` the mean distance to the
 * centroid (Davies & Bouldin 1979), as scikit-learn's `davies_bouldin_score`.
 */
export function daviesBouldinScore(X: ReadonlyArray<ArrayLike<number>>, labels: readonly Label[]): number {
  const { rows, codes, k } = checkXLabels('daviesBouldinScore', X, labels);
  const dim = rows[0]!.length;
  const centroids = Array.from({ length: k }, () => new Array<number>(dim).fill(0));
  const counts = new Array<number>(k).fill(0);
  rows.forEach((r, i) => {
    counts[codes[i]!]!++;
    for (let d = 0; d < dim; d++) centroids[codes[i]!]![d]! += r[d]!;
  });
  centroids.forEach((c, i) => {
    for (let d = 0; d < dim; d++) c[d]! /= counts[i]!;
  });
  const intra = new Array<number>(k).fill(0);
  rows.forEach((r, i) => {
    intra[codes[i]!]! += euclidean(r, centroids[codes[i]!]!);
  });
  for (let c = 0; c < k; c++) intra[c]! /= counts[c]!;
  const cd = centroids.map((a) => centroids.map((b) => euclidean(a, b)));
  const allClose = (vals: number[]) => vals.every((v) => Math.abs(v) <= 1e-8);
  if (allClose(intra) || allClose(cd.flat())) return 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const d = cd[i]![j]! === 0 ? Number.POSITIVE_INFINITY : cd[i]![j]!;
      best = Math.max(best, (intra[i]! + intra[j]!) / d);
    }
    total += best;
  }
  return total / k;
}
