import { ValueError } from '../errors';
import {
  buildTree,
  type CartCriterion,
  normalise,
  presort,
  rawImportances,
  resolveCount,
  resolveMaxFeatures,
  type TreeState,
  toFloat32,
} from './cart';
import { checkFeatures, type Matrix, type MatrixLike, toMatrix } from './matrix';
import { NumpyRandomState, TreeRng } from './numpy-random';
import { type Constraint, inRange, nonNegative, oneOf } from './params';

/** Parameters shared by every tree and tree ensemble. */
export interface TreeGrowthParams {
  /** Maximum depth; null grows until leaves are pure or too small (default null). */
  maxDepth: number | null;
  /** Minimum samples to split a node: an integer >= 2 or a fraction of the samples (default 2). */
  minSamplesSplit: number;
  /** Minimum samples in each leaf: an integer >= 1 or a fraction of the samples (default 1). */
  minSamplesLeaf: number;
  /** Features examined per split: a count, a fraction, 'sqrt', 'log2' or null for all. */
  maxFeatures: number | 'sqrt' | 'log2' | null;
  /** A split must decrease the weighted impurity by at least this much (default 0). */
  minImpurityDecrease: number;
  /** Seed of the feature permutation and random thresholds (default 0). */
  randomState: number;
}

const countOrFraction = (min: number): Constraint[] => [
  { kind: 'number', min, integer: true },
  { kind: 'number', min: 0, max: 1, minExclusive: true, maxExclusive: true },
];

export const treeGrowthConstraints: Record<string, Constraint | Constraint[]> = {
  maxDepth: { kind: 'number', min: 1, integer: true, nullable: true },
  minSamplesSplit: countOrFraction(2),
  minSamplesLeaf: countOrFraction(1),
  maxFeatures: [
    { kind: 'number', min: 1, integer: true, nullable: true },
    { kind: 'number', min: 0, max: 1, minExclusive: true },
    oneOf('sqrt', 'log2'),
  ],
  minImpurityDecrease: nonNegative(),
  randomState: inRange(0, 4294967295, { integer: true }),
  splitter: oneOf('best', 'random'),
};

/** X validated and rounded to float32 (sklearn's trees split float32 values). */
export interface TreeInput {
  m: Matrix;
  X32: Float32Array;
}

export function treeInput(op: string, X: MatrixLike, nFeatures?: number): TreeInput {
  const m = toMatrix(op, X);
  if (nFeatures !== undefined) checkFeatures(op, m, nFeatures);
  return { m, X32: toFloat32(m.data) };
}

export interface GrowOptions extends TreeGrowthParams {
  criterion: CartCriterion;
  splitter: 'best' | 'random';
}

/** Everything needed to grow several trees on the same X (the presort is shared). */
export interface TreeTrainer {
  X32: Float32Array;
  rows: number;
  cols: number;
  order: Int32Array[];
}

export function trainer(input: TreeInput): TreeTrainer {
  const { m, X32 } = input;
  return { X32, rows: m.rows, cols: m.cols, order: presort(X32, m.rows, m.cols) };
}

/** Grows one tree; like sklearn, its splitter seeds itself with one `randint` from `random`. */
export function growTree(
  op: string,
  t: TreeTrainer,
  p: GrowOptions,
  y: Float64Array,
  nClasses: number,
  weight: Float64Array | null,
  random: NumpyRandomState,
): TreeState {
  return buildTree(
    { X: t.X32, rows: t.rows, cols: t.cols, order: t.order, y, nClasses, weight },
    {
      criterion: p.criterion,
      splitter: p.splitter,
      maxDepth: p.maxDepth ?? Number.POSITIVE_INFINITY,
      minSamplesSplit: resolveCount(p.minSamplesSplit, t.rows, true),
      minSamplesLeaf: resolveCount(p.minSamplesLeaf, t.rows, false),
      maxFeatures: resolveMaxFeatures(op, p.maxFeatures, t.cols),
      minImpurityDecrease: p.minImpurityDecrease,
      rng: new TreeRng(random),
    },
  );
}

/** Validates optional sample weights (finite, non-negative, not all zero). */
export function checkSampleWeight(
  op: string,
  sampleWeight: readonly number[] | undefined,
  rows: number,
): Float64Array | null {
  if (sampleWeight === undefined) return null;
  if (sampleWeight.length !== rows)
    throw new ValueError(
      `${op}: 'sampleWeight' has ${sampleWeight.length} values but 'X' has ${rows} samples.`,
    );
  const w = Float64Array.from(sampleWeight);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    if (!Number.isFinite(w[i]) || w[i] < 0)
      throw new ValueError(
        `${op}: 'sampleWeight' has ${w[i]} at index ${i}; weights must be finite and >= 0.`,
      );
    total += w[i];
  }
  if (total <= 0) throw new ValueError(`${op}: 'sampleWeight' must not be all zero.`);
  return w;
}

/** Leaf class probabilities of a classification tree for every row (rows × K). */
export function treeProba(t: TreeState, X32: Float32Array, rows: number, cols: number): Float64Array {
  const K = t.nOutputs;
  const out = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    let node = 0;
    while (t.feature[node] >= 0)
      node = X32[i * cols + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
    let s = 0;
    for (let k = 0; k < K; k++) s += t.value[node * K + k];
    for (let k = 0; k < K; k++) out[i * K + k] = t.value[node * K + k] / s;
  }
  return out;
}

/** Leaf values of a regression tree for every row. */
export function treeValues(t: TreeState, X32: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let node = 0;
    while (t.feature[node] >= 0)
      node = X32[i * cols + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
    out[i] = t.value[node];
  }
  return out;
}

export function treeImportances(t: TreeState, cols: number): number[] {
  return normalise(rawImportances(t, cols));
}

/** Mean of the trees' normalised importances, renormalised (sklearn's forest feature_importances_). */
export function forestImportances(trees: readonly TreeState[], cols: number): number[] {
  const acc = new Float64Array(cols);
  let used = 0;
  for (const t of trees) {
    if (t.feature.length <= 1) continue;
    const imp = treeImportances(t, cols);
    for (let f = 0; f < cols; f++) acc[f] += imp[f];
    used++;
  }
  if (used === 0) return new Array<number>(cols).fill(0);
  for (let f = 0; f < cols; f++) acc[f] /= used;
  return normalise(acc);
}

/** Rows of a flat (rows × K) buffer as number[][]. */
export function toRows(flat: Float64Array, rows: number, K: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(flat.subarray(i * K, (i + 1) * K)));
  return out;
}

/** Index of the largest value in each row (first on ties, like numpy's argmax). */
export function argmaxRows(flat: Float64Array, rows: number, K: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (flat[i * K + k] > flat[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}

export { NumpyRandomState };
