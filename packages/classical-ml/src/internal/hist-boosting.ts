import { Random } from './random';

/** Parameters shared by the histogram gradient-boosting estimators (XGBoost's names and defaults). */
export interface HistBoostingParams {
  /** Boosting rounds (default 100). */
  nEstimators: number;
  /** Shrinkage η of every leaf weight (default 0.3, XGBoost's eta). */
  learningRate: number;
  /** Maximum tree depth (default 6). */
  maxDepth: number;
  /** L2 penalty λ on leaf weights (default 1). */
  lambda: number;
  /** L1 penalty α on leaf weights (default 0). */
  alpha: number;
  /** Minimum loss reduction γ to make a split (default 0, XGBoost's min_split_loss). */
  gamma: number;
  /** Minimum hessian sum in each child (default 1). */
  minChildWeight: number;
  /** Histogram bins per feature for non-missing values, at most 255 (default 255); NaN gets its own bin. */
  maxBins: number;
  /** Fraction held out for early stopping (default 0.1; used when `nIterNoChange` is set). */
  validationFraction: number;
  /** Stop after this many rounds without validation-loss improvement; null disables early stopping (default). */
  nIterNoChange: number | null;
  /** Minimum validation-loss improvement that counts (default 1e-7). */
  tol: number;
  /** Seed of the validation split (default 0). */
  randomState: number;
}

/** One fitted tree: leaves have feature -1; `missingLeft` is the learned direction of NaN. */
export interface HistTree {
  feature: number[];
  threshold: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface HistModel {
  /** Initial raw score per output. */
  base: number[];
  /** trees[round][k]. */
  trees: HistTree[][];
  /** Validation loss per round when early stopping ran. */
  validationLoss: number[];
}

export type HistObjective = 'squared_error' | 'binary' | 'multiclass';

const MISSING = 255;

/** Bin edges per feature: midpoints of distinct values when few, else quantiles (NaN ignored). */
export function binEdges(data: Float64Array, rows: number, cols: number, maxBins: number): number[][] {
  const edges: number[][] = [];
  for (let f = 0; f < cols; f++) {
    const v: number[] = [];
    for (let i = 0; i < rows; i++) {
      const x = data[i * cols + f];
      if (!Number.isNaN(x)) v.push(x);
    }
    v.sort((a, b) => a - b);
    const distinct: number[] = [];
    for (const x of v) if (distinct.length === 0 || x !== distinct[distinct.length - 1]) distinct.push(x);
    const e: number[] = [];
    if (distinct.length <= maxBins) {
      for (let k = 0; k + 1 < distinct.length; k++) e.push(distinct[k] / 2 + distinct[k + 1] / 2);
    } else {
      for (let b = 1; b < maxBins; b++) {
        const pos = (b / maxBins) * (v.length - 1);
        const lo = Math.floor(pos);
        const q = v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (pos - lo);
        if (e.length === 0 || q > e[e.length - 1]) e.push(q);
      }
    }
    edges.push(e);
  }
  return edges;
}

/** Column-major bin codes (cols × rows); NaN → 255. */
export function binData(data: Float64Array, rows: number, cols: number, edges: number[][]): Uint8Array {
  const out = new Uint8Array(rows * cols);
  for (let f = 0; f < cols; f++) {
    const e = edges[f];
    for (let i = 0; i < rows; i++) {
      const x = data[i * cols + f];
      if (Number.isNaN(x)) {
        out[f * rows + i] = MISSING;
        continue;
      }
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (x <= e[mid]) hi = mid;
        else lo = mid + 1;
      }
      out[f * rows + i] = lo;
    }
  }
  return out;
}

const thresholdL1 = (g: number, alpha: number): number =>
  g > alpha ? g - alpha : g < -alpha ? g + alpha : 0;

/**
 * Grows one depth-wise tree on binned data from gradients and hessians, XGBoost's exact-gain rule on
 * histograms: gain = T(G_L)²/(H_L+λ) + T(G_R)²/(H_R+λ) − T(G)²/(H+λ) with T the L1 soft threshold,
 * trying missing values on both sides; a split needs gain > γ and H ≥ minChildWeight on both sides.
 * Leaf weight −η·T(G)/(H+λ).
 */
