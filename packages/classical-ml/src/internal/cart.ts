import { ValueError } from '../errors';
import type { TreeRng } from './numpy-random';

/** Split criteria of sklearn's trees ('log_loss' is an alias of 'entropy'). */
export type CartCriterion = 'gini' | 'entropy' | 'log_loss' | 'squared_error' | 'friedman_mse';

/** A fitted tree in sklearn's `tree_` layout, as plain JSON data. Leaves have feature -1 and threshold -2. */
export interface TreeState {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Flat node values, `nOutputs` per node: weighted class counts (classifier) or the mean (regressor). */
  value: number[];
  nOutputs: number;
  impurity: number[];
  nNodeSamples: number[];
  weightedNNodeSamples: number[];
  maxDepth: number;
}

export interface CartOptions {
  criterion: CartCriterion;
  /** 'best' scans every threshold (CART); 'random' draws one threshold per feature (Extra-Trees). */
  splitter: 'best' | 'random';
  /** Infinity for unlimited depth. */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features examined per split (resolved to an integer in 1..cols). */
  maxFeatures: number;
  minImpurityDecrease: number;
  /** sklearn's splitter generator (feature draws, random thresholds). */
  rng: TreeRng;
}

export interface CartData {
  /** Row-major samples, already rounded to float32 like sklearn's DTYPE. */
  X: Float32Array;
  rows: number;
  cols: number;
  /** Per feature, the sample indices sorted by that feature (shared by every tree of an ensemble). */
  order: Int32Array[];
  /** Class index (classification) or target value (regression). */
  y: Float64Array;
  /** Number of classes, or 0 for regression. */
  nClasses: number;
  /** Sample weights (bootstrap counts, boosting weights); null means all ones. Zero-weight samples are dropped. */
  weight: Float64Array | null;
}

// sklearn's constants: features whose values differ by less than this are treated as equal, and
// impurity at or below machine epsilon makes a leaf.
const FEATURE_THRESHOLD = 1e-7;
const EPSILON = 2.220446049250313e-16;

/** X (row-major, float64) as float32, the precision sklearn's trees split on. */
export function toFloat32(data: Float64Array): Float32Array {
  return Float32Array.from(data);
}

/** For each feature, the sample indices sorted by value (ties by index). */
export function presort(X: Float32Array, rows: number, cols: number): Int32Array[] {
  const order: Int32Array[] = [];
  const values = new Float64Array(rows);
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < rows; i++) values[i] = X[i * cols + f];
    const idx = new Int32Array(rows);
    for (let i = 0; i < rows; i++) idx[i] = i;
    idx.sort((a, b) => values[a] - values[b] || a - b);
    order.push(idx);
  }
  return order;
}

function isClassification(c: CartCriterion): boolean {
  return c === 'gini' || c === 'entropy' || c === 'log_loss';
}

/** Impurity of a node from its weighted class counts (gini, or entropy in bits). */
function classImpurity(counts: Float64Array, off: number, K: number, w: number, entropy: boolean): number {
  if (entropy) {
    let e = 0;
    for (let k = 0; k < K; k++) {
      const p = counts[off + k] / w;
      if (p > 0) e -= p * (Math.log(p) / Math.LN2);
    }
    return e;
  }
  let sq = 0;
  for (let k = 0; k < K; k++) sq += counts[off + k] * counts[off + k];
  return 1 - sq / (w * w);
}

/**
 * Grows one CART tree depth first (nodes numbered in preorder, like sklearn's DepthFirstTreeBuilder)
 * on presorted sample lists: each node owns a range of every feature's sorted list, and a split
 * partitions those ranges stably, so no node ever re-sorts.
 */
