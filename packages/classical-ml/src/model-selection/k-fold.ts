import { ValueError } from '../errors';
import { encodeLabels, type Label } from '../internal/labels';
import { Random } from '../internal/random';

/** One cross-validation split: the training and the test sample indices (ascending). */
export interface Split {
  train: number[];
  test: number[];
}

export interface KFoldOptions {
  /** Number of folds, at least 2 (default 5). */
  nSplits?: number;
  /** Shuffle the samples before splitting (default false). */
  shuffle?: boolean;
  /**
   * Seed of the shuffle (default 0). The shuffle uses this package's own seeded generator, so folds
   * with `shuffle: true` are deterministic but differ from sklearn's; without shuffle they equal sklearn's.
   */
  randomState?: number;
}

function checkOptions(name: string, o: KFoldOptions): Required<KFoldOptions> {
  const nSplits = o.nSplits ?? 5;
  if (!Number.isInteger(nSplits) || nSplits < 2)
    throw new ValueError(`${name}: 'nSplits' must be an integer >= 2, got ${JSON.stringify(nSplits)}.`);
  const shuffle = o.shuffle ?? false;
  if (typeof shuffle !== 'boolean')
    throw new ValueError(`${name}: 'shuffle' must be a boolean, got ${JSON.stringify(shuffle)}.`);
  const randomState = o.randomState ?? 0;
  if (!Number.isSafeInteger(randomState) || randomState < 0)
    throw new ValueError(
      `${name}: 'randomState' must be a non-negative integer, got ${JSON.stringify(randomState)}.`,
    );
  return { nSplits, shuffle, randomState };
}

function complement(n: number, test: number[]): number[] {
  const inTest = new Uint8Array(n);
  for (const i of test) inTest[i] = 1;
  const train: number[] = [];
  for (let i = 0; i < n; i++) if (!inTest[i]) train.push(i);
  return train;
}

/**
 * K-fold cross-validation like sklearn's KFold: consecutive folds, the first `n % nSplits` one sample
 * larger; without shuffling the folds are exactly sklearn's.
 */
export class KFold {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: number;

  constructor(options: KFoldOptions = {}) {
    const o = checkOptions('KFold', options);
    this.nSplits = o.nSplits;
    this.shuffle = o.shuffle;
    this.randomState = o.randomState;
  }

  /** The `nSplits` train/test splits of `nSamples` samples (a count, or anything with a length). */
  split(X: number | { length: number } | { shape: readonly [number, number] }): Split[] {
    const n = typeof X === 'number' ? X : 'shape' in X ? X.shape[0] : X.length;
    if (this.nSplits > n)
      throw new ValueError(
        `KFold: 'nSplits' (${this.nSplits}) must not exceed the number of samples (${n}).`,
      );
    const order = Array.from({ length: n }, (_, i) => i);
    if (this.shuffle) new Random(this.randomState).shuffle(order);
    const splits: Split[] = [];
    let start = 0;
    for (let f = 0; f < this.nSplits; f++) {
      const size = Math.floor(n / this.nSplits) + (f < n % this.nSplits ? 1 : 0);
      const test = order.slice(start, start + size).sort((a, b) => a - b);
      start += size;
      splits.push({ train: complement(n, test), test });
    }
    return splits;
  }
}

/**
 * Stratified K-fold like sklearn's StratifiedKFold (1.2): each class is dealt round-robin over the
 * folds so every fold keeps the class proportions; classes are taken in order of first appearance
 * and, without shuffling, the folds equal sklearn's exactly.
 */
export class StratifiedKFold {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: number;

  constructor(options: KFoldOptions = {}) {
    const o = checkOptions('StratifiedKFold', options);
    this.nSplits = o.nSplits;
    this.shuffle = o.shuffle;
    this.randomState = o.randomState;
  }

  /** The `nSplits` train/test splits, stratified on the labels `y`. */
  split(_X: unknown, y: readonly Label[]): Split[] {
    const n = y.length;
    const { classes, indices } = encodeLabels('StratifiedKFold.split', y, n);
    // Re-encode classes by order of first appearance, as sklearn does.
    const firstSeen = new Array<number>(classes.length).fill(-1);
    for (let i = 0; i < n; i++) if (firstSeen[indices[i]] < 0) firstSeen[indices[i]] = i;
    const byAppearance = firstSeen.map((_, c) => c).sort((a, b) => firstSeen[a] - firstSeen[b]);
    const rank = new Array<number>(classes.length);
    byAppearance.forEach((c, r) => {
      rank[c] = r;
    });
    const enc = Array.from(indices, (c) => rank[c]);
    const nClasses = classes.length;
    const counts = new Array<number>(nClasses).fill(0);
    for (const c of enc) counts[c]++;
    if (counts.every((c) => c < this.nSplits))
      throw new ValueError(
        `StratifiedKFold: 'nSplits' (${this.nSplits}) must not exceed the number of members of every class (largest class has ${Math.max(...counts)}).`,
      );
    // allocation[f][c]: how many samples of class c go to test fold f (round robin over sorted labels).
    const sorted = [...enc].sort((a, b) => a - b);
    const allocation = Array.from({ length: this.nSplits }, () => new Array<number>(nClasses).fill(0));
    for (let i = 0; i < n; i++) allocation[i % this.nSplits][sorted[i]]++;
    const rng = new Random(this.randomState);
    const testFold = new Int32Array(n);
    for (let c = 0; c < nClasses; c++) {
      const folds: number[] = [];
      for (let f = 0; f < this.nSplits; f++) for (let k = 0; k < allocation[f][c]; k++) folds.push(f);
      if (this.shuffle) rng.shuffle(folds);
      let k = 0;
      for (let i = 0; i < n; i++) if (enc[i] === c) testFold[i] = folds[k++];
    }
    const splits: Split[] = [];
    for (let f = 0; f < this.nSplits; f++) {
      const test: number[] = [];
      for (let i = 0; i < n; i++) if (testFold[i] === f) test.push(i);
      splits.push({ train: complement(n, test), test });
    }
    return splits;
  }
}