function growHistTree(
  bins: Uint8Array,
  rows: number,
  cols: number,
  nBins: number[],
  edges: number[][],
  g: Float64Array,
  h: Float64Array,
  sample: Int32Array,
  p: HistBoostingParams,
): HistTree {
  const tree: HistTree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [] };
  const score = (G: number, H: number) => {
    const t = thresholdL1(G, p.alpha);
    return (t * t) / (H + p.lambda);
  };
  const hist = (idx: Int32Array): Float64Array => {
    const out = new Float64Array(cols * 256 * 2);
    for (let f = 0; f < cols; f++) {
      const col = f * rows;
      const base = f * 512;
      for (let t = 0; t < idx.length; t++) {
        const i = idx[t];
        const b = base + bins[col + i] * 2;
        out[b] += g[i];
        out[b + 1] += h[i];
      }
    }
    return out;
  };
  const grow = (idx: Int32Array, H: Float64Array, depth: number): number => {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    let G = 0;
    let Hs = 0;
    for (let b = 0; b < 256; b++) {
      G += H[b * 2];
      Hs += H[b * 2 + 1];
    }
    tree.value.push((-p.learningRate * thresholdL1(G, p.alpha)) / (Hs + p.lambda));
    if (depth >= p.maxDepth || idx.length < 2 || Hs < 2 * p.minChildWeight) return id;
    const parent = score(G, Hs);
    let best = Math.max(p.gamma, 1e-6);
    let bf = -1;
    let bb = -1;
    let bMissLeft = false;
    for (let f = 0; f < cols; f++) {
      const base = f * 512;
      const gm = H[base + MISSING * 2];
      const hm = H[base + MISSING * 2 + 1];
      const hasMissing = hm > 0;
      let GL = 0;
      let HL = 0;
      for (let b = 0; b + 1 < nBins[f]; b++) {
        GL += H[base + b * 2];
        HL += H[base + b * 2 + 1];
        for (let dir = 0; dir < (hasMissing ? 2 : 1); dir++) {
          const gl = dir ? GL + gm : GL;
          const hl = dir ? HL + hm : HL;
          const hr = Hs - hl;
          if (hl < p.minChildWeight || hr < p.minChildWeight) continue;
          const gain = score(gl, hl) + score(G - gl, hr) - parent;
          if (gain > best) {
            best = gain;
            bf = f;
            bb = b;
            bMissLeft = dir === 1 || (!hasMissing && hl >= hr);
          }
        }
      }
    }
    if (bf < 0) return id;
    tree.feature[id] = bf;
    tree.threshold[id] = edges[bf][bb];
    tree.missingLeft[id] = bMissLeft ? 1 : 0;
    const col = bf * rows;
    let nl = 0;
    for (let t = 0; t < idx.length; t++) {
      const c = bins[col + idx[t]];
      if (c === MISSING ? bMissLeft : c <= bb) nl++;
    }
    const li = new Int32Array(nl);
    const ri = new Int32Array(idx.length - nl);
    let a = 0;
    let z = 0;
    for (let t = 0; t < idx.length; t++) {
      const c = bins[col + idx[t]];
      if (c === MISSING ? bMissLeft : c <= bb) li[a++] = idx[t];
      else ri[z++] = idx[t];
    }
    // Histogram subtraction: build the smaller child's, derive the other's from the parent.
    const small = nl <= idx.length - nl ? li : ri;
    const hs = hist(small);
    const hb = new Float64Array(H.length);
    for (let k = 0; k < H.length; k++) hb[k] = H[k] - hs[k];
    const [hl, hr] = small === li ? [hs, hb] : [hb, hs];
    tree.left[id] = grow(li, hl, depth + 1);
    tree.right[id] = grow(ri, hr, depth + 1);
    return id;
  };
  grow(sample, hist(sample), 0);
  return tree;
}

/** Raw leaf value of one sample (row-major raw features, NaN follows the learned direction). */
export function histTreeValue(t: HistTree, data: Float64Array, cols: number, i: number): number {
  let node = 0;
  while (t.feature[node] >= 0) {
    const x = data[i * cols + t.feature[node]];
    const goLeft = Number.isNaN(x) ? t.missingLeft[node] === 1 : x <= t.threshold[node];
    node = goLeft ? t.left[node] : t.right[node];
  }
  return t.value[node];
}

/** Raw scores (rows × K). */
export function histRaw(model: HistModel, data: Float64Array, rows: number, cols: number): Float64Array {
  const K = model.base.length;
  const raw = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) raw[i * K + k] = model.base[k];
  for (const round of model.trees)
    for (let k = 0; k < K; k++)
      for (let i = 0; i < rows; i++) raw[i * K + k] += histTreeValue(round[k], data, cols, i);
  return raw;
}