export function buildTree(d: CartData, o: CartOptions): TreeState {
  const { X, cols, y, weight } = d;
  const K = d.nClasses;
  const classification = isClassification(o.criterion);
  const entropy = o.criterion === 'entropy' || o.criterion === 'log_loss';
  const friedman = o.criterion === 'friedman_mse';
  const nOut = classification ? K : 1;

  // Active samples (non-zero weight), each feature's list filtered from the global presort.
  let n = 0;
  for (let i = 0; i < d.rows; i++) if (!weight || weight[i] > 0) n++;
  const sorted = new Int32Array(cols * n);
  for (let f = 0; f < cols; f++) {
    const src = d.order[f];
    let k = f * n;
    for (let t = 0; t < src.length; t++) {
      const s = src[t];
      if (!weight || weight[s] > 0) sorted[k++] = s;
    }
  }
  let wTotal = 0;
  for (let k = 0; k < n; k++) wTotal += weight ? weight[sorted[k]] : 1;

  // Growing node storage.
  let cap = 64;
  let feature = new Int32Array(cap);
  let threshold = new Float64Array(cap);
  let left = new Int32Array(cap);
  let right = new Int32Array(cap);
  let value = new Float64Array(cap * nOut);
  let impurity = new Float64Array(cap);
  let nNode = new Int32Array(cap);
  let wNode = new Float64Array(cap);
  let count = 0;
  const grow = () => {
    cap *= 2;
    const g = <T extends Int32Array | Float64Array>(a: T, m = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(cap * m);
      b.set(a);
      return b;
    };
    feature = g(feature);
    threshold = g(threshold);
    left = g(left);
    right = g(right);
    value = g(value, nOut);
    impurity = g(impurity);
    nNode = g(nNode);
    wNode = g(wNode);
  };

  const xs = new Float64Array(n);
  const goLeft = new Uint8Array(d.rows);
  const tmp = new Int32Array(n);
  // sklearn's splitter bookkeeping: a feature permutation kept across nodes, with the features known
  // to be constant in the current node's ancestors at its front.
  const features = new Int32Array(cols);
  const constantFeatures = new Int32Array(cols);
  for (let f = 0; f < cols; f++) features[f] = f;
  const leftCounts = new Float64Array(Math.max(K, 1));
  const nodeCounts = new Float64Array(Math.max(K, 1));
  const rng = o.rng;
  let maxDepthSeen = 0;

  // Stack of pending nodes: start, end, depth, parent, isLeft.
  const stack: number[] = [0, n, 0, -1, 0, 0];
  // Stack of pending nodes: start, end, depth, parent, isLeft, known constant features.
  while (stack.length) {
    const nKnownConstants = stack.pop() as number;
    const isLeft = stack.pop() as number;
    const parent = stack.pop() as number;
    const depth = stack.pop() as number;
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    if (count === cap) grow();
    const id = count++;
    if (parent >= 0) {
      if (isLeft) left[parent] = id;
      else right[parent] = id;
    }
    if (depth > maxDepthSeen) maxDepthSeen = depth;
    const m = end - start;

    // Node statistics (from feature 0's list; every list holds the same samples).
    let w = 0;
    let sum = 0;
    let sq = 0;
    if (classification) nodeCounts.fill(0);
    for (let k = start; k < end; k++) {
      const s = sorted[k];
      const ws = weight ? weight[s] : 1;
      w += ws;
      if (classification) nodeCounts[y[s]] += ws;
      else {
        sum += ws * y[s];
        sq += ws * y[s] * y[s];
      }
    }
    let imp: number;
    if (classification) {
      imp = classImpurity(nodeCounts, 0, K, w, entropy);
      for (let k = 0; k < K; k++) value[id * nOut + k] = nodeCounts[k];
    } else {
      imp = sq / w - (sum / w) ** 2;
      value[id] = sum / w;
    }
    impurity[id] = imp;
    nNode[id] = m;
    wNode[id] = w;
    feature[id] = -1;
    threshold[id] = -2;
    left[id] = -1;
    right[id] = -1;

    if (depth >= o.maxDepth || m < o.minSamplesSplit || m < 2 * o.minSamplesLeaf || imp <= EPSILON) {
      continue;
    }

    // Search the split.
    let bestProxy = Number.NEGATIVE_INFINITY;
    let bestFeature = -1;
    let bestPos = -1;
    let bestThreshold = 0;
    let visited = 0;
    let nFoundConstants = 0;
    let nDrawnConstants = 0;
    let nTotalConstants = nKnownConstants;
    let fi = cols;
    while (
      fi > nTotalConstants &&
      (visited < o.maxFeatures || visited <= nFoundConstants + nDrawnConstants)
    ) {
      visited++;
      let fj = rng.int(nDrawnConstants, fi - nFoundConstants);
      if (fj < nKnownConstants) {
        const t = features[nDrawnConstants];
        features[nDrawnConstants] = features[fj];
        features[fj] = t;
        nDrawnConstants++;
        continue;
      }
      fj += nFoundConstants;
      const f = features[fj];
      const base = f * n;
      for (let k = start; k < end; k++) xs[k] = X[sorted[base + k] * cols + f];
      if (xs[end - 1] <= xs[start] + FEATURE_THRESHOLD) {
        features[fj] = features[nTotalConstants];
        features[nTotalConstants] = f;
        nFoundConstants++;
        nTotalConstants++;
        continue;
      }
      fi--;
      features[fj] = features[fi];
      features[fi] = f;
      if (o.splitter === 'random') {
        let t = rng.uniform(xs[start], xs[end - 1]);
        if (t === xs[end - 1]) t = xs[start];
        // First position whose value exceeds t.
        let lo = start;
        let hi = end;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (xs[mid] <= t) lo = mid + 1;
          else hi = mid;
        }
        const p = lo;
        if (p - start < o.minSamplesLeaf || end - p < o.minSamplesLeaf) continue;
        let wl = 0;
        let sl = 0;
        if (classification) leftCounts.fill(0);
        for (let k = start; k < p; k++) {
          const s = sorted[base + k];
          const ws = weight ? weight[s] : 1;
          wl += ws;
          if (classification) leftCounts[y[s]] += ws;
          else sl += ws * y[s];
        }
        const proxy = splitProxy(wl, sl, w - wl, sum - sl);
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = f;
          bestPos = p;
          bestThreshold = t;
        }
        continue;
      }
      let wl = 0;
      let sl = 0;
      if (classification) leftCounts.fill(0);
      for (let k = start; k < end - 1; k++) {
        const s = sorted[base + k];
        const ws = weight ? weight[s] : 1;
        wl += ws;
        if (classification) leftCounts[y[s]] += ws;
        else sl += ws * y[s];
        const p = k + 1;
        if (xs[p] <= xs[k] + FEATURE_THRESHOLD) continue;
        if (p - start < o.minSamplesLeaf) continue;
        if (end - p < o.minSamplesLeaf) break;
        const proxy = splitProxy(wl, sl, w - wl, sum - sl);
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = f;
          bestPos = p;
          // Sum of halves avoids overflow; fall back to the left value when rounding reaches the right one.
          let t = xs[k] / 2 + xs[p] / 2;
          if (t === xs[p] || !Number.isFinite(t)) t = xs[k];
          bestThreshold = t;
        }
      }
    }
    // Ancestors' constants keep their order for siblings and children; newly found ones are appended.
    for (let k = 0; k < nKnownConstants; k++) features[k] = constantFeatures[k];
    for (let k = nKnownConstants; k < nKnownConstants + nFoundConstants; k++)
      constantFeatures[k] = features[k];
    if (bestFeature < 0) continue;

    // Children's statistics for the impurity-decrease check.
    const base = bestFeature * n;
    let wl = 0;
    let sl = 0;
    let sql = 0;
    if (classification) leftCounts.fill(0);
    for (let k = start; k < bestPos; k++) {
      const s = sorted[base + k];
      const ws = weight ? weight[s] : 1;
      wl += ws;
      if (classification) leftCounts[y[s]] += ws;
      else {
        sl += ws * y[s];
        sql += ws * y[s] * y[s];
      }
    }
    const wr = w - wl;
    let impL: number;
    let impR: number;
    if (classification) {
      impL = classImpurity(leftCounts, 0, K, wl, entropy);
      for (let k = 0; k < K; k++) nodeCounts[k] -= leftCounts[k];
      impR = classImpurity(nodeCounts, 0, K, wr, entropy);
    } else {
      impL = sql / wl - (sl / wl) ** 2;
      impR = (sq - sql) / wr - ((sum - sl) / wr) ** 2;
    }
    const improvement = (w / wTotal) * (imp - (wr / w) * impR - (wl / w) * impL);
    if (improvement + EPSILON < o.minImpurityDecrease) continue;

    feature[id] = bestFeature;
    threshold[id] = bestThreshold;
    // Stable partition of every feature's range into left then right.
    for (let k = start; k < end; k++) goLeft[sorted[base + k]] = k < bestPos ? 1 : 0;
    for (let f = 0; f < cols; f++) {
      if (f === bestFeature) continue;
      const b = f * n;
      let li = start;
      let ri = 0;
      for (let k = start; k < end; k++) {
        const s = sorted[b + k];
        if (goLeft[s]) sorted[b + li++] = s;
        else tmp[ri++] = s;
      }
      for (let k = 0; k < ri; k++) sorted[b + li + k] = tmp[k];
    }
    // Right pushed first so the left child is built next (preorder ids).
    stack.push(bestPos, end, depth + 1, id, 0, nTotalConstants);
    stack.push(start, bestPos, depth + 1, id, 1, nTotalConstants);
  }

  return {
    feature: Array.from(feature.subarray(0, count)),
    threshold: Array.from(threshold.subarray(0, count)),
    left: Array.from(left.subarray(0, count)),
    right: Array.from(right.subarray(0, count)),
    value: Array.from(value.subarray(0, count * nOut)),
    nOutputs: nOut,
    impurity: Array.from(impurity.subarray(0, count)),
    nNodeSamples: Array.from(nNode.subarray(0, count)),
    weightedNNodeSamples: Array.from(wNode.subarray(0, count)),
    maxDepth: maxDepthSeen,
  };

  /** sklearn's proxy improvement: larger is better, equivalent to the impurity decrease. */
  function splitProxy(wl: number, sl: number, wr: number, sr: number): number {
    if (classification) {
      let il: number;
      let ir: number;
      if (entropy) {
        il = 0;
        ir = 0;
        for (let k = 0; k < K; k++) {
          const pl = leftCounts[k] / wl;
          if (pl > 0) il -= pl * (Math.log(pl) / Math.LN2);
          const pr = (nodeCounts[k] - leftCounts[k]) / wr;
          if (pr > 0) ir -= pr * (Math.log(pr) / Math.LN2);
        }
      } else {
        let sqL = 0;
        let sqR = 0;
        for (let k = 0; k < K; k++) {
          const cl = leftCounts[k];
          const cr = nodeCounts[k] - cl;
          sqL += cl * cl;
          sqR += cr * cr;
        }
        il = 1 - sqL / (wl * wl);
        ir = 1 - sqR / (wr * wr);
      }
      return -wr * ir - wl * il;
    }
    if (friedman) {
      const diff = wr * sl - wl * sr;
      return (diff * diff) / (wl * wr);
    }
    return (sl * sl) / wl + (sr * sr) / wr;
  }
}