/** Fits the boosted model; `y` is the target (regression) or class index. */
export function fitHistBoosting(
  data: Float64Array,
  rows: number,
  cols: number,
  y: Float64Array,
  objective: HistObjective,
  nClasses: number,
  p: HistBoostingParams,
): HistModel {
  const K = objective === 'multiclass' ? nClasses : 1;
  // Optional validation split for early stopping.
  let train = Int32Array.from({ length: rows }, (_, i) => i);
  let valid = new Int32Array(0);
  if (p.nIterNoChange !== null) {
    const perm = new Random(p.randomState).shuffle(Int32Array.from(train)) as Int32Array;
    const nVal = Math.max(1, Math.floor(p.validationFraction * rows));
    valid = perm.slice(0, nVal).sort();
    train = perm.slice(nVal).sort();
  }
  const n = train.length;
  const tdata = new Float64Array(n * cols);
  const ty = new Float64Array(n);
  train.forEach((i, t) => {
    tdata.set(data.subarray(i * cols, (i + 1) * cols), t * cols);
    ty[t] = y[i];
  });
  const edges = binEdges(tdata, n, cols, p.maxBins);
  const bins = binData(tdata, n, cols, edges);
  const nBins = edges.map((e) => e.length + 1);

  const base: number[] = [];
  if (objective === 'squared_error') base.push(ty.reduce((a, b) => a + b, 0) / n);
  else {
    const counts = new Float64Array(Math.max(nClasses, 2));
    for (let i = 0; i < n; i++) counts[ty[i]]++;
    const clip = (v: number) => Math.min(Math.max(v, 1e-7), 1 - 1e-7);
    if (K === 1) {
      const q = clip(counts[1] / n);
      base.push(Math.log(q / (1 - q)));
    } else for (let k = 0; k < K; k++) base.push(Math.log(clip(counts[k] / n)));
  }
  const raw = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = base[k];
  const vdata = new Float64Array(valid.length * cols);
  valid.forEach((i, t) => {
    vdata.set(data.subarray(i * cols, (i + 1) * cols), t * cols);
  });
  const vraw = new Float64Array(valid.length * K);
  for (let i = 0; i < valid.length; i++) for (let k = 0; k < K; k++) vraw[i * K + k] = base[k];

  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const prob = new Float64Array(n * K);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const trees: HistTree[][] = [];
  const validationLoss: number[] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestRound = -1;
  for (let round = 0; round < p.nEstimators; round++) {
    if (K > 1) softmaxRows(raw, n, K, prob);
    const roundTrees: HistTree[] = [];
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < n; i++) {
        if (objective === 'squared_error') {
          g[i] = raw[i] - ty[i];
          h[i] = 1;
        } else if (K === 1) {
          const q = 1 / (1 + Math.exp(-raw[i]));
          g[i] = q - ty[i];
          h[i] = Math.max(q * (1 - q), 1e-16);
        } else {
          const q = prob[i * K + k];
          g[i] = q - (ty[i] === k ? 1 : 0);
          h[i] = Math.max(2 * q * (1 - q), 1e-16);
        }
      }
      const tree = growHistTree(bins, n, cols, nBins, edges, g, h, all, p);
      roundTrees.push(tree);
      for (let i = 0; i < n; i++) raw[i * K + k] += histTreeValue(tree, tdata, cols, i);
      for (let i = 0; i < valid.length; i++) vraw[i * K + k] += histTreeValue(tree, vdata, cols, i);
    }
    trees.push(roundTrees);
    if (p.nIterNoChange !== null) {
      const vy = Float64Array.from(valid, (i) => y[i]);
      const loss = lossOf(objective, vraw, vy, valid.length, K);
      validationLoss.push(loss);
      if (loss < bestLoss - p.tol) {
        bestLoss = loss;
        bestRound = round;
      } else if (round - bestRound >= p.nIterNoChange) {
        trees.length = bestRound + 1;
        break;
      }
    }
  }
  return { base, trees, validationLoss };
}

function softmaxRows(raw: Float64Array, n: number, K: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let mx = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) mx = Math.max(mx, raw[i * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) {
      out[i * K + k] = Math.exp(raw[i * K + k] - mx);
      s += out[i * K + k];
    }
    for (let k = 0; k < K; k++) out[i * K + k] /= s;
  }
}

/** Mean loss on raw scores: squared error / 2, binary or multinomial log-loss. */
function lossOf(objective: HistObjective, raw: Float64Array, y: Float64Array, n: number, K: number): number {
  let s = 0;
  if (objective === 'squared_error') for (let i = 0; i < n; i++) s += 0.5 * (raw[i] - y[i]) ** 2;
  else if (K === 1)
    for (let i = 0; i < n; i++) {
      const z = raw[i];
      s += Math.max(z, 0) - z * y[i] + Math.log1p(Math.exp(-Math.abs(z)));
    }
  else {
    const prob = new Float64Array(n * K);
    softmaxRows(raw, n, K, prob);
    for (let i = 0; i < n; i++) s -= Math.log(Math.max(prob[i * K + y[i]], 1e-300));
  }
  return s / n;
}