/** Index of the leaf that row `i` of the float32 matrix reaches. */
export function applyRow(t: TreeState, X: Float32Array, cols: number, i: number): number {
  let node = 0;
  while (t.feature[node] >= 0) {
    node = X[i * cols + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
  }
  return node;
}

/** Leaf index of every row. */
export function applyTree(t: TreeState, X: Float32Array, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = applyRow(t, X, cols, i);
  return out;
}

/** Unnormalised impurity-decrease importances: Σ over splits of w·imp − w_l·imp_l − w_r·imp_r, over the root weight. */
export function rawImportances(t: TreeState, cols: number): Float64Array {
  const imp = new Float64Array(cols);
  for (let node = 0; node < t.feature.length; node++) {
    const f = t.feature[node];
    if (f < 0) continue;
    const l = t.left[node];
    const r = t.right[node];
    imp[f] +=
      t.weightedNNodeSamples[node] * t.impurity[node] -
      t.weightedNNodeSamples[l] * t.impurity[l] -
      t.weightedNNodeSamples[r] * t.impurity[r];
  }
  const w0 = t.weightedNNodeSamples[0];
  for (let f = 0; f < cols; f++) imp[f] /= w0;
  return imp;
}

/** Scales to sum 1 (left as zeros when the tree never split). */
export function normalise(v: Float64Array): number[] {
  let s = 0;
  for (const x of v) s += x;
  return Array.from(v, (x) => (s > 0 ? x / s : 0));
}

/** Resolves sklearn's max_features (int, float fraction, 'sqrt', 'log2', null = all) to a count. */
export function resolveMaxFeatures(
  op: string,
  maxFeatures: number | 'sqrt' | 'log2' | null,
  cols: number,
): number {
  let k: number;
  if (maxFeatures === null) k = cols;
  else if (maxFeatures === 'sqrt') k = Math.max(1, Math.floor(Math.sqrt(cols)));
  else if (maxFeatures === 'log2') k = Math.max(1, Math.floor(Math.log2(cols)));
  else if (Number.isInteger(maxFeatures) && maxFeatures >= 1) {
    if (maxFeatures > cols)
      throw new ValueError(
        `${op}: 'maxFeatures' (${maxFeatures}) must not exceed the number of features (${cols}).`,
      );
    k = maxFeatures;
  } else k = Math.max(1, Math.floor(maxFeatures * cols));
  return k;
}

/** Resolves min_samples_split / min_samples_leaf given as a count or a fraction of the samples. */
export function resolveCount(v: number, rows: number, split: boolean): number {
  if (Number.isInteger(v) && v >= 1 && !(v === 1 && split)) return v;
  return split ? Math.max(2, Math.ceil(v * rows)) : Math.max(1, Math.ceil(v * rows));
}
